// The sync engine's exported types as crates/core/src/sync/model.rs and
// sync/jira_ttnx serialise them (camelCase; tagged enums carry "kind"). Written by hand
// until bindings.ts is regenerated with the sync commands; then this file becomes a list
// of re-exports from ../bindings and nothing else changes.
import type { ServerKind, Side } from "../bindings";

export type { ServerKind, Side };

export type EntityKind = "group" | "item" | "subItem" | "worklog";
export type SyncField =
  | "summary"
  | "description"
  | "status"
  | "assignee"
  | "originalEstimate"
  | "startDate"
  | "dueDate"
  | "itemType"
  | "priority";
export type FieldDirection = "leftToRight" | "rightToLeft" | "both" | "off";
export type FieldMapping = { field: SyncField; direction: FieldDirection };
export type ValuePair = { left: string; right: string };
export type ValueMaps = { status: ValuePair[]; itemType: ValuePair[]; priority: ValuePair[] };
export type UserPair = { left: string; leftName: string; right: string; rightName: string };
export type ConflictPolicy = "newestWins" | "leftWins" | "rightWins" | "ask";
export type DeletionPolicy = "ignore" | "mirror" | "archive";
export type GroupBy = "version" | "sprint";
export type Schedule =
  | { kind: "off" }
  | { kind: "every"; minutes: number }
  | { kind: "businessHours"; days: number[]; from: string; to: string; timeZone: string; everyMinutes: number };
export type Scope = {
  kind: "jiraTtnx";
  jiraProject: string;
  ttnxProjectId: string;
  ttnxFolderId: string;
  groupBy: GroupBy;
  boardId: string | null;
};
export type Entities = { items: boolean; worklogs: boolean };

export type ProfileDraft = {
  id: number | null;
  name: string;
  connectionId: number;
  scope: Scope;
  entities: Entities;
  fields: FieldMapping[];
  valueMaps: ValueMaps;
  userMap: UserPair[];
  conflictPolicy: ConflictPolicy;
  deletion: DeletionPolicy;
  schedule: Schedule;
  thresholdPercent: number;
};

export type SyncProfile = Omit<ProfileDraft, "id"> & {
  id: number;
  connectionName: string;
  createdAt: string;
  updatedAt: string;
  /** False until the first real (non-dry) run: the UI asks for a preview first. */
  hasRun: boolean;
  lastRun: RunSummary | null;
};

export type Trigger = "schedule" | "tray" | "ui" | "cli" | "undo";
export type RunOutcome = "running" | "succeeded" | "succeededWithProblems" | "paused" | "failed" | "cancelled" | "interrupted";
export type ActionCounts = { created: number; updated: number; deleted: number; unchanged: number; problems: number };
export type ServerRequests = { serverId: number; serverName: string; requests: number };
export type RunSummary = {
  id: number;
  profileId: number;
  profileName: string;
  trigger: Trigger;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string | null;
  outcome: RunOutcome;
  left: ActionCounts;
  right: ActionCounts;
  problems: number;
  requests: ServerRequests[];
  message: string | null;
};

export type OpAction = "create" | "update" | "delete" | "archive";
export type OpStatus = "planned" | "sent" | "done" | "failed" | "healed" | "skipped";
export type FieldChange = { field: string; before: string | null; after: string | null };
export type PlannedOp = {
  key: string;
  side: Side;
  action: OpAction;
  entity: EntityKind;
  title: string;
  targetId: string | null;
  source: string | null;
  changes: FieldChange[];
  status: OpStatus;
};
export type BreakerReason =
  | { kind: "massChange"; count: number; linked: number; percent: number; limit: number }
  | { kind: "sideEmpty"; side: Side; linked: number };
export type Plan = {
  profileId: number;
  ops: PlannedOp[];
  left: ActionCounts;
  right: ActionCounts;
  problems: ProblemDraft[];
  breaker: BreakerReason | null;
};
export type RunDetail = { summary: RunSummary; ops: PlannedOp[]; problems: ItemProblem[] };
export type RunReport = { summary: RunSummary; plan: Plan };

export type ProblemCause =
  | { kind: "unmappedUser"; side: Side; user: string; name: string }
  | { kind: "unmappedValue"; field: SyncField; side: Side; value: string; name: string }
  | { kind: "permissionDenied"; side: Side; permission: string }
  | { kind: "structureMismatch"; detail: string }
  | { kind: "fieldConflict"; field: SyncField; left: string; right: string }
  | { kind: "rejected"; side: Side; status: number }
  | { kind: "unreachable"; side: Side };
export type ProblemFix = "mapUser" | "mapValue" | "grantPermission" | "retry" | "skip" | "keepLeft" | "keepRight" | "openProfile";
export type ProblemStatus = "open" | "resolved" | "skipped";
export type ProblemDraft = { side: Side | null; item: string; cause: ProblemCause; message: string };
export type ItemProblem = {
  id: number;
  profileId: number;
  profileName: string;
  runId: number;
  side: Side | null;
  item: string;
  itemId: string | null;
  cause: ProblemCause;
  message: string;
  fixes: ProblemFix[];
  status: ProblemStatus;
  firstSeen: string;
  lastSeen: string;
  occurrences: number;
};
export type ProblemAction =
  | { kind: "mapUser"; right: string; rightName: string }
  | { kind: "mapValue"; other: string }
  | { kind: "retry" }
  | { kind: "skip" }
  | { kind: "keepLeft" }
  | { kind: "keepRight" };

export type Phase = "connecting" | "reading" | "planning" | "applying" | "committing" | "done";
export type SyncProgress = {
  runId: number;
  profileId: number;
  phase: Phase;
  read: number;
  planned: number;
  applied: number;
  total: number;
};

// Editor support (sync/jira_ttnx).
export type Choice = { id: string; name: string; detail: string | null };
export type ScopeOptions = { leftKind: ServerKind; rightKind: ServerKind; jiraProjects: Choice[]; ttnxProjects: Choice[] };
export type ValueSuggestions = { left: Choice[]; right: Choice[]; pairs: ValuePair[] };
// Rust: sync::jira_ttnx::MatchedBy; bindings already has a members `MatchedBy`, so the generated name may differ.
export type SyncMatchedBy = "email" | "login" | "name";
export type UserSuggestion = { pair: UserPair; matchedBy: SyncMatchedBy };
export type PermissionCheck = { side: Side; project: string; permission: string; granted: boolean; message: string };
export type MappingSuggestions = {
  status: ValueSuggestions;
  itemType: ValueSuggestions;
  priority: ValueSuggestions;
  users: UserSuggestion[];
  unresolvedLeft: Choice[];
  unresolvedRight: Choice[];
  rightUsers: Choice[];
  leftUsers: Choice[];
  permissions: PermissionCheck[];
};
