import { describe, expect, it } from "vitest";
import { languageFromTag } from "../i18n/languages";
import { hrefFor, ROUTE_IDS, routeFromHash } from "./routes";

describe("hash routes", () => {
  it.each(ROUTE_IDS)("round-trips %s", (route) => {
    expect(routeFromHash(hrefFor(route))).toBe(route);
  });

  it.each([[""], ["#"], ["#/"], ["#/nope"], ["#main-content"], ["#/settings/extra"]])("maps %j sensibly", (hash) => {
    expect(routeFromHash(hash)).toBe(hash === "#/settings/extra" ? "settings" : "home");
  });
});

describe("languageFromTag", () => {
  it.each([
    ["ja-JP", "ja"],
    ["ja", "ja"],
    ["sv_SE", "sv"],
    ["SV-fi", "sv"],
    ["en-GB", "en"],
    ["de-DE", "en"],
    [undefined, "en"],
  ])("%s → %s", (tag, expected) => {
    expect(languageFromTag(tag)).toBe(expected);
  });
});
