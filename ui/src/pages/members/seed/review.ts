import type { MatchedBy, SeedCandidate, SeedProposal, StagedAdd, UserCandidate } from "../../../api/membersTypes";

export type ReviewHow = MatchedBy | "chosen" | "picked";

/** One person of the source and the TimeTracker NX user they become, as the review holds it. */
export interface ReviewRow {
  candidate: SeedCandidate;
  /** null: nobody chosen yet (no match, or several that fit). */
  user: UserCandidate | null;
  /**
   * How `user` was found: a rule of the back end, chosen here among the users that fit,
   * or picked by hand with a search.
   */
  how: ReviewHow | null;
  included: boolean;
}

/**
 * What the review can do with a row: "member" is in the project already, "duplicate" is the
 * same user as an earlier row that is added, "needsUser" has nobody chosen yet.
 */
export type RowState = "member" | "duplicate" | "needsUser" | "ready";

/** How the new members are priced. */
export type CostChoice = { mode: "source" } | { mode: "default" } | { mode: "same"; value: number | null };

/**
 * The rows as the review opens: a person matched to exactly one user who is not a member
 * yet is ticked; several users that fit, or none, wait for a choice.
 */
export function initialRows(proposal: SeedProposal): ReviewRow[] {
  return proposal.candidates.map((candidate) => {
    const unsure = candidate.alternatives.length > 0;
    const user = candidate.user;
    return {
      candidate,
      user,
      how: user ? candidate.matchedBy : null,
      included: user !== null && !unsure && !candidate.alreadyMember && user.memberId === null,
    };
  });
}

/** The users a row can choose between: the back end's best guess first, each once. */
export function choicesOf(candidate: SeedCandidate): UserCandidate[] {
  const all = candidate.user ? [candidate.user, ...candidate.alternatives] : candidate.alternatives;
  return all.filter((user, index) => all.findIndex((other) => other.userId === user.userId) === index);
}

/** Each row's state, in one pass: the first ticked row of a user wins, later ones repeat it. */
export function rowStates(rows: readonly ReviewRow[]): RowState[] {
  const added = new Set<string>();
  return rows.map((row) => {
    if (!row.user) return "needsUser";
    if (row.candidate.alreadyMember || row.user.memberId !== null) return "member";
    if (added.has(row.user.userId)) return "duplicate";
    if (row.included) added.add(row.user.userId);
    return "ready";
  });
}

/** Chooses the user of a row (from the alternatives or a search) and ticks it if it can be added. */
export function chooseUser(rows: readonly ReviewRow[], index: number, user: UserCandidate, how: ReviewHow): ReviewRow[] {
  const next = rows.map((row, at) => (at === index ? { ...row, user, how, included: true } : row));
  const ready = rowStates(next)[index] === "ready";
  return ready ? next : setIncluded(next, index, false);
}

export function setIncluded(rows: readonly ReviewRow[], index: number, included: boolean): ReviewRow[] {
  return rows.map((row, at) => (at === index ? { ...row, included } : row));
}

/** Ticks (or unticks) every row that can be added; of rows with the same user, the first. */
export function setAllIncluded(rows: readonly ReviewRow[], included: boolean): ReviewRow[] {
  const added = new Set<string>();
  return rows.map((row) => {
    const user = row.user;
    const can = included && user !== null && !row.candidate.alreadyMember && user.memberId === null && !added.has(user.userId);
    if (can) added.add(user.userId);
    return { ...row, included: can };
  });
}

/** The unit cost a row would be added with; null is the system default. */
export function costOf(row: ReviewRow, cost: CostChoice): number | null {
  switch (cost.mode) {
    case "source":
      return row.candidate.unitCost;
    case "default":
      return null;
    case "same":
      return cost.value;
  }
}

/** The rows that will be added: ticked, with a user, not members and not repeated. */
export function addableIndexes(rows: readonly ReviewRow[]): number[] {
  const states = rowStates(rows);
  return rows.flatMap((row, index) => (row.included && states[index] === "ready" ? [index] : []));
}

export function stagedAdds(rows: readonly ReviewRow[], cost: CostChoice): StagedAdd[] {
  return addableIndexes(rows).map((index) => {
    const row = rows[index] as ReviewRow & { user: UserCandidate };
    return { userId: row.user.userId, name: row.user.name, unitCost: costOf(row, cost) };
  });
}

/** "Login · e-mail · organisation": what tells two people of the same name apart. */
export function userDetails(user: UserCandidate): string {
  return [user.login, user.email, user.organization].filter(Boolean).join(" · ");
}
