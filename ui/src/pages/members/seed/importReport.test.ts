import { describe, expect, it } from "vitest";
import type { ImportRow, ImportStatus } from "../../../api/membersTypes";
import { isBad, orderedRows, stagedCount, statusCounts } from "./importReport";

const row = (line: number, status: ImportStatus): ImportRow => ({
  line,
  user: `user${line}`,
  unitCost: null,
  status,
  name: null,
  userId: null,
  message: null,
});

describe("CSV import report", () => {
  it("tells the bad statuses from the usable ones", () => {
    expect(["unknownUser", "ambiguous", "badNumber", "duplicate", "missingUser"].every((status) => isBad(status as ImportStatus))).toBe(
      true,
    );
    expect(["add", "update", "unchanged", "remove"].some((status) => isBad(status as ImportStatus))).toBe(false);
  });

  it("lists bad rows first, each group in file order, removals (not in the file) last", () => {
    const rows = [row(0, "remove"), row(4, "add"), row(7, "duplicate"), row(2, "update"), row(3, "badNumber")];
    expect(orderedRows(rows).map((item) => `${item.line}:${item.status}`)).toEqual([
      "3:badNumber",
      "7:duplicate",
      "2:update",
      "4:add",
      "0:remove",
    ]);
  });

  it("counts each status, what needs fixing first, leaving out the absent ones", () => {
    const rows = [row(2, "add"), row(3, "add"), row(4, "unknownUser"), row(5, "unchanged")];
    expect(statusCounts(rows)).toEqual([
      { status: "unknownUser", count: 1 },
      { status: "add", count: 2 },
      { status: "unchanged", count: 1 },
    ]);
  });

  it("counts the staged changes", () => {
    expect(stagedCount({ adds: [{ userId: "a", name: "A", unitCost: null }], updates: [], removes: ["m1", "m2"] })).toBe(3);
  });
});
