import type { ConnectionOverview } from "../bindings";
import type {
  ActionCounts,
  BreakerReason,
  Choice,
  FieldMapping,
  ItemProblem,
  MappingSuggestions,
  PlannedOp,
  ProblemAction,
  ProblemDraft,
  ProfileDraft,
  RunDetail,
  RunReport,
  RunSummary,
  Scope,
  SyncProfile,
} from "../api/syncTypes";
import rawFixtures from "../../tests/fixtures/sync-fixtures.json";

type StoredRun = Omit<RunSummary, "requests"> & { requestCounts: [number, number] };
type StoredProfile = Omit<SyncProfile, "connectionId" | "connectionName" | "lastRun"> & { lastRunId: number | null };

/** tests/fixtures/sync-fixtures.json (the screenshot back end reads the same file). */
export const syncFixtures = rawFixtures as unknown as {
  scopeOptions: { jiraProjects: Choice[]; ttnxProjects: Choice[] };
  folders: Record<string, Choice[]>;
  boards: Record<string, Choice[]>;
  defaultFields: FieldMapping[];
  suggestions: MappingSuggestions;
  profiles: StoredProfile[];
  runs: StoredRun[];
  planOps: PlannedOp[];
  planCounts: { left: ActionCounts; right: ActionCounts };
  planProblems: ProblemDraft[];
  breaker: BreakerReason;
  detailOps: PlannedOp[];
  problems: ItemProblem[];
  undoOps: PlannedOp[];
};

/** The sync engine's state as the back end holds it; tests read and change it. */
export interface SyncState {
  profiles: (StoredProfile & { connectionId: number })[];
  runs: StoredRun[];
  problems: ItemProblem[];
  /** Profiles whose next preview or run trips the mass-change breaker. */
  breakerFor: Set<number>;
  nextId: number;
}

const NOW = "2026-03-02T11:00:00Z";
const validation = (field: string, message: string) => ({ code: "Validation", field, message });
const notFound = (what: string) => ({ code: "NotFound", message: `${what} does not exist (any more); reload the list.` });

const isJiraTtnx = (connection: ConnectionOverview) => {
  const kinds = [connection.left.server.kind, connection.right.server.kind];
  return kinds.includes("timeTrackerNx") && kinds.some((kind) => kind === "jiraCloud" || kind === "jiraDataCenter");
};

/**
 * Starts with the fixtures' profiles WEB and MOB, their runs and WEB's open problems when
 * a Jira ↔ TimeTracker NX connection exists (demo or registry); empty otherwise.
 */
export function createSyncState(connections: readonly ConnectionOverview[]): SyncState {
  const connection = connections.find(isJiraTtnx);
  if (!connection) return { profiles: [], runs: [], problems: [], breakerFor: new Set(), nextId: 100 };
  return {
    profiles: structuredClone(syncFixtures.profiles).map((profile) => ({ ...profile, connectionId: connection.id })),
    runs: structuredClone(syncFixtures.runs),
    problems: structuredClone(syncFixtures.problems),
    breakerFor: new Set(),
    nextId: 100,
  };
}

/** The sync commands, answering as crates/core/src/sync and src-tauri do. */
export function syncCommands(state: SyncState, connections: () => ConnectionOverview[]) {
  const connectionOf = (id: number) => {
    const found = connections().find((item) => item.id === id);
    if (!found) throw validation("connectionId", `There is no connection ${id}; choose one of the listed connections.`);
    return found;
  };
  const summary = (run: StoredRun): RunSummary => {
    const { requestCounts, ...rest } = run;
    const profile = state.profiles.find((item) => item.id === run.profileId);
    const connection = profile ? connections().find((item) => item.id === profile.connectionId) : undefined;
    const requests = connection
      ? [connection.left, connection.right].map((side, index) => ({ serverId: side.server.id, serverName: side.server.name, requests: requestCounts[index] ?? 0 }))
      : [];
    return { ...rest, requests };
  };
  const profileView = (stored: SyncState["profiles"][number]): SyncProfile => {
    const { lastRunId, ...rest } = stored;
    const lastRun = state.runs.find((run) => run.id === lastRunId);
    return { ...rest, connectionName: connectionOf(stored.connectionId).name, lastRun: lastRun ? summary(lastRun) : null };
  };
  const profile = (id: number) => {
    const found = state.profiles.find((item) => item.id === id);
    if (!found) throw notFound(`Sync profile ${id}`);
    return found;
  };

  /** sync::profile::save's checks, in its order. */
  const validate = (draft: ProfileDraft) => {
    const name = draft.name.trim();
    if (name === "") throw validation("name", "Give the profile a name.");
    if (state.profiles.some((item) => item.name === name && item.id !== draft.id)) {
      throw validation("name", `A profile named ${name} exists already; choose another name.`);
    }
    if (!isJiraTtnx(connectionOf(draft.connectionId))) {
      throw validation("connectionId", "This connection is not between Jira and TimeTracker NX; choose one that is.");
    }
    const scope: Scope = draft.scope;
    if (scope.jiraProject === "") throw validation("scope.jiraProject", "Choose the Jira project.");
    if (scope.ttnxFolderId === "") throw validation("scope.ttnxFolderId", "Choose the TimeTracker NX folder.");
    if (scope.groupBy === "sprint" && scope.boardId === null) throw validation("scope.boardId", "Choose the board whose sprints become groups.");
    if (draft.thresholdPercent < 1 || draft.thresholdPercent > 100) throw validation("thresholdPercent", "Choose a limit from 1 to 100 %.");
    const { schedule } = draft;
    if (schedule.kind === "every" && schedule.minutes < 5) throw validation("schedule.minutes", "Run at most every 5 minutes.");
    if (schedule.kind === "businessHours" && schedule.timeZone === "Mars/Olympus") {
      throw validation("schedule.timeZone", `${schedule.timeZone} is not a time zone; use an IANA name such as Asia/Tokyo.`);
    }
  };

  const report = (profileId: number, dryRun: boolean, ops: PlannedOp[], counts = syncFixtures.planCounts): RunReport => {
    const stored = profile(profileId);
    const breaker = state.breakerFor.has(profileId) ? syncFixtures.breaker : null;
    const run: StoredRun = {
      id: state.nextId++,
      profileId,
      profileName: stored.name,
      trigger: "ui",
      dryRun,
      startedAt: NOW,
      finishedAt: NOW,
      outcome: breaker ? "paused" : "succeeded",
      left: counts.left,
      right: counts.right,
      problems: breaker ? 0 : syncFixtures.planProblems.length,
      requestCounts: [12, 7],
      message: null,
    };
    state.runs.unshift(run);
    const problems = breaker ? [] : structuredClone(syncFixtures.planProblems);
    return { summary: summary(run), plan: { profileId, ops: structuredClone(ops), left: counts.left, right: counts.right, problems, breaker } };
  };

  const started = (profileId: number, trigger: "ui" | "undo") => {
    const stored = profile(profileId);
    const zero: ActionCounts = { created: 0, updated: 0, deleted: 0, unchanged: 0, problems: 0 };
    const run: StoredRun = {
      id: state.nextId++,
      profileId,
      profileName: stored.name,
      trigger,
      dryRun: false,
      startedAt: NOW,
      finishedAt: null,
      outcome: "running",
      left: zero,
      right: zero,
      problems: 0,
      requestCounts: [0, 0],
      message: null,
    };
    state.runs.unshift(run);
    stored.lastRunId = run.id;
    return run.id;
  };

  const resolve = (problemId: number, action: ProblemAction): ItemProblem => {
    const problem = state.problems.find((item) => item.id === problemId);
    if (!problem) throw notFound(`Problem ${problemId}`);
    const owner = profile(problem.profileId);
    const { cause } = problem;
    switch (action.kind) {
      case "mapUser":
        if (cause.kind !== "unmappedUser") throw validation("action", "Only a person without a match can be mapped to a user.");
        owner.userMap.push(
          cause.side === "left"
            ? { left: cause.user, leftName: cause.name, right: action.right, rightName: action.rightName }
            : { left: action.right, leftName: action.rightName, right: cause.user, rightName: cause.name },
        );
        problem.status = "resolved";
        break;
      case "mapValue": {
        if (cause.kind !== "unmappedValue") throw validation("action", "Only a value without a match can be mapped.");
        const map = cause.field === "status" ? owner.valueMaps.status : cause.field === "itemType" ? owner.valueMaps.itemType : owner.valueMaps.priority;
        map.push(cause.side === "left" ? { left: cause.value, right: action.other } : { left: action.other, right: cause.value });
        problem.status = "resolved";
        break;
      }
      case "skip":
        problem.status = "skipped";
        break;
      case "retry":
        // Open for retry: the next run tries the item again; it leaves the inbox meanwhile.
        problem.status = "resolved";
        break;
      case "keepLeft":
      case "keepRight":
        if (cause.kind !== "fieldConflict") throw validation("action", "Only a conflict can be settled by keeping one side.");
        problem.status = "resolved";
        break;
    }
    return problem;
  };

  return {
    sync_profiles: () => state.profiles.map(profileView),
    sync_profile_get: (args: unknown) => profileView(profile((args as { id: number }).id)),
    sync_profile_save: (args: unknown): SyncProfile => {
      const { draft } = args as { draft: ProfileDraft };
      validate(draft);
      const { id, ...rest } = structuredClone(draft);
      const values = { ...rest, name: draft.name.trim() };
      if (id !== null) {
        const stored = profile(id);
        Object.assign(stored, values, { updatedAt: NOW });
        return profileView(stored);
      }
      const stored = { ...values, id: state.nextId++, createdAt: NOW, updatedAt: NOW, hasRun: false, lastRunId: null };
      state.profiles.push(stored);
      return profileView(stored);
    },
    sync_profile_remove: (args: unknown) => {
      const { id } = args as { id: number };
      profile(id);
      state.profiles = state.profiles.filter((item) => item.id !== id);
      state.problems = state.problems.filter((item) => item.profileId !== id);
      return null;
    },
    sync_default_fields: () => structuredClone(syncFixtures.defaultFields),
    sync_scope_options: (args: unknown) => {
      const connection = connectionOf((args as { connectionId: number }).connectionId);
      return { leftKind: connection.left.server.kind, rightKind: connection.right.server.kind, ...structuredClone(syncFixtures.scopeOptions) };
    },
    sync_ttnx_folders: (args: unknown) => structuredClone(syncFixtures.folders[(args as { ttnxProjectId: string }).ttnxProjectId] ?? []),
    sync_jira_boards: (args: unknown) => structuredClone(syncFixtures.boards[(args as { jiraProject: string }).jiraProject] ?? []),
    sync_suggestions: (args: unknown) => {
      const { draft } = args as { draft: ProfileDraft };
      if (draft.scope.jiraProject === "" || draft.scope.ttnxProjectId === "") {
        throw validation("scope.jiraProject", "Choose both projects first; suggestions compare their values and users.");
      }
      return structuredClone(syncFixtures.suggestions);
    },
    sync_preview: (args: unknown) => report((args as { profileId: number }).profileId, true, syncFixtures.planOps),
    sync_start: (args: unknown) => {
      const { profileId, confirmBreaker } = args as { profileId: number; confirmBreaker: boolean };
      if (confirmBreaker) state.breakerFor.delete(profileId);
      return started(profileId, "ui");
    },
    sync_cancel: (args: unknown) => {
      const run = state.runs.find((item) => item.id === (args as { runId: number }).runId);
      if (!run) throw notFound("That run");
      return null;
    },
    sync_runs: (args: unknown) => state.runs.slice(0, (args as { limit: number }).limit).map(summary),
    sync_run_detail: (args: unknown): RunDetail => {
      const run = state.runs.find((item) => item.id === (args as { runId: number }).runId);
      if (!run) throw notFound("That run");
      const ops = run.id === 3 ? syncFixtures.detailOps : run.dryRun ? syncFixtures.planOps : [];
      return { summary: summary(run), ops: structuredClone(ops), problems: state.problems.filter((item) => item.runId === run.id) };
    },
    sync_undo_preview: (args: unknown) => {
      const { profileId } = args as { profileId: number };
      if (!state.runs.some((run) => run.profileId === profileId && !run.dryRun && run.trigger !== "undo" && run.finishedAt !== null)) {
        throw { code: "Conflict", message: "This profile has no finished run to undo." };
      }
      const counts = { left: { ...syncFixtures.planCounts.left, created: 0, updated: 1 }, right: { ...syncFixtures.planCounts.right, created: 0, updated: 0, deleted: 1 } };
      return report(profileId, true, syncFixtures.undoOps, counts);
    },
    sync_undo: (args: unknown) => started((args as { profileId: number }).profileId, "undo"),
    sync_problems: (args: unknown) => {
      const { openOnly } = args as { openOnly: boolean };
      return state.problems.filter((item) => !openOnly || item.status === "open");
    },
    sync_resolve_problem: (args: unknown) => {
      const { problemId, action } = args as { problemId: number; action: ProblemAction };
      return resolve(problemId, action);
    },
  };
}
