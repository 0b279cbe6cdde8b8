import type { ImportRow, ImportStatus, Staged } from "../../../api/membersTypes";

/** Statuses of rows that cannot be used; they are never staged. */
export const BAD_STATUSES = ["unknownUser", "ambiguous", "badNumber", "duplicate", "missingUser"] as const satisfies readonly ImportStatus[];
export type BadStatus = (typeof BAD_STATUSES)[number];

/** Every status, in the order the report counts them: what needs fixing first. */
export const STATUS_ORDER: readonly ImportStatus[] = [...BAD_STATUSES, "add", "update", "remove", "unchanged"];

export function isBad(status: ImportStatus): status is BadStatus {
  return (BAD_STATUSES as readonly ImportStatus[]).includes(status);
}

/** Bad rows first (what to fix), each group in file order; removals (line 0, not in the file) last. */
export function orderedRows(rows: readonly ImportRow[]): ImportRow[] {
  const byLine = (a: ImportRow, b: ImportRow) => (a.line || Number.MAX_SAFE_INTEGER) - (b.line || Number.MAX_SAFE_INTEGER);
  return [...rows.filter((row) => isBad(row.status)).sort(byLine), ...rows.filter((row) => !isBad(row.status)).sort(byLine)];
}

/** How many rows have each status, in STATUS_ORDER, leaving out those with none. */
export function statusCounts(rows: readonly ImportRow[]): { status: ImportStatus; count: number }[] {
  return STATUS_ORDER.map((status) => ({ status, count: rows.filter((row) => row.status === status).length })).filter(
    ({ count }) => count > 0,
  );
}

export function stagedCount(staged: Staged): number {
  return staged.adds.length + staged.updates.length + staged.removes.length;
}
