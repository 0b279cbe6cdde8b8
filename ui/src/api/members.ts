import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { commands } from "../bindings";
import type { MembersView, ProjectMembers, Staged } from "./membersTypes";
import { queryKeys } from "./queryKeys";
import { unwrap } from "./result";

/** Projects on a TimeTracker NX server whose name or code contains `text` (all for ""). */
export function useMemberProjects(serverId: number | null, text: string) {
  return useQuery({
    queryKey: queryKeys.memberProjects(serverId ?? 0, text),
    queryFn: () => unwrap(commands.membersProjects(serverId ?? 0, text)),
    enabled: serverId !== null,
    // Typing on keeps the last answer in view instead of flashing a spinner.
    placeholderData: keepPreviousData,
  });
}

/**
 * One project's members, whether the signed-in account may change them, and who that is.
 * Never refetched behind the user's back: staged edits refer to exactly these members, so
 * they change only when the user reloads, applies, or takes the members read at a conflict.
 */
export function useMembersView(serverId: number, projectId: string) {
  return useQuery({
    queryKey: queryKeys.membersView(serverId, projectId),
    queryFn: () => unwrap(commands.membersLoad(serverId, projectId)),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
}

/** Replaces the members the screen shows (read back after an apply, or at a conflict). */
export function useReplaceMembers(serverId: number, projectId: string) {
  const queryClient = useQueryClient();
  return (members: ProjectMembers) => {
    queryClient.setQueryData<MembersView>(queryKeys.membersView(serverId, projectId), (view) => (view ? { ...view, members } : view));
    // The read-back carries no login names for people just added (only a full read
    // has them): read the view again behind the shown result.
    void queryClient.invalidateQueries({ queryKey: queryKeys.membersView(serverId, projectId) });
    // Who is a member already has changed for every user search of this project,
    // and an apply added an entry to the audit log on Activity.
    void queryClient.invalidateQueries({ queryKey: queryKeys.memberUsers });
    void queryClient.invalidateQueries({ queryKey: queryKeys.memberAudit });
  };
}

/** Users found by name, e-mail or organisation; `limit` grows with "Show more". */
export function useMemberUserSearch(serverId: number, project: ProjectMembers, query: string, limit: number, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.memberUserSearch(serverId, project.project.id, query, limit),
    queryFn: () => unwrap(commands.membersSearchUsers(serverId, project, query, limit)),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** What applying `staged` to `base` would change; a validation error for edits that no longer fit. */
export function useMembersPreview() {
  return useMutation({
    mutationFn: ({ base, staged }: { base: ProjectMembers; staged: Staged }) => unwrap(commands.membersPreview(base, staged)),
  });
}

/** Applies the edits in one request, unless someone else changed the members since `base` was read. */
export function useMembersApply(serverId: number) {
  return useMutation({
    mutationFn: ({ base, staged }: { base: ProjectMembers; staged: Staged }) => unwrap(commands.membersApply(serverId, base, staged)),
  });
}
