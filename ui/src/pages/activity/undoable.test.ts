import { describe, expect, it } from "vitest";
import type { AuditEntry, MemberDelta } from "../../api/membersTypes";
import { diffSize, undoableIds } from "./undoable";

const delta: MemberDelta = { userId: "u", name: "U", login: null, before: null, after: { memberId: "m", unitCost: null } };

const entry = (id: number, serverId: number, projectId: string, changed = true): AuditEntry => ({
  id,
  appliedAt: "2026-03-02T08:00:00Z",
  osUser: "aiko",
  ttnxUser: "tanaka.aiko",
  serverId,
  projectId,
  projectName: projectId,
  changes: { adds: changed ? [delta] : [], updates: [], removes: [] },
  failures: [],
});

describe("undoable audit entries", () => {
  it("offers the newest apply of each project, per server, and nothing older", () => {
    const entries = [entry(6, 13, "p-web"), entry(5, 13, "p-app"), entry(4, 14, "p-web"), entry(3, 13, "p-web"), entry(2, 13, "p-app")];
    expect([...undoableIds(entries)].sort()).toEqual([4, 5, 6]);
  });

  it("skips an apply that changed nobody: the one before it is still the last change", () => {
    const entries = [entry(3, 13, "p-web", false), entry(2, 13, "p-web"), entry(1, 13, "p-web")];
    expect([...undoableIds(entries)]).toEqual([2]);
    expect(entries.map((item) => diffSize(item.changes))).toEqual([0, 1, 1]);
  });
});
