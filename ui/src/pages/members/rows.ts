/**
 * The table's rows: the loaded members with the staged edits laid over them (new users
 * appended, changed costs, removals marked), then filtered and sorted. Pure, so the
 * 1,000-member case is cheap to test and to memoise.
 */
import type { ProjectMembers, Staged, UserCandidate } from "../../api/membersTypes";

export type RowChange = "add" | "update" | "remove";

export interface MemberRow {
  userId: string;
  /** null for a user staged to be added. */
  memberId: string | null;
  name: string;
  login: string | null;
  organization: string | null;
  /** The cost after the staged edits; null: the system default. */
  unitCost: number | null;
  /** The cost read from the server, when a staged update changes it. */
  before: number | null;
  memberSince: string | null;
  change: RowChange | null;
}

export type SortColumn = "name" | "login" | "organization" | "unitCost" | "memberSince";
export interface SortOrder {
  column: SortColumn;
  direction: "ascending" | "descending";
}

/**
 * Members and staged adds as rows. `known` holds what the user search said about users
 * picked to be added (a staged add only carries a name).
 */
export function buildRows(base: ProjectMembers, staged: Staged, known: ReadonlyMap<string, UserCandidate>): MemberRow[] {
  const updates = new Map(staged.updates.map((update) => [update.memberId, update.unitCost]));
  const removes = new Set(staged.removes);
  const rows: MemberRow[] = base.members.map((member) => {
    const updated = updates.has(member.memberId);
    const removed = removes.has(member.memberId);
    return {
      userId: member.userId,
      memberId: member.memberId,
      name: member.name,
      login: member.login,
      organization: member.organization,
      unitCost: updated ? (updates.get(member.memberId) ?? null) : member.unitCost,
      before: member.unitCost,
      memberSince: member.memberSince,
      change: removed ? "remove" : updated ? "update" : null,
    };
  });
  for (const add of staged.adds) {
    const user = known.get(add.userId);
    rows.push({
      userId: add.userId,
      memberId: null,
      name: add.name,
      login: user?.login ?? null,
      organization: user?.organization ?? null,
      unitCost: add.unitCost,
      before: null,
      memberSince: null,
      change: "add",
    });
  }
  return rows;
}

/**
 * The rows whose name, login or organisation contains `text` (case and width folded, so
 * "ｔａｎａｋａ" finds "Tanaka"); with `onlyChanges`, only rows with a staged edit.
 */
export function filterRows(rows: readonly MemberRow[], text: string, onlyChanges: boolean): MemberRow[] {
  const needle = fold(text);
  return rows.filter(
    (row) =>
      (!onlyChanges || row.change !== null) &&
      (needle === "" || [row.name, row.login, row.organization].some((field) => field !== null && fold(field).includes(needle))),
  );
}

/**
 * Rows in the chosen order; empty values (no login, no organisation, not yet a member)
 * always last, ties by name. Costs compare as they will be charged: the system default
 * counts as `defaultUnitCost`.
 */
export function sortRows(rows: readonly MemberRow[], order: SortOrder, language: string, defaultUnitCost: number | null): MemberRow[] {
  const collator = new Intl.Collator(language, { numeric: true, sensitivity: "base" });
  const sign = order.direction === "ascending" ? 1 : -1;
  const key = (row: MemberRow): string | number | null => {
    switch (order.column) {
      case "name":
        return row.name;
      case "login":
        return row.login;
      case "organization":
        return row.organization;
      case "unitCost":
        return row.unitCost ?? defaultUnitCost;
      case "memberSince":
        return row.memberSince === null ? null : Date.parse(row.memberSince) || null;
    }
  };
  const keyed = rows.map((row) => ({ row, key: key(row) }));
  keyed.sort((a, b) => {
    const byName = collator.compare(a.row.name, b.row.name);
    if (a.key === null || b.key === null) return a.key === b.key ? byName : a.key === null ? 1 : -1;
    const compared = typeof a.key === "number" && typeof b.key === "number" ? a.key - b.key : collator.compare(String(a.key), String(b.key));
    return compared !== 0 ? sign * compared : byName;
  });
  return keyed.map(({ row }) => row);
}

function fold(text: string): string {
  return text.normalize("NFKC").toLocaleLowerCase().trim();
}
