import { describe, expect, it } from "vitest";
import type { Member, ProjectMembers, Staged, StagedAdd } from "../../api/membersTypes";
import {
  addUsers,
  changeByPercent,
  changeOf,
  emptyStaged,
  isValidCost,
  mergeStaged,
  removeUsers,
  restage,
  roundCost,
  scaleCost,
  setCost,
  stagedCount,
  stagedDiff,
  undoUser,
  type StagingResult,
} from "./staging";

function member(memberId: string, userId: string, unitCost: number | null): Member {
  return {
    memberId,
    userId,
    name: `User ${userId}`,
    login: `u${userId}`,
    organization: null,
    unitCost,
    memberSince: "2025-04-01T00:00:00Z",
  };
}

/** The same members as core's staging tests: an own cost, the default, an odd cost. */
function project(defaultUnitCost: number | null = 4800): ProjectMembers {
  return {
    project: { id: "1", code: "P", name: "P", manager: null, isFinished: false },
    members: [member("101", "1", 5000), member("102", "2", null), member("103", "3", 3333.33)],
    defaultUnitCost,
  };
}

const add = (userId: string, unitCost: number | null): StagedAdd => ({ userId, name: `User ${userId}`, unitCost });

/** The staging of a result expected to succeed. */
function staged(result: StagingResult): Staged {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.problem)}`);
  return result.staged;
}

function problem(result: StagingResult) {
  if (result.ok) throw new Error(`expected a problem, got ${JSON.stringify(result.staged)}`);
  return result.problem;
}

describe("costs", () => {
  it("rounds to two decimals, halves away from zero, like core's round_cost", () => {
    expect(roundCost(3666.663)).toBe(3666.66);
    expect(roundCost(0.125)).toBe(0.13);
    expect(roundCost(2.5)).toBe(2.5);
    expect(roundCost(-0.125)).toBe(-0.13);
    expect(roundCost(1000)).toBe(1000);
  });

  it("scales by a percentage from -100 up, refusing what the server would not take", () => {
    expect(scaleCost(5000, 10)).toBe(5500);
    expect(scaleCost(3333.33, 10)).toBe(3666.66);
    expect(scaleCost(100, -100)).toBe(0);
    expect(Object.is(scaleCost(0, -50), 0)).toBe(true);
    expect(scaleCost(100, -100.5)).toBeNull();
    expect(scaleCost(100, Number.NaN)).toBeNull();
    expect(scaleCost(Number.MAX_VALUE, 100)).toBeNull();
  });

  it("accepts the system default, zero and up; nothing negative or infinite", () => {
    expect(isValidCost(null)).toBe(true);
    expect(isValidCost(0)).toBe(true);
    expect(isValidCost(1200.5)).toBe(true);
    for (const bad of [-0.01, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(isValidCost(bad)).toBe(false);
    }
  });
});

describe("adding users", () => {
  it("stages new users with their cost or the default, and counts them", () => {
    const next = staged(addUsers(emptyStaged(), project(), [add("9", 1200), add("8", null)]));
    expect(next.adds).toEqual([add("9", 1200), add("8", null)]);
    expect(stagedCount(next)).toBe(2);
  });

  it("never adds a member or the same user twice, and then stages nothing at all", () => {
    const base = project();
    expect(problem(addUsers(emptyStaged(), base, [add("9", null), add("1", null)]))).toEqual({ code: "alreadyMember", name: "User 1" });
    const once = staged(addUsers(emptyStaged(), base, [add("9", 1)]));
    expect(problem(addUsers(once, base, [add("9", 2)]))).toEqual({ code: "alreadyStaged", name: "User 9" });
    expect(problem(addUsers(emptyStaged(), base, [add("7", 5), add("7", 6)]))).toEqual({ code: "alreadyStaged", name: "User 7" });
    expect(problem(addUsers(emptyStaged(), base, [add("9", -1)]))).toEqual({ code: "badCost" });
  });

  it("adding back a member staged for removal takes the removal back, with a new cost if it differs", () => {
    const base = project();
    const removed = staged(removeUsers(emptyStaged(), base, ["1"]));
    expect(staged(addUsers(removed, base, [add("1", null)]))).toEqual(emptyStaged());
    expect(staged(addUsers(removed, base, [add("1", 5000)]))).toEqual(emptyStaged());
    expect(staged(addUsers(removed, base, [add("1", 6000)]))).toEqual({
      adds: [],
      updates: [{ memberId: "101", unitCost: 6000 }],
      removes: [],
    });
  });
});

describe("setting a unit cost", () => {
  it("stages an update per member and replaces an earlier one", () => {
    const base = project();
    const once = staged(setCost(emptyStaged(), base, ["1"], 1));
    const twice = staged(setCost(once, base, ["1", "2"], 2));
    expect(twice.updates).toEqual([
      { memberId: "101", unitCost: 2 },
      { memberId: "102", unitCost: 2 },
    ]);
    expect(stagedCount(twice)).toBe(2);
  });

  it("leaves no update when the cost goes back to the member's own, or the default stays the default", () => {
    const base = project();
    const changed = staged(setCost(emptyStaged(), base, ["1", "2"], 7000));
    const back = staged(setCost(changed, base, ["1"], 5000));
    expect(back.updates).toEqual([{ memberId: "102", unitCost: 7000 }]);
    expect(staged(setCost(back, base, ["2"], null))).toEqual(emptyStaged());
    expect(staged(setCost(emptyStaged(), base, ["2"], null))).toEqual(emptyStaged());
  });

  it("sets a member back to the system default", () => {
    const next = staged(setCost(emptyStaged(), project(), ["1", "3"], null));
    expect(next.updates).toEqual([
      { memberId: "101", unitCost: null },
      { memberId: "103", unitCost: null },
    ]);
  });

  it("changes the cost of a staged add instead of staging an update", () => {
    const base = project();
    const added = staged(addUsers(emptyStaged(), base, [add("9", null)]));
    const priced = staged(setCost(added, base, ["9"], 900));
    expect(priced).toEqual({ adds: [add("9", 900)], updates: [], removes: [] });
  });

  it("refuses, for the whole selection, a negative cost, someone staged for removal or unknown", () => {
    const base = project();
    const removed = staged(removeUsers(emptyStaged(), base, ["3"]));
    expect(problem(setCost(removed, base, ["1", "3"], 10))).toEqual({ code: "stagedForRemoval", name: "User 3" });
    expect(problem(setCost(emptyStaged(), base, ["1"], -5))).toEqual({ code: "badCost" });
    expect(problem(setCost(emptyStaged(), base, ["1", "42"], 10))).toEqual({ code: "unknownUser", userId: "42" });
    // A member id is not a user id.
    expect(problem(setCost(emptyStaged(), base, ["101"], 10))).toEqual({ code: "unknownUser", userId: "101" });
  });
});

describe("changing by a percentage", () => {
  it("starts from the staged cost, else the member's own, else the project default, and rounds", () => {
    const base = project();
    const start = staged(setCost(emptyStaged(), base, ["1"], 6000));
    const next = staged(changeByPercent(start, base, ["1", "2", "3"], 10));
    expect(next.updates).toEqual([
      { memberId: "101", unitCost: 6600 },
      { memberId: "102", unitCost: 5280 },
      { memberId: "103", unitCost: 3666.66 },
    ]);
  });

  it("after 'back to default' it starts from the default, not the member's old cost", () => {
    const base = project();
    const reset = staged(setCost(emptyStaged(), base, ["1"], null));
    expect(staged(changeByPercent(reset, base, ["1"], 10)).updates).toEqual([{ memberId: "101", unitCost: 5280 }]);
  });

  it("lowers too, and a change that lands on the member's own cost is no edit", () => {
    const base = project();
    const raised = staged(setCost(emptyStaged(), base, ["1"], 10000));
    expect(staged(changeByPercent(raised, base, ["1"], -50))).toEqual(emptyStaged());
    expect(staged(changeByPercent(emptyStaged(), base, ["1"], -100)).updates).toEqual([{ memberId: "101", unitCost: 0 }]);
  });

  it("scales staged adds from their cost or the default", () => {
    const base = project();
    const added = staged(addUsers(emptyStaged(), base, [add("8", 1000), add("9", null)]));
    expect(staged(changeByPercent(added, base, ["8", "9"], 5)).adds).toEqual([add("8", 1050), add("9", 5040)]);
  });

  it("changes nothing when one of them has no cost to start from", () => {
    const base = project(null);
    const result = changeByPercent(emptyStaged(), base, ["1", "2"], 5);
    expect(problem(result)).toEqual({ code: "noCostToScale", name: "User 2" });
    const added = staged(addUsers(emptyStaged(), base, [add("9", null)]));
    expect(problem(changeByPercent(added, base, ["9"], 5))).toEqual({ code: "noCostToScale", name: "User 9" });
  });

  it("refuses a percentage below -100 or not a number", () => {
    expect(problem(changeByPercent(emptyStaged(), project(), ["1"], -101))).toEqual({ code: "badPercent" });
    expect(problem(changeByPercent(emptyStaged(), project(), ["1"], Number.NaN))).toEqual({ code: "badPercent" });
    expect(problem(changeByPercent(emptyStaged(), project(), ["1"], Number.POSITIVE_INFINITY))).toEqual({ code: "badPercent" });
  });
});

describe("removing and undoing", () => {
  it("stages a member's removal once and drops their staged cost", () => {
    const base = project();
    const priced = staged(setCost(emptyStaged(), base, ["1"], 1));
    const removed = staged(removeUsers(priced, base, ["1", "1"]));
    const again = staged(removeUsers(removed, base, ["1"]));
    expect(again).toEqual({ adds: [], updates: [], removes: ["101"] });
  });

  it("removing a staged add takes the add back", () => {
    const base = project();
    const added = staged(addUsers(emptyStaged(), base, [add("9", 100)]));
    expect(staged(removeUsers(added, base, ["9"]))).toEqual(emptyStaged());
  });

  it("refuses to remove someone who is neither a member nor staged", () => {
    expect(problem(removeUsers(emptyStaged(), project(), ["2", "404"]))).toEqual({ code: "unknownUser", userId: "404" });
  });

  it("undo takes back exactly one person's edit", () => {
    const base = project();
    let next = staged(addUsers(emptyStaged(), base, [add("9", null)]));
    next = staged(setCost(next, base, ["1", "2"], 10));
    next = staged(removeUsers(next, base, ["3"]));
    expect(stagedCount(next)).toBe(4);
    expect(undoUser(next, base, "9").adds).toEqual([]);
    expect(undoUser(next, base, "1").updates).toEqual([{ memberId: "102", unitCost: 10 }]);
    expect(undoUser(next, base, "3").removes).toEqual([]);
    expect(stagedCount(undoUser(next, base, "404"))).toBe(4);
  });

  it("tells what is staged for each person", () => {
    const base = project();
    let next = staged(addUsers(emptyStaged(), base, [add("9", null)]));
    next = staged(setCost(next, base, ["1"], 10));
    next = staged(removeUsers(next, base, ["3"]));
    expect(["9", "1", "2", "3", "404"].map((userId) => changeOf(next, base, userId))).toEqual(["add", "update", null, "remove", null]);
  });
});

describe("the local diff", () => {
  it("shows each edit with before and after, adds without a member id", () => {
    const base = project();
    let next = staged(addUsers(emptyStaged(), base, [add("9", null)]));
    next = staged(setCost(next, base, ["3", "1"], 7000));
    next = staged(removeUsers(next, base, ["2"]));
    const diff = stagedDiff(next, base);
    expect(diff.adds).toEqual([
      { userId: "9", name: "User 9", login: null, before: null, after: { memberId: null, unitCost: null } },
    ]);
    // In the members' order, whatever order they were staged in.
    expect(diff.updates.map((delta) => [delta.userId, delta.before?.unitCost, delta.after?.unitCost])).toEqual([
      ["1", 5000, 7000],
      ["3", 3333.33, 7000],
    ]);
    expect(diff.removes).toEqual([
      { userId: "2", name: "User 2", login: "u2", before: { memberId: "102", unitCost: null }, after: null },
    ]);
    expect(stagedDiff(emptyStaged(), base)).toEqual({ adds: [], updates: [], removes: [] });
  });
});

describe("merging seeded or imported edits", () => {
  it("adds new users, and turns an add of a member into an update only when the cost differs", () => {
    const base = project();
    const incoming: Staged = { adds: [add("9", 100), add("1", 6000), add("3", 3333.33), add("2", null)], updates: [], removes: [] };
    expect(mergeStaged(emptyStaged(), incoming, base)).toEqual({
      adds: [add("9", 100)],
      updates: [{ memberId: "101", unitCost: 6000 }],
      removes: [],
    });
  });

  it("lets the incoming edit win where both touch one person, and keeps the rest", () => {
    const base = project();
    let current = staged(addUsers(emptyStaged(), base, [add("9", 100), add("8", 1)]));
    current = staged(setCost(current, base, ["1", "2"], 10));
    current = staged(removeUsers(current, base, ["3"]));
    const incoming: Staged = {
      adds: [add("9", 200), add("3", 1)],
      updates: [{ memberId: "101", unitCost: 20 }],
      removes: ["102"],
    };
    expect(mergeStaged(current, incoming, base)).toEqual({
      adds: [add("9", 200), add("8", 1)],
      // A replaced update goes to the end, as core's Staged::update does.
      updates: [
        { memberId: "103", unitCost: 1 },
        { memberId: "101", unitCost: 20 },
      ],
      removes: ["102"],
    });
  });

  it("an incoming cost equal to the member's own takes back the current edit of them", () => {
    const base = project();
    const current = staged(setCost(emptyStaged(), base, ["1"], 10));
    const incoming: Staged = { adds: [add("1", 5000)], updates: [], removes: [] };
    expect(mergeStaged(current, incoming, base)).toEqual(emptyStaged());
  });

  it("drops incoming edits of members it does not know, and bad costs", () => {
    const base = project();
    const incoming: Staged = { adds: [add("9", -1)], updates: [{ memberId: "999", unitCost: 1 }], removes: ["998"] };
    expect(mergeStaged(emptyStaged(), incoming, base)).toEqual(emptyStaged());
  });
});

describe("restaging after someone else changed the members", () => {
  /** Meanwhile: member 1 left and came back as member 201 at 5500; member 2 left; user 9 joined at 100. */
  function changed(): ProjectMembers {
    const base = project();
    return {
      ...base,
      members: [member("201", "1", 5500), member("103", "3", 3333.33), member("209", "9", 100)],
    };
  }

  it("carries each edit over by user id and reports what no longer applies", () => {
    const old = project();
    let mine = staged(addUsers(emptyStaged(), old, [add("9", 100), add("8", 300)]));
    mine = staged(setCost(mine, old, ["1", "2"], 7000));
    mine = staged(removeUsers(mine, old, ["3"]));
    const { staged: next, dropped } = restage(mine, old, changed());
    expect(next).toEqual({
      adds: [add("8", 300)],
      updates: [{ memberId: "201", unitCost: 7000 }],
      removes: ["103"],
    });
    expect(dropped).toEqual([
      { userId: "9", name: "User 9", action: "add", reason: "alreadyDone" },
      { userId: "2", name: "User 2", action: "update", reason: "gone" },
    ]);
  });

  it("an add of someone who joined meanwhile at another cost becomes an update", () => {
    const old = project();
    const mine = staged(addUsers(emptyStaged(), old, [add("9", 250)]));
    expect(restage(mine, old, changed())).toEqual({
      staged: { adds: [], updates: [{ memberId: "209", unitCost: 250 }], removes: [] },
      dropped: [],
    });
  });

  it("a removal of someone who left meanwhile is already done", () => {
    const old = project();
    const mine = staged(removeUsers(emptyStaged(), old, ["2"]));
    expect(restage(mine, old, changed())).toEqual({
      staged: emptyStaged(),
      dropped: [{ userId: "2", name: "User 2", action: "remove", reason: "alreadyDone" }],
    });
  });

  it("a cost someone else set already is dropped as done", () => {
    const old = project();
    const mine = staged(setCost(emptyStaged(), old, ["1"], 5500));
    expect(restage(mine, old, changed()).dropped).toEqual([{ userId: "1", name: "User 1", action: "update", reason: "alreadyDone" }]);
  });
});
