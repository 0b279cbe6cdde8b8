import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { queryKeys } from "./queryKeys";
import { unwrap } from "./result";
import { syncCommands, syncEvents } from "./syncCommands";
import type { ProblemAction, ProfileDraft, RunSummary, SyncProgress } from "./syncTypes";

/** Cache keys of the sync screens; everything under "sync" changes when a run ends. */
export const syncKeys = {
  all: ["sync"],
  profiles: ["sync", "profiles"],
  defaultFields: ["syncDefaultFields"],
  scopeOptions: (connectionId: number) => ["syncScope", "options", connectionId] as const,
  folders: (connectionId: number, projectId: string) => ["syncScope", "folders", connectionId, projectId] as const,
  boards: (connectionId: number, jiraProject: string) => ["syncScope", "boards", connectionId, jiraProject] as const,
  runs: ["sync", "runs"],
  runDetail: (runId: number) => ["sync", "runs", "detail", runId] as const,
  problems: ["sync", "problems"],
  /** Runs going on or just finished, fed by the back end's events (never fetched). */
  live: ["syncLive"],
} as const;

/** How many runs the Activity screen lists. */
export const RUNS_LIMIT = 100;

export function useSyncProfiles() {
  return useQuery({ queryKey: syncKeys.profiles, queryFn: () => unwrap(syncCommands.syncProfiles()) });
}

/** Every field with its default direction, for a new profile. Fixed for a back end. */
export function useDefaultFields() {
  return useQuery({
    queryKey: syncKeys.defaultFields,
    queryFn: () => unwrap(syncCommands.syncDefaultFields()),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useScopeOptions(connectionId: number | null) {
  return useQuery({
    queryKey: syncKeys.scopeOptions(connectionId ?? 0),
    queryFn: () => unwrap(syncCommands.syncScopeOptions(connectionId ?? 0)),
    enabled: connectionId !== null,
  });
}

export function useTtnxFolders(connectionId: number | null, projectId: string) {
  return useQuery({
    queryKey: syncKeys.folders(connectionId ?? 0, projectId),
    queryFn: () => unwrap(syncCommands.syncTtnxFolders(connectionId ?? 0, projectId)),
    enabled: connectionId !== null && projectId !== "",
  });
}

export function useJiraBoards(connectionId: number | null, jiraProject: string, enabled: boolean) {
  return useQuery({
    queryKey: syncKeys.boards(connectionId ?? 0, jiraProject),
    queryFn: () => unwrap(syncCommands.syncJiraBoards(connectionId ?? 0, jiraProject)),
    enabled: enabled && connectionId !== null && jiraProject !== "",
  });
}

/** Value and user pairs the two servers suggest, and the permissions the scope needs. */
export function useSuggestions() {
  return useMutation({ mutationFn: (draft: ProfileDraft) => unwrap(syncCommands.syncSuggestions(draft)) });
}

function invalidateSync(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: syncKeys.all }),
    // Home counts the profiles.
    queryClient.invalidateQueries({ queryKey: queryKeys.status }),
  ]);
}

export function useSaveProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draft: ProfileDraft) => unwrap(syncCommands.syncProfileSave(draft)),
    onSuccess: () => invalidateSync(queryClient),
  });
}

export function useRemoveProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(syncCommands.syncProfileRemove(id)),
    onSuccess: () => invalidateSync(queryClient),
  });
}

/** A dry run: reads and plans, writes nothing remote; the run is listed on Activity. */
export function usePreview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (profileId: number) => unwrap(syncCommands.syncPreview(profileId)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: syncKeys.runs }),
  });
}

/** What undoing the profile's last run would do, as a dry run. */
export function useUndoPreview() {
  return useMutation({ mutationFn: (profileId: number) => unwrap(syncCommands.syncUndoPreview(profileId)) });
}

/** The state of runs as the events report them. */
export interface LiveRuns {
  /** Runs going on, by run id, with their latest progress. */
  running: Record<number, SyncProgress>;
  /** Runs that ended while this window was open, newest last. */
  finished: RunSummary[];
}

const EMPTY_LIVE: LiveRuns = { running: {}, finished: [] };

export function useLiveRuns(): LiveRuns {
  const { data } = useQuery({ queryKey: syncKeys.live, queryFn: () => EMPTY_LIVE, staleTime: Number.POSITIVE_INFINITY, gcTime: Number.POSITIVE_INFINITY });
  return data ?? EMPTY_LIVE;
}

function updateLive(queryClient: QueryClient, change: (live: LiveRuns) => LiveRuns) {
  queryClient.setQueryData<LiveRuns>(syncKeys.live, (live) => change(live ?? EMPTY_LIVE));
}

/** A run that just began, shown at once (its first event may take a moment). */
function started(queryClient: QueryClient, runId: number, profileId: number) {
  updateLive(queryClient, (live) => ({
    ...live,
    running: { ...live.running, [runId]: { runId, profileId, phase: "connecting", read: 0, planned: 0, applied: 0, total: 0 } },
  }));
}

/** Starts a real run (returns its id at once); `confirmBreaker` after the user saw why it paused. */
export function useStartRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ profileId, confirmBreaker }: { profileId: number; confirmBreaker: boolean }) =>
      unwrap(syncCommands.syncStart(profileId, confirmBreaker)),
    onSuccess: (runId, { profileId }) => started(queryClient, runId, profileId),
  });
}

/** Starts the undo of the profile's last run, as a run of its own. */
export function useUndoRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (profileId: number) => unwrap(syncCommands.syncUndo(profileId)),
    onSuccess: (runId, profileId) => started(queryClient, runId, profileId),
  });
}

export function useCancelRun() {
  return useMutation({ mutationFn: (runId: number) => unwrap(syncCommands.syncCancel(runId)) });
}

/** Forgets a finished run's notice. */
export function useDismissFinished() {
  const queryClient = useQueryClient();
  return (runId: number) => updateLive(queryClient, (live) => ({ ...live, finished: live.finished.filter((run) => run.id !== runId) }));
}

/**
 * Follows the back end's run events: progress replaces the run's last state; the end
 * moves it to `finished` and refreshes every sync list (profiles' last run, runs, problems).
 */
export function useSyncEventsListener() {
  const queryClient = useQueryClient();
  useEffect(() => {
    let disposed = false;
    const stops: (() => void)[] = [];
    const keep = (stop: () => void) => {
      // The component may have unmounted while `listen` was still registering.
      if (disposed) stop();
      else stops.push(stop);
    };
    const ignore = () => {
      // Without events the lists still refresh on their next fetch.
    };
    syncEvents.syncProgress
      .listen(({ payload }) => updateLive(queryClient, (live) => ({ ...live, running: { ...live.running, [payload.runId]: payload } })))
      .then(keep)
      .catch(ignore);
    syncEvents.syncFinished
      .listen(({ payload }) => {
        updateLive(queryClient, (live) => {
          const { [payload.id]: _ended, ...running } = live.running;
          return { running, finished: [...live.finished.filter((run) => run.id !== payload.id), payload] };
        });
        void invalidateSync(queryClient);
      })
      .then(keep)
      .catch(ignore);
    return () => {
      disposed = true;
      for (const stop of stops) stop();
    };
  }, [queryClient]);
}

export function useSyncRuns() {
  return useQuery({ queryKey: syncKeys.runs, queryFn: () => unwrap(syncCommands.syncRuns(RUNS_LIMIT)) });
}

export function useRunDetail(runId: number | null) {
  return useQuery({
    queryKey: syncKeys.runDetail(runId ?? 0),
    queryFn: () => unwrap(syncCommands.syncRunDetail(runId ?? 0)),
    enabled: runId !== null,
  });
}

export function useProblems() {
  return useQuery({ queryKey: syncKeys.problems, queryFn: () => unwrap(syncCommands.syncProblems(true)) });
}

/** A one-click fix; mapping fixes change the profile too. */
export function useResolveProblem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ problemId, action }: { problemId: number; action: ProblemAction }) =>
      unwrap(syncCommands.syncResolveProblem(problemId, action)),
    onSuccess: () => invalidateSync(queryClient),
  });
}
