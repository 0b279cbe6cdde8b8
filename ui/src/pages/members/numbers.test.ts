import { describe, expect, it } from "vitest";
import { costExample, editableNumber, formatNumber, parseCost, parsePercent } from "./numbers";

const value = (parsed: ReturnType<typeof parseCost>) => (parsed.ok ? parsed.value : parsed.problem);

describe("unit costs typed in the user's language", () => {
  it.each([
    ["1,200.50", 1200.5],
    ["1200.5", 1200.5],
    [" 1,000 ", 1000],
    ["1 200.5", 1200.5],
    ["0", 0],
    [".5", 0.5],
    ["１，２００．５", 1200.5],
    ["1,234,567.89", 1234567.89],
  ])("en reads %j as %d", (text, expected) => {
    expect(value(parseCost(text, "en"))).toBe(expected);
    expect(value(parseCost(text, "ja"))).toBe(expected);
  });

  it.each([
    ["1 200,50", 1200.5],
    ["1\u00a0200,5", 1200.5],
    ["1\u202f200,5", 1200.5],
    ["1200,5", 1200.5],
    ["1000", 1000],
    ["0,25", 0.25],
  ])("sv reads %j as %d", (text, expected) => {
    expect(value(parseCost(text, "sv"))).toBe(expected);
  });

  it("reads an empty field as the system default", () => {
    expect(parseCost("", "en")).toEqual({ ok: true, value: null });
    expect(parseCost("   ", "sv")).toEqual({ ok: true, value: null });
  });

  it.each([
    ["en", "1.200,50"],
    ["en", "1,20"],
    ["en", "12,00,000"],
    ["en", "1.2.3"],
    ["en", "abc"],
    ["en", "1e5"],
    ["en", "."],
    ["sv", "1.200,50"],
    ["sv", "1,200.50"],
    ["sv", "1 20"],
    ["ja", "千"],
  ])("%s refuses %j as not a number", (language, text) => {
    expect(parseCost(text, language)).toEqual({ ok: false, problem: "notNumber" });
  });

  it("refuses negative costs and more than two decimals", () => {
    expect(parseCost("-5", "en")).toEqual({ ok: false, problem: "negative" });
    expect(parseCost("\u22125", "sv")).toEqual({ ok: false, problem: "negative" });
    expect(parseCost("1.234", "en")).toEqual({ ok: false, problem: "tooManyDecimals" });
    expect(parseCost("1,234", "sv")).toEqual({ ok: false, problem: "tooManyDecimals" });
    expect(parseCost("-0", "en")).toEqual({ ok: true, value: 0 });
  });
});

describe("percentages", () => {
  it("read a sign and an optional percent sign", () => {
    expect(parsePercent("10", "en")).toEqual({ ok: true, value: 10 });
    expect(parsePercent("+2.5 %", "en")).toEqual({ ok: true, value: 2.5 });
    expect(parsePercent("-5%", "ja")).toEqual({ ok: true, value: -5 });
    expect(parsePercent("−2,5 %", "sv")).toEqual({ ok: true, value: -2.5 });
    expect(parsePercent("-100", "en")).toEqual({ ok: true, value: -100 });
  });

  it("refuse an empty field, less than -100 and junk", () => {
    expect(parsePercent("", "en")).toEqual({ ok: false, problem: "notNumber" });
    expect(parsePercent("-100.5", "en")).toEqual({ ok: false, problem: "belowMinus100" });
    expect(parsePercent("ten", "en")).toEqual({ ok: false, problem: "notNumber" });
    expect(parsePercent("1.555", "en")).toEqual({ ok: false, problem: "tooManyDecimals" });
  });
});

describe("showing numbers", () => {
  it("formats in the UI language with at most two decimals", () => {
    expect(formatNumber(1000, "en")).toBe("1,000");
    expect(formatNumber(1000, "ja")).toBe("1,000");
    expect(formatNumber(1200.5, "sv")).toBe("1\u00a0200,5");
    expect(formatNumber(3666.663, "en")).toBe("3,666.66");
  });

  it("gives an input value without thousands marks that parses back", () => {
    for (const language of ["en", "ja", "sv"]) {
      const text = editableNumber(12345.67, language);
      expect(text).not.toMatch(/[\s\u00a0\u202f]/);
      expect(parseCost(text, language)).toEqual({ ok: true, value: 12345.67 });
    }
    expect(editableNumber(1200.5, "sv")).toBe("1200,5");
  });

  it("gives an example with plain spaces, which the field accepts", () => {
    expect(costExample("sv")).toBe("1 200,5");
    expect(costExample("en")).toBe("1,200.5");
    expect(parseCost(costExample("sv"), "sv")).toEqual({ ok: true, value: 1200.5 });
  });
});
