/**
 * The member-management commands. Hand-written calls until the Rust commands are in the
 * generated bindings; every call goes through this one object so the swap is one file.
 */
import { invoke } from "@tauri-apps/api/core";
import type { AppError } from "../bindings";
import type { CommandResult } from "./result";
import type {
  AuditEntry,
  ExportedFile,
  ImportReport,
  JiraRole,
  MemberDiff,
  MembersApplied,
  MembersView,
  ProjectMembers,
  ProjectSummary,
  SeedProposal,
  Staged,
  UndoProposal,
  UserMatches,
} from "./membersTypes";

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<CommandResult<T>> {
  try {
    return { status: "ok", data: await invoke<T>(cmd, args) };
  } catch (e) {
    if (e instanceof Error) throw e;
    return { status: "error", error: e as AppError };
  }
}

export const memberCommands = {
  membersProjects: (serverId: number, text: string) => call<ProjectSummary[]>("members_projects", { serverId, text }),
  membersLoad: (serverId: number, projectId: string) => call<MembersView>("members_load", { serverId, projectId }),
  membersSearchUsers: (serverId: number, project: ProjectMembers, query: string, limit: number) =>
    call<UserMatches>("members_search_users", { serverId, project, query, limit }),
  membersPreview: (base: ProjectMembers, staged: Staged) => call<MemberDiff>("members_preview", { base, staged }),
  membersApply: (serverId: number, base: ProjectMembers, staged: Staged) =>
    call<MembersApplied>("members_apply", { serverId, base, staged }),
  membersCopyFromProject: (serverId: number, target: ProjectMembers, sourceProjectId: string) =>
    call<SeedProposal>("members_copy_from_project", { serverId, target, sourceProjectId }),
  membersJiraRoles: (jiraServerId: number, jiraProject: string) =>
    call<JiraRole[]>("members_jira_roles", { jiraServerId, jiraProject }),
  membersSeedFromJiraRole: (
    serverId: number,
    target: ProjectMembers,
    jiraServerId: number,
    jiraProject: string,
    roleId: string,
  ) => call<SeedProposal>("members_seed_from_jira_role", { serverId, target, jiraServerId, jiraProject, roleId }),
  membersImportCsv: (serverId: number, target: ProjectMembers, text: string, removeMissing: boolean) =>
    call<ImportReport>("members_import_csv", { serverId, target, text, removeMissing }),
  membersExportCsv: (serverId: number, members: ProjectMembers) =>
    call<ExportedFile>("members_export_csv", { serverId, members }),
  memberAuditList: () => call<AuditEntry[]>("member_audit_list"),
  memberAuditExport: () => call<ExportedFile>("member_audit_export"),
  membersUndoPlan: (auditId: number) => call<UndoProposal>("members_undo_plan", { auditId }),
};
