import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { commands } from "../bindings";
import type { ProjectMembers } from "./membersTypes";
import { queryKeys } from "./queryKeys";
import { unwrap } from "./result";

/** How many users one search in the review step shows; the rest by typing more. */
export const USER_SEARCH_LIMIT = 20;

/** Projects of the server whose name or code contains `text`, to copy members from. */
export function useSeedProjects(serverId: number, text: string) {
  return useQuery({
    queryKey: queryKeys.memberSeedProjects(serverId, text),
    queryFn: () => unwrap(commands.membersProjects(serverId, text)),
    // Typing narrows the list: keep showing the last answer until the next one arrives.
    placeholderData: keepPreviousData,
  });
}

export interface CopyVariables {
  serverId: number;
  target: ProjectMembers;
  sourceProjectId: string;
}

/** The source project's members matched to the target's: a proposal, nothing written. */
export function useCopyFromProject() {
  return useMutation({
    mutationFn: ({ serverId, target, sourceProjectId }: CopyVariables) =>
      unwrap(commands.membersCopyFromProject(serverId, target, sourceProjectId)),
  });
}

/** The roles of a Jira project; asked for once the user has typed the key and confirmed it. */
export function useJiraRoles(jiraServerId: number | null, jiraProject: string | null) {
  return useQuery({
    queryKey: queryKeys.memberSeedJiraRoles(jiraServerId ?? 0, jiraProject ?? ""),
    queryFn: () => unwrap(commands.membersJiraRoles(jiraServerId ?? 0, jiraProject ?? "")),
    enabled: jiraServerId !== null && jiraProject !== null && jiraProject !== "",
  });
}

export interface JiraSeedVariables {
  serverId: number;
  target: ProjectMembers;
  jiraServerId: number;
  jiraProject: string;
  roleId: string;
}

/** The Jira role's users matched to TimeTracker NX users by e-mail, login or name. */
export function useSeedFromJiraRole() {
  return useMutation({
    mutationFn: ({ serverId, target, jiraServerId, jiraProject, roleId }: JiraSeedVariables) =>
      unwrap(commands.membersSeedFromJiraRole(serverId, target, jiraServerId, jiraProject, roleId)),
  });
}

/** TimeTracker NX users by name, e-mail or organisation, for a person no rule matched. */
export function useSeedUserSearch(serverId: number, project: ProjectMembers, query: string) {
  return useQuery({
    queryKey: queryKeys.memberSeedUsers(serverId, project.project.id, query),
    queryFn: () => unwrap(commands.membersSearchUsers(serverId, project, query, USER_SEARCH_LIMIT)),
    enabled: query !== "",
    placeholderData: keepPreviousData,
  });
}

export interface ImportVariables {
  serverId: number;
  target: ProjectMembers;
  text: string;
  removeMissing: boolean;
}

/** Checks a CSV file against the project: the validation report and the valid edits, staged only. */
export function useImportMembersCsv() {
  return useMutation({
    mutationFn: ({ serverId, target, text, removeMissing }: ImportVariables) =>
      unwrap(commands.membersImportCsv(serverId, target, text, removeMissing)),
  });
}

export interface ExportVariables {
  serverId: number;
  members: ProjectMembers;
}

/** Writes the project's members to a CSV file in Downloads. */
export function useExportMembersCsv() {
  return useMutation({
    mutationFn: ({ serverId, members }: ExportVariables) => unwrap(commands.membersExportCsv(serverId, members)),
  });
}
