/**
 * Types of the member-management commands (crates/core/src/members), from the generated
 * bindings; one import place for the members screens.
 */
export type {
  ApplyOutcome,
  ApplyReport,
  AuditEntry,
  ExportedFile,
  ImportReport,
  ImportRow,
  ImportStatus,
  JiraRole,
  MatchedBy,
  Member,
  MemberAction,
  MemberDelta,
  MemberDiff,
  MemberFailure,
  MembersApplied,
  MemberState,
  MembersView,
  ProjectMembers,
  ProjectSummary,
  SeedCandidate,
  SeedProposal,
  Staged,
  StagedAdd,
  StagedUpdate,
  UndoProposal,
  UserCandidate,
  UserMatches,
} from "../bindings";
