import type { AuditEntry, MemberDiff } from "../../api/membersTypes";

export function diffSize(diff: MemberDiff): number {
  return diff.adds.length + diff.updates.length + diff.removes.length;
}

/**
 * The entries that can be undone: per project (server and project id), the newest apply
 * that changed someone. Undoing an older one would skip the changes made after it; an
 * apply that changed nobody (everything refused) has nothing to undo and changed nothing
 * the one before it left.
 */
export function undoableIds(entries: readonly AuditEntry[]): ReadonlySet<number> {
  const seen = new Set<string>();
  const ids = new Set<number>();
  // The log lists entries newest first.
  for (const entry of entries) {
    const project = `${entry.serverId}/${entry.projectId}`;
    if (seen.has(project) || diffSize(entry.changes) === 0) continue;
    seen.add(project);
    ids.add(entry.id);
  }
  return ids;
}
