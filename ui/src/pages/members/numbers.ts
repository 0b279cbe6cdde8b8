/**
 * Unit costs and percentages as the user reads and types them: in the UI language's
 * number format ("1,200.5" in English and Japanese, "1 200,5" in Swedish). Parsing is
 * strict about the decimal mark — in Swedish "1.200" could mean either, so it is refused
 * with an example rather than guessed.
 */
import { UNIT_COST_DECIMALS } from "./staging";

export type NumberProblem = "notNumber" | "negative" | "tooManyDecimals" | "belowMinus100";

export type ParsedCost = { ok: true; value: number | null } | { ok: false; problem: NumberProblem };
export type ParsedPercent = { ok: true; value: number } | { ok: false; problem: NumberProblem };

interface Symbols {
  group: string;
  decimal: string;
}

const symbolCache = new Map<string, Symbols>();

/** The language's thousands and decimal marks, as Intl writes them. */
export function numberSymbols(language: string): Symbols {
  const cached = symbolCache.get(language);
  if (cached) return cached;
  const parts = new Intl.NumberFormat(language).formatToParts(12345.6);
  const symbols = {
    group: parts.find((part) => part.type === "group")?.value ?? ",",
    decimal: parts.find((part) => part.type === "decimal")?.value ?? ".",
  };
  symbolCache.set(language, symbols);
  return symbols;
}

/** A number in the UI language, with at most two decimals ("1,000", "1 000,5"). */
export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: UNIT_COST_DECIMALS }).format(value);
}

/** A number to put into an input for editing: no thousands marks, the language's decimal mark. */
export function editableNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: UNIT_COST_DECIMALS, useGrouping: false }).format(value);
}

/** What an input for a cost accepts, as an example in the user's format. */
export function costExample(language: string): string {
  return formatNumber(1200.5, language).replace(/\u00a0|\u202f/g, " ");
}

const WHITESPACE = /[\s\u00a0\u202f]/g;
const MINUS = /^[-\u2212]/;

/**
 * A signed number typed in `language`'s format; whitespace and the language's thousands
 * mark group digits (in threes), the language's decimal mark separates decimals.
 * Full-width digits and marks from a Japanese input method count as their ASCII selves.
 */
function parseSigned(text: string, language: string): { ok: true; value: number; decimals: number } | { ok: false } {
  const { group, decimal } = numberSymbols(language);
  let rest = text.normalize("NFKC").trim();
  let sign = 1;
  if (MINUS.test(rest)) {
    sign = -1;
    rest = rest.slice(1).trim();
  } else if (rest.startsWith("+")) {
    rest = rest.slice(1).trim();
  }
  const groupIsSpace = group.replace(WHITESPACE, "") === "";
  const [whole = "", fraction, extra] = rest.split(decimal);
  if (extra !== undefined) return { ok: false };
  const grouped = groupIsSpace ? whole.replace(WHITESPACE, " ") : whole.replace(WHITESPACE, group);
  const mark = groupIsSpace ? " " : group;
  const parts = grouped.split(mark);
  const wellGrouped =
    parts.length === 1 ? /^\d*$/.test(parts[0] ?? "") : /^\d{1,3}$/.test(parts[0] ?? "") && parts.slice(1).every((part) => /^\d{3}$/.test(part));
  if (!wellGrouped) return { ok: false };
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return { ok: false };
  const digits = parts.join("");
  if (digits === "" && fraction === undefined) return { ok: false };
  const value = Number(`${digits || "0"}.${fraction ?? "0"}`);
  if (!Number.isFinite(value)) return { ok: false };
  return { ok: true, value: sign * value, decimals: fraction?.length ?? 0 };
}

/**
 * A unit cost typed by the user: empty means the system default (null); otherwise a
 * number of 0 or more with at most two decimals.
 */
export function parseCost(text: string, language: string): ParsedCost {
  if (text.trim() === "") return { ok: true, value: null };
  const parsed = parseSigned(text, language);
  if (!parsed.ok) return { ok: false, problem: "notNumber" };
  if (parsed.value < 0) return { ok: false, problem: "negative" };
  if (parsed.decimals > UNIT_COST_DECIMALS) return { ok: false, problem: "tooManyDecimals" };
  // "-0" is zero, not a negative cost.
  return { ok: true, value: parsed.value === 0 ? 0 : parsed.value };
}

/** A change in percent (+10, -5, 2.5 %); -100 at the lowest (a cost of 0). */
export function parsePercent(text: string, language: string): ParsedPercent {
  const parsed = parseSigned(text.replace(/[%％]\s*$/, ""), language);
  if (!parsed.ok) return { ok: false, problem: "notNumber" };
  if (parsed.decimals > UNIT_COST_DECIMALS) return { ok: false, problem: "tooManyDecimals" };
  if (parsed.value < -100) return { ok: false, problem: "belowMinus100" };
  return { ok: true, value: parsed.value === 0 ? 0 : parsed.value };
}
