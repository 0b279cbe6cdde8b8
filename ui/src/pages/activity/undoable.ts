import type { AuditEntry, MemberDiff } from "../../api/membersTypes";

export function diffSize(diff: MemberDiff): number {
  return diff.adds.length + diff.updates.length + diff.removes.length;
}

/**
 * The entries that can be undone: per project (server and project id), only the newest
 * apply, and only if it changed someone. Undoing an older one would skip the changes made
 * after it. `entries` come newest first, as the log lists them.
 */
export function undoableIds(entries: readonly AuditEntry[]): ReadonlySet<number> {
  const seen = new Set<string>();
  const ids = new Set<number>();
  for (const entry of entries) {
    const project = `${entry.serverId}/${entry.projectId}`;
    if (seen.has(project)) continue;
    seen.add(project);
    if (diffSize(entry.changes) > 0) ids.add(entry.id);
  }
  return ids;
}
