import { describe, expect, it } from "vitest";
import type { SeedCandidate, SeedProposal, UserCandidate } from "../../../api/membersTypes";
import {
  addableIndexes,
  choicesOf,
  chooseUser,
  initialRows,
  rowStates,
  setAllIncluded,
  setIncluded,
  stagedAdds,
} from "./review";

const user = (id: string, memberId: string | null = null): UserCandidate => ({
  userId: id,
  name: `User ${id}`,
  login: id,
  email: null,
  organization: null,
  memberId,
});

const candidate = (name: string, fields: Partial<SeedCandidate> = {}): SeedCandidate => ({
  sourceName: name,
  sourceLogin: null,
  sourceEmail: null,
  unitCost: null,
  user: null,
  matchedBy: null,
  alternatives: [],
  alreadyMember: false,
  ...fields,
});

const proposal = (...candidates: SeedCandidate[]): SeedProposal => ({ source: "TEST", candidates });

describe("seed review rows", () => {
  it("ticks only people matched to exactly one user who is not a member", () => {
    const rows = initialRows(
      proposal(
        candidate("matched", { user: user("a"), matchedBy: "email", unitCost: 100 }),
        candidate("member", { user: user("b", "m-b"), matchedBy: "login", alreadyMember: true }),
        candidate("unsure", { user: user("c"), matchedBy: "name", alternatives: [user("d")] }),
        candidate("nobody"),
      ),
    );
    expect(rows.map((row) => row.included)).toEqual([true, false, false, false]);
    expect(rowStates(rows)).toEqual(["ready", "member", "ready", "needsUser"]);
    expect(rows[2]?.how).toBe("name");
    expect(rows[3]?.how).toBeNull();
  });

  it("offers the best guess first and each user once", () => {
    const guess = user("c");
    expect(choicesOf(candidate("x", { user: guess, alternatives: [user("d"), user("c")] })).map((item) => item.userId)).toEqual([
      "c",
      "d",
    ]);
    expect(choicesOf(candidate("y", { alternatives: [user("e"), user("f")] })).map((item) => item.userId)).toEqual(["e", "f"]);
  });

  it("adds a user once: a later row choosing the same user is a duplicate and is not ticked", () => {
    let rows = initialRows(proposal(candidate("first", { user: user("a"), matchedBy: "email" }), candidate("second")));
    rows = chooseUser(rows, 1, user("a"), "picked");
    expect(rowStates(rows)).toEqual(["ready", "duplicate"]);
    expect(rows[1]?.included).toBe(false);
    // Unticking the first frees the user for the second.
    rows = setIncluded(rows, 0, false);
    expect(rowStates(rows)).toEqual(["ready", "ready"]);
    expect(addableIndexes(rows)).toEqual([]);
    rows = setIncluded(rows, 1, true);
    expect(addableIndexes(rows)).toEqual([1]);
  });

  it("does not tick a picked user who is already a member", () => {
    const rows = chooseUser(initialRows(proposal(candidate("x"))), 0, user("a", "m-a"), "picked");
    expect(rowStates(rows)).toEqual(["member"]);
    expect(addableIndexes(rows)).toEqual([]);
  });

  it("ticks and unticks all addable rows, the first of a repeated user only", () => {
    const rows = initialRows(
      proposal(
        candidate("one", { user: user("a"), matchedBy: "sameUser" }),
        candidate("again", { user: user("a"), matchedBy: "name", alternatives: [user("b")] }),
        candidate("member", { user: user("c", "m-c"), alreadyMember: true, matchedBy: "sameUser" }),
        candidate("nobody"),
      ),
    );
    const all = setAllIncluded(rows, true);
    expect(all.map((row) => row.included)).toEqual([true, false, false, false]);
    expect(setAllIncluded(all, false).some((row) => row.included)).toBe(false);
  });

  it("prices the adds as in the source, at the system default, or one value for all", () => {
    const rows = initialRows(
      proposal(
        candidate("costly", { user: user("a"), matchedBy: "sameUser", unitCost: 7000 }),
        candidate("default", { user: user("b"), matchedBy: "sameUser", unitCost: null }),
      ),
    );
    expect(stagedAdds(rows, { mode: "source" }).map((add) => add.unitCost)).toEqual([7000, null]);
    expect(stagedAdds(rows, { mode: "default" }).map((add) => add.unitCost)).toEqual([null, null]);
    expect(stagedAdds(rows, { mode: "same", value: 5200.5 })).toEqual([
      { userId: "a", name: "User a", unitCost: 5200.5 },
      { userId: "b", name: "User b", unitCost: 5200.5 },
    ]);
  });
});
