/**
 * Member edits staged in the screen before anything is written: pure functions over the
 * `Staged` the back end previews and applies. They follow crates/core/src/members/staging.rs
 * (adds name users, updates and removes name members; a cost set back to the member's own
 * is no edit at all), so the preview the server computes never surprises the user.
 *
 * The table selects rows by USER id: a staged add has no member id yet, and a user id
 * names the same person on the members read now and on the members read after a conflict.
 */
import type { Member, MemberDelta, MemberDiff, ProjectMembers, Staged, StagedAdd } from "../../api/membersTypes";

/** Costs are kept at two decimals, like core's `round_cost` (UNIT_COST_DECIMALS). */
export const UNIT_COST_DECIMALS = 2;

/**
 * The amount of TimeTracker NX's system default unit cost. A member added without a cost
 * is charged "the value set in the system" (the vendor's words), which the API does not
 * return, so it is unknown: screens say "system default" without a number, a percentage
 * cannot start from it, and sorting by cost puts it last. The project's standard unit cost
 * is another thing.
 */
export const SYSTEM_DEFAULT_AMOUNT: number | null = null;

/** Why an edit cannot be staged; the screen says it in the user's language. */
export type StagingProblem =
  | { code: "badCost" }
  | { code: "badPercent" }
  | { code: "alreadyMember"; name: string }
  | { code: "alreadyStaged"; name: string }
  | { code: "unknownUser"; userId: string }
  | { code: "stagedForRemoval"; name: string }
  | { code: "noCostToScale"; name: string };

export type StagingResult = { ok: true; staged: Staged } | { ok: false; problem: StagingProblem };

/** An edit that could not be carried over to newer members, and why. */
export interface DroppedEdit {
  userId: string;
  name: string;
  action: "add" | "update" | "remove";
  /** "gone": the member is no longer in the project; "alreadyDone": the members already are as the edit wanted. */
  reason: "gone" | "alreadyDone";
}

export function emptyStaged(): Staged {
  return { adds: [], updates: [], removes: [] };
}

/** One per add, update and remove: what the screen counts and announces. */
export function stagedCount(staged: Staged): number {
  return staged.adds.length + staged.updates.length + staged.removes.length;
}

/** How many single changes a diff holds. */
export function diffSize(diff: MemberDiff): number {
  return diff.adds.length + diff.updates.length + diff.removes.length;
}

/** `cost` rounded to two decimals, halves away from zero as Rust's `f64::round` does. */
export function roundCost(cost: number): number {
  const scale = 10 ** UNIT_COST_DECIMALS;
  return (Math.sign(cost) * Math.round(Math.abs(cost) * scale)) / scale;
}

/** A unit cost the server accepts: null (the system default) or a finite number of 0 or more. */
export function isValidCost(cost: number | null): boolean {
  return cost === null || (Number.isFinite(cost) && cost >= 0);
}

/** `cost` changed by `percent` (+10 raises by a tenth), rounded; null when that is not possible. */
export function scaleCost(cost: number, percent: number): number | null {
  if (!Number.isFinite(percent) || percent < -100) return null;
  const scaled = roundCost(cost * (1 + percent / 100));
  if (!isValidCost(scaled)) return null;
  // -0 would read oddly in the preview.
  return Math.max(scaled, 0);
}

const ok = (staged: Staged): StagingResult => ({ ok: true, staged });
const fail = (problem: StagingProblem): StagingResult => ({ ok: false, problem });

const memberOf = (base: ProjectMembers, userId: string): Member | undefined =>
  base.members.find((member) => member.userId === userId);
const memberById = (base: ProjectMembers, memberId: string): Member | undefined =>
  base.members.find((member) => member.memberId === memberId);

/** The member's cost with this update staged: back to their own cost drops the update. */
function withCost(staged: Staged, member: Member, unitCost: number | null): Staged {
  const updates = staged.updates.filter((update) => update.memberId !== member.memberId);
  if (unitCost !== member.unitCost) updates.push({ memberId: member.memberId, unitCost });
  return { ...staged, updates };
}

/**
 * Stages users to add, all or none. A member cannot be added again — unless they are
 * staged for removal, when adding them takes the removal back (with their new cost, if
 * one is given and differs).
 */
export function addUsers(staged: Staged, base: ProjectMembers, adds: readonly StagedAdd[]): StagingResult {
  let next = staged;
  for (const add of adds) {
    if (!isValidCost(add.unitCost)) return fail({ code: "badCost" });
    const member = memberOf(base, add.userId);
    if (member) {
      if (!next.removes.includes(member.memberId)) return fail({ code: "alreadyMember", name: member.name });
      next = { ...next, removes: next.removes.filter((id) => id !== member.memberId) };
      if (add.unitCost !== null) next = withCost(next, member, add.unitCost);
      continue;
    }
    if (next.adds.some((staged) => staged.userId === add.userId)) return fail({ code: "alreadyStaged", name: add.name });
    next = { ...next, adds: [...next.adds, { ...add }] };
  }
  return ok(next);
}

/**
 * Sets one unit cost (null: the system default) for these users, all or none: a staged
 * add gets the new cost, a member an update (none if it is their cost already).
 */
export function setCost(staged: Staged, base: ProjectMembers, userIds: readonly string[], unitCost: number | null): StagingResult {
  if (!isValidCost(unitCost)) return fail({ code: "badCost" });
  return eachUser(staged, base, userIds, (next, target) => {
    if (target.kind === "add") return ok(replaceAdd(next, { ...target.add, unitCost }));
    if (next.removes.includes(target.member.memberId)) return fail({ code: "stagedForRemoval", name: target.member.name });
    return ok(withCost(next, target.member, unitCost));
  });
}

/**
 * Changes the unit cost of these users by `percent`, all or none, starting from the cost
 * they will have: a staged cost, else their own. Someone on the system default (or with
 * no cost) refuses the lot — there is nothing to take a percentage of.
 */
export function changeByPercent(staged: Staged, base: ProjectMembers, userIds: readonly string[], percent: number): StagingResult {
  if (!Number.isFinite(percent) || percent < -100) return fail({ code: "badPercent" });
  return eachUser(staged, base, userIds, (next, target) => {
    if (target.kind === "add") {
      // On the system default (null) there is no amount to start from.
      const start = target.add.unitCost;
      if (start === null) return fail({ code: "noCostToScale", name: target.add.name });
      const scaled = scaleCost(start, percent);
      return scaled === null ? fail({ code: "badPercent" }) : ok(replaceAdd(next, { ...target.add, unitCost: scaled }));
    }
    const { member } = target;
    if (next.removes.includes(member.memberId)) return fail({ code: "stagedForRemoval", name: member.name });
    const update = next.updates.find((candidate) => candidate.memberId === member.memberId);
    const start = update ? update.unitCost : member.unitCost;
    if (start === null) return fail({ code: "noCostToScale", name: member.name });
    const scaled = scaleCost(start, percent);
    return scaled === null ? fail({ code: "badPercent" }) : ok(withCost(next, member, scaled));
  });
}

/** Removes these users, all or none: a staged add is taken back, a member staged for removal. */
export function removeUsers(staged: Staged, base: ProjectMembers, userIds: readonly string[]): StagingResult {
  return eachUser(staged, base, userIds, (next, target) => {
    if (target.kind === "add") return ok({ ...next, adds: next.adds.filter((add) => add.userId !== target.add.userId) });
    const { memberId } = target.member;
    return ok({
      ...next,
      updates: next.updates.filter((update) => update.memberId !== memberId),
      removes: next.removes.includes(memberId) ? next.removes : [...next.removes, memberId],
    });
  });
}

/** Takes back whatever is staged for this user; nothing staged, nothing changes. */
export function undoUser(staged: Staged, base: ProjectMembers, userId: string): Staged {
  const memberId = memberOf(base, userId)?.memberId;
  return {
    adds: staged.adds.filter((add) => add.userId !== userId),
    updates: staged.updates.filter((update) => update.memberId !== memberId),
    removes: staged.removes.filter((id) => id !== memberId),
  };
}

/** What is staged for one user: the table highlights the row with it. */
export function changeOf(staged: Staged, base: ProjectMembers, userId: string): "add" | "update" | "remove" | null {
  if (staged.adds.some((add) => add.userId === userId)) return "add";
  const memberId = memberOf(base, userId)?.memberId;
  if (memberId === undefined) return null;
  if (staged.removes.includes(memberId)) return "remove";
  if (staged.updates.some((update) => update.memberId === memberId)) return "update";
  return null;
}

/**
 * The local diff, shaped like the back end's preview: adds in the order staged, updates
 * and removes in the members' order. An add has no member id until the server gives one.
 */
export function stagedDiff(staged: Staged, base: ProjectMembers): MemberDiff {
  const adds: MemberDelta[] = staged.adds.map((add) => ({
    userId: add.userId,
    name: add.name,
    login: null,
    before: null,
    after: { memberId: null, unitCost: add.unitCost },
  }));
  const updates: MemberDelta[] = [];
  const removes: MemberDelta[] = [];
  for (const member of base.members) {
    const before = { memberId: member.memberId, unitCost: member.unitCost };
    const delta = { userId: member.userId, name: member.name, login: member.login, before };
    if (staged.removes.includes(member.memberId)) {
      removes.push({ ...delta, after: null });
      continue;
    }
    const update = staged.updates.find((candidate) => candidate.memberId === member.memberId);
    if (update) updates.push({ ...delta, after: { memberId: member.memberId, unitCost: update.unitCost } });
  }
  return { adds, updates, removes };
}

/**
 * Adds `incoming` edits (from a copy, a Jira role or a CSV import, staged against the same
 * `base`) to the edits staged already; where both touch one person, the incoming edit
 * wins. An add of someone who is a member already becomes an update when the cost
 * differs, and is dropped when it does not.
 */
export function mergeStaged(current: Staged, incoming: Staged, base: ProjectMembers): Staged {
  return replay(current, intentsOf(incoming, base), base).staged;
}

/**
 * The edits staged on `oldBase`, carried over to `newBase` (the members read again after
 * someone else changed them): each person is found again by user id; an edit of a member
 * who has left, or that the members already show, is dropped and reported.
 */
export function restage(staged: Staged, oldBase: ProjectMembers, newBase: ProjectMembers): { staged: Staged; dropped: DroppedEdit[] } {
  const intents = intentsOf(staged, oldBase);
  const { staged: next, dropped } = replay(emptyStaged(), intents, newBase);
  return { staged: next, dropped };
}

// ---- internals -------------------------------------------------------------------------

type Target = { kind: "add"; add: StagedAdd } | { kind: "member"; member: Member };

/** Runs `step` for each user, threading the staging through; the first problem stops all. */
function eachUser(
  staged: Staged,
  base: ProjectMembers,
  userIds: readonly string[],
  step: (next: Staged, target: Target) => StagingResult,
): StagingResult {
  let next = staged;
  for (const userId of new Set(userIds)) {
    const add = next.adds.find((candidate) => candidate.userId === userId);
    const member = memberOf(base, userId);
    const target: Target | null = add ? { kind: "add", add } : member ? { kind: "member", member } : null;
    if (!target) return fail({ code: "unknownUser", userId });
    const result = step(next, target);
    if (!result.ok) return result;
    next = result.staged;
  }
  return ok(next);
}

function replaceAdd(staged: Staged, add: StagedAdd): Staged {
  return { ...staged, adds: staged.adds.map((candidate) => (candidate.userId === add.userId ? add : candidate)) };
}

/** An edit told by the person it is about, so it can be replayed on other members. */
type Intent =
  | { userId: string; name: string; action: "add" | "update"; unitCost: number | null }
  | { userId: string; name: string; action: "remove" };

function intentsOf(staged: Staged, base: ProjectMembers): Intent[] {
  const intents: Intent[] = staged.adds.map((add) => ({ userId: add.userId, name: add.name, action: "add", unitCost: add.unitCost }));
  for (const update of staged.updates) {
    const member = memberById(base, update.memberId);
    if (member) intents.push({ userId: member.userId, name: member.name, action: "update", unitCost: update.unitCost });
  }
  for (const memberId of staged.removes) {
    const member = memberById(base, memberId);
    if (member) intents.push({ userId: member.userId, name: member.name, action: "remove" });
  }
  return intents;
}

function replay(start: Staged, intents: readonly Intent[], base: ProjectMembers): { staged: Staged; dropped: DroppedEdit[] } {
  let staged = start;
  const dropped: DroppedEdit[] = [];
  const drop = (intent: Intent, reason: DroppedEdit["reason"]) =>
    dropped.push({ userId: intent.userId, name: intent.name, action: intent.action, reason });
  for (const intent of intents) {
    const member = memberOf(base, intent.userId);
    if (intent.action === "remove") {
      if (!member) {
        drop(intent, "alreadyDone");
        continue;
      }
      const result = removeUsers(staged, base, [intent.userId]);
      if (result.ok) staged = result.staged;
      continue;
    }
    if (!isValidCost(intent.unitCost)) continue;
    if (member) {
      // The person is (still, or by now) a member: the edit is a cost for them.
      staged = { ...staged, removes: staged.removes.filter((id) => id !== member.memberId) };
      staged = withCost(staged, member, intent.unitCost);
      if (intent.unitCost === member.unitCost) drop(intent, "alreadyDone");
      continue;
    }
    if (intent.action === "update") {
      // A cost for a member who has left: adding them back was never asked for.
      drop(intent, "gone");
      continue;
    }
    const add = { userId: intent.userId, name: intent.name, unitCost: intent.unitCost };
    staged = staged.adds.some((candidate) => candidate.userId === intent.userId)
      ? replaceAdd(staged, add)
      : { ...staged, adds: [...staged.adds, add] };
  }
  return { staged, dropped };
}
