import { describe, expect, it } from "vitest";
import { OVERSCAN, ROW_HEIGHT, rowWindow, VIEWPORT_HEIGHT } from "./useRowWindow";

describe("the row window", () => {
  const inView = Math.ceil(VIEWPORT_HEIGHT / ROW_HEIGHT);

  it("renders the rows in view plus a margin below at the top", () => {
    expect(rowWindow(1000, 0, VIEWPORT_HEIGHT)).toEqual({
      first: 0,
      last: inView + OVERSCAN,
      padTop: 0,
      padBottom: (1000 - inView - OVERSCAN) * ROW_HEIGHT,
    });
  });

  it("moves with the scroll position, with a margin on both sides", () => {
    const scrolled = rowWindow(1000, 500 * ROW_HEIGHT, VIEWPORT_HEIGHT);
    expect(scrolled.first).toBe(500 - OVERSCAN);
    expect(scrolled.last).toBe(500 + inView + OVERSCAN);
    // The space above and below plus the rendered rows always add up to the whole list.
    expect(scrolled.padTop + (scrolled.last - scrolled.first) * ROW_HEIGHT + scrolled.padBottom).toBe(1000 * ROW_HEIGHT);
  });

  it("ends at the last row and renders everything of a short list", () => {
    const end = rowWindow(1000, 1000 * ROW_HEIGHT, VIEWPORT_HEIGHT);
    expect(end.last).toBe(1000);
    expect(end.padBottom).toBe(0);
    expect(rowWindow(5, 0, VIEWPORT_HEIGHT)).toEqual({ first: 0, last: 5, padTop: 0, padBottom: 0 });
    expect(rowWindow(0, 300, VIEWPORT_HEIGHT)).toEqual({ first: 0, last: 0, padTop: 0, padBottom: 0 });
  });
});
