import { describe, expect, it } from "vitest";
import type { Member, ProjectMembers, Staged, UserCandidate } from "../../api/membersTypes";
import { buildRows, filterRows, sortRows, type MemberRow, type SortOrder } from "./rows";

function member(memberId: string, name: string, extra: Partial<Member> = {}): Member {
  return {
    memberId,
    userId: `u${memberId}`,
    name,
    login: name.toLowerCase().replace(/\s+/g, "."),
    organization: "開発部",
    unitCost: null,
    memberSince: "2025-04-01T00:00:00Z",
    ...extra,
  };
}

const base: ProjectMembers = {
  project: { id: "1", code: "WEB", name: "Web", manager: null, isFinished: false },
  members: [
    member("1", "Tanaka Aiko", { unitCost: 5000, memberSince: "2024-01-10T00:00:00Z" }),
    member("2", "Sato Ken", { organization: "営業部", memberSince: "2025-06-01T00:00:00Z" }),
    member("3", "Åsa Lind", { unitCost: 900, organization: null, login: null, memberSince: null }),
  ],
  defaultUnitCost: 1000,
};

const staged: Staged = {
  adds: [{ userId: "u9", name: "Berg Nils", unitCost: 1200 }],
  updates: [{ memberId: "1", unitCost: null }],
  removes: ["2"],
};

const known = new Map<string, UserCandidate>([
  ["u9", { userId: "u9", name: "Berg Nils", login: "nils.berg", email: "nils@example.se", organization: "Sälj", memberId: null }],
]);

const names = (rows: readonly MemberRow[]) => rows.map((row) => row.name);

describe("rows", () => {
  it("lay the staged edits over the members and append the adds", () => {
    const rows = buildRows(base, staged, known);
    expect(rows.map((row) => [row.name, row.change, row.unitCost, row.before])).toEqual([
      ["Tanaka Aiko", "update", null, 5000],
      ["Sato Ken", "remove", null, null],
      ["Åsa Lind", null, 900, 900],
      ["Berg Nils", "add", 1200, null],
    ]);
    const added = rows[3];
    expect(added).toMatchObject({ memberId: null, login: "nils.berg", organization: "Sälj", memberSince: null });
  });

  it("an add of a user the search never showed still has its name", () => {
    const rows = buildRows(base, staged, new Map());
    expect(rows[3]).toMatchObject({ name: "Berg Nils", login: null, organization: null });
  });

  it("filter by name, login or organisation, folding case and width, or to the changed rows", () => {
    const rows = buildRows(base, staged, known);
    expect(names(filterRows(rows, "TANAKA", false))).toEqual(["Tanaka Aiko"]);
    expect(names(filterRows(rows, "ｋｅｎ", false))).toEqual(["Sato Ken"]);
    expect(names(filterRows(rows, "営業", false))).toEqual(["Sato Ken"]);
    expect(names(filterRows(rows, "nils.", false))).toEqual(["Berg Nils"]);
    expect(names(filterRows(rows, "  ", false))).toHaveLength(4);
    expect(names(filterRows(rows, "", true))).toEqual(["Tanaka Aiko", "Sato Ken", "Berg Nils"]);
    expect(names(filterRows(rows, "a", true))).toEqual(["Tanaka Aiko", "Sato Ken"]);
  });

  it.each<[SortOrder, string[]]>([
    [{ column: "name", direction: "ascending" }, ["Berg Nils", "Sato Ken", "Tanaka Aiko", "Åsa Lind"]],
    [{ column: "name", direction: "descending" }, ["Åsa Lind", "Tanaka Aiko", "Sato Ken", "Berg Nils"]],
    // No login: last, whichever the direction.
    [{ column: "login", direction: "descending" }, ["Tanaka Aiko", "Sato Ken", "Berg Nils", "Åsa Lind"]],
    // Latin before kanji; 営 (U+55B6) before 開 (U+958B).
    [{ column: "organization", direction: "ascending" }, ["Berg Nils", "Sato Ken", "Tanaka Aiko", "Åsa Lind"]],
    // The default (1,000) counts as 1,000: Åsa 900, Tanaka and Sato 1,000 (by name), Berg 1,200.
    [{ column: "unitCost", direction: "ascending" }, ["Åsa Lind", "Sato Ken", "Tanaka Aiko", "Berg Nils"]],
    [{ column: "unitCost", direction: "descending" }, ["Berg Nils", "Sato Ken", "Tanaka Aiko", "Åsa Lind"]],
    [{ column: "memberSince", direction: "ascending" }, ["Tanaka Aiko", "Sato Ken", "Berg Nils", "Åsa Lind"]],
    [{ column: "memberSince", direction: "descending" }, ["Sato Ken", "Tanaka Aiko", "Berg Nils", "Åsa Lind"]],
  ])("sort by %j", (order, expected) => {
    expect(names(sortRows(buildRows(base, staged, known), order, "sv", base.defaultUnitCost))).toEqual(expected);
  });

  it("sort names the way the language does: Å after Z in Swedish, with the letters in English", () => {
    const rows = buildRows(base, { adds: [], updates: [], removes: [] }, new Map());
    const order: SortOrder = { column: "name", direction: "ascending" };
    expect(names(sortRows(rows, order, "sv", null)).at(-1)).toBe("Åsa Lind");
    expect(names(sortRows(rows, order, "en", null))[0]).toBe("Åsa Lind");
  });
});
