import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { commands } from "../bindings";
import type { ProjectMembers, Staged } from "./membersTypes";
import { queryKeys } from "./queryKeys";
import { unwrap } from "./result";

/** Every apply of member changes, newest first. */
export function useMemberAudit() {
  return useQuery({
    queryKey: queryKeys.memberAudit,
    queryFn: () => unwrap(commands.memberAuditList()),
  });
}

/** Writes the whole audit log to a CSV file in Downloads. */
export function useExportMemberAudit() {
  return useMutation({
    mutationFn: () => unwrap(commands.memberAuditExport()),
  });
}

/**
 * The edits that undo an apply, worked out on the project's members as they are now; read
 * afresh each time the dialog opens (someone may have changed the members meanwhile).
 */
export function useUndoPlan(auditId: number | null) {
  return useQuery({
    queryKey: queryKeys.memberUndoPlan(auditId ?? 0),
    queryFn: () => unwrap(commands.membersUndoPlan(auditId ?? 0)),
    enabled: auditId !== null,
    staleTime: 0,
    gcTime: 0,
  });
}

export interface UndoVariables {
  serverId: number;
  base: ProjectMembers;
  staged: Staged;
}

/**
 * Applies an undo plan like any other change: conflict check, one request, a new audit
 * entry. The log has a new entry and the project's members (on the Members screen, and in
 * its user searches) are not what they were.
 */
export function useApplyUndo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ serverId, base, staged }: UndoVariables) => unwrap(commands.membersApply(serverId, base, staged)),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.memberAudit }),
        queryClient.invalidateQueries({ queryKey: queryKeys.members }),
      ]),
  });
}
