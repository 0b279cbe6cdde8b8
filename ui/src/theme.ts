import { createTheme, type CSSVariablesResolver } from "@mantine/core";

// Japanese text needs a Japanese-capable face early in the stack, or WebViews fall back
// to a mismatched font per glyph.
const FONT_STACK = [
  "system-ui",
  "-apple-system",
  "'Segoe UI'",
  "'Hiragino Sans'",
  "'Hiragino Kaku Gothic ProN'",
  "'Yu Gothic UI'",
  "Meiryo",
  "'Noto Sans CJK JP'",
  "'Noto Sans JP'",
  "Roboto",
  "Helvetica",
  "Arial",
  "sans-serif",
].join(", ");

export const theme = createTheme({
  // Rings appear for keyboard focus only (:focus-visible); styles.css makes them thicker
  // than Mantine's default so they are easy to follow in both colour schemes.
  focusRing: "auto",
  primaryColor: "indigo",
  // Shade 7 keeps white button text above 4.5:1 contrast in light mode.
  primaryShade: { light: 7, dark: 8 },
  fontFamily: FONT_STACK,
  headings: { fontFamily: FONT_STACK, textWrap: "balance" },
  defaultRadius: "md",
});

/**
 * Mantine's "dimmed" grey is below the 4.5:1 contrast WCAG AA asks for body text on both
 * schemes (axe flags it); one step stronger keeps the hierarchy and passes. The same holds
 * for light teal (success), orange (warning) and grey alerts in the light scheme, and for
 * the red of a field's error message (and of the invalid input's own text) in both schemes.
 * Mantine's darkest orange is still below 4.5:1 on white, hence the darker shade.
 */
export const WARNING_TEXT_LIGHT = "#a63a00";

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    "--mantine-color-teal-light": "var(--mantine-color-teal-0)",
    "--mantine-color-teal-light-color": "var(--mantine-color-teal-9)",
    "--mantine-color-orange-light-color": WARNING_TEXT_LIGHT,
    "--mantine-color-gray-light-color": "var(--mantine-color-gray-8)",
    "--mantine-color-error": "var(--mantine-color-red-9)",
  },
  dark: {
    "--mantine-color-dimmed": "var(--mantine-color-dark-1)",
    "--mantine-color-error": "var(--mantine-color-red-4)",
  },
});
