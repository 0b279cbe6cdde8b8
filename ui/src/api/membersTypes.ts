/**
 * Types of the member-management commands, mirroring crates/core/src/members. Hand-written
 * until the commands exist in Rust; then they are re-exported from the generated bindings.
 */

export interface ProjectSummary {
  id: string;
  code: string | null;
  name: string;
  manager: string | null;
  isFinished: boolean;
}

export interface Member {
  memberId: string;
  userId: string;
  name: string;
  login: string | null;
  organization: string | null;
  /** null: the system default applies. */
  unitCost: number | null;
  /** RFC 3339, UTC. */
  memberSince: string | null;
}

export interface ProjectMembers {
  project: ProjectSummary;
  members: Member[];
  defaultUnitCost: number | null;
}

export interface MembersView {
  members: ProjectMembers;
  /** false: the signed-in account lacks Manage Project; nothing can be edited. */
  canManage: boolean;
  signedInAs: string;
}

export interface StagedAdd {
  userId: string;
  name: string;
  unitCost: number | null;
}

export interface StagedUpdate {
  memberId: string;
  unitCost: number | null;
}

export interface Staged {
  adds: StagedAdd[];
  updates: StagedUpdate[];
  /** Member ids. */
  removes: string[];
}

export interface MemberState {
  memberId: string | null;
  unitCost: number | null;
}

export interface MemberDelta {
  userId: string;
  name: string;
  login: string | null;
  before: MemberState | null;
  after: MemberState | null;
}

export interface MemberDiff {
  adds: MemberDelta[];
  updates: MemberDelta[];
  removes: MemberDelta[];
}

export type MemberAction = "add" | "update" | "remove";

export interface MemberFailure {
  action: MemberAction;
  userId: string | null;
  memberId: string | null;
  name: string;
  message: string;
}

export interface ApplyReport {
  project: ProjectSummary;
  changes: MemberDiff;
  failures: MemberFailure[];
  after: ProjectMembers;
  requests: number;
}

export type ApplyOutcome =
  | ({ outcome: "applied" } & ApplyReport)
  | { outcome: "conflict"; changed: MemberDiff; current: ProjectMembers };

export interface MembersApplied {
  outcome: ApplyOutcome;
  /** The audit log entry of an apply; null for a conflict. */
  auditId: number | null;
}

export interface UserCandidate {
  userId: string;
  name: string;
  login: string | null;
  email: string | null;
  organization: string | null;
  /** Set when the user is already an active member of the project searched for. */
  memberId: string | null;
}

export interface UserMatches {
  users: UserCandidate[];
  hasMore: boolean;
}

export type MatchedBy = "sameUser" | "email" | "login" | "name";

export interface SeedCandidate {
  sourceName: string;
  sourceLogin: string | null;
  sourceEmail: string | null;
  unitCost: number | null;
  user: UserCandidate | null;
  matchedBy: MatchedBy | null;
  alternatives: UserCandidate[];
  alreadyMember: boolean;
}

export interface SeedProposal {
  source: string;
  candidates: SeedCandidate[];
}

export interface JiraRole {
  id: string;
  name: string;
}

export type ImportStatus =
  | "add"
  | "update"
  | "unchanged"
  | "remove"
  | "unknownUser"
  | "ambiguous"
  | "badNumber"
  | "duplicate"
  | "missingUser";

export interface ImportRow {
  line: number;
  user: string;
  unitCost: number | null;
  status: ImportStatus;
  name: string | null;
  userId: string | null;
  message: string | null;
}

export interface ImportReport {
  rows: ImportRow[];
  staged: Staged;
  badRows: number;
}

export interface ExportedFile {
  path: string;
  rows: number;
}

export interface AuditEntry {
  id: number;
  appliedAt: string;
  osUser: string;
  ttnxUser: string;
  serverId: number;
  projectId: string;
  projectName: string;
  changes: MemberDiff;
  failures: MemberFailure[];
}

export interface UndoProposal {
  serverId: number;
  base: ProjectMembers;
  staged: Staged;
  preview: MemberDiff;
}
