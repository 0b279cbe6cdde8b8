/**
 * The member-management commands, from the generated bindings. The screens call them
 * through this one object so they need not know which commands are generated where.
 */
import { commands } from "../bindings";

export const memberCommands = {
  membersProjects: commands.membersProjects,
  membersLoad: commands.membersLoad,
  membersSearchUsers: commands.membersSearchUsers,
  membersPreview: commands.membersPreview,
  membersApply: commands.membersApply,
  membersCopyFromProject: commands.membersCopyFromProject,
  membersJiraRoles: commands.membersJiraRoles,
  membersSeedFromJiraRole: commands.membersSeedFromJiraRole,
  membersImportCsv: commands.membersImportCsv,
  membersExportCsv: commands.membersExportCsv,
  memberAuditList: commands.memberAuditList,
  memberAuditExport: commands.memberAuditExport,
  membersUndoPlan: commands.membersUndoPlan,
};
