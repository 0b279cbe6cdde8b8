import { describe, expect, it } from "vitest";
import en from "./locales/en.json";
import ja from "./locales/ja.json";
import sv from "./locales/sv.json";

type Tree = { [key: string]: string | Tree };

/** "a.b.c" → value, for every leaf of a locale file. */
function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const leaves = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") leaves.set(path, value);
    else for (const [leafPath, leaf] of flatten(value, path)) leaves.set(leafPath, leaf);
  }
  return leaves;
}

const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

const locales = { en: flatten(en), ja: flatten(ja), sv: flatten(sv) };
const reference = [...locales.en.keys()].sort();

describe("locale files", () => {
  it.each(Object.entries(locales))("%s has exactly the same keys as en", (_, leaves) => {
    expect([...leaves.keys()].sort()).toEqual(reference);
  });

  it.each(Object.entries(locales))("%s has no empty strings", (_, leaves) => {
    const empty = [...leaves].filter(([, text]) => text.trim() === "").map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it.each(Object.entries(locales))("%s uses the same {{placeholders}} as en", (_, leaves) => {
    for (const key of reference) {
      expect(placeholders(leaves.get(key) ?? ""), key).toEqual(placeholders(locales.en.get(key) ?? ""));
    }
  });

  it.each([["ja"], ["sv"]] as const)("%s is translated, not an English copy", (language) => {
    // Product names and pure placeholders may be identical; sentences may not.
    const copied = reference.filter((key) => {
      const english = locales.en.get(key) ?? "";
      return locales[language].get(key) === english && /\s\p{Ll}+\s/u.test(english);
    });
    expect(copied).toEqual([]);
  });
});
