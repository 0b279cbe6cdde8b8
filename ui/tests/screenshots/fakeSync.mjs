/**
 * Runs INSIDE the page (page.addInitScript), after installFakeTauri: answers the sync
 * commands from tests/fixtures/sync-fixtures.json (the file the vitest fake reads) and
 * hands every other command to the fake installed before. Self-contained: no imports.
 *
 * With a Jira ↔ TimeTracker NX connection (the demo workspace) the profiles WEB and MOB,
 * their runs and WEB's problems exist. Starting a run answers with progress events, so
 * the run status panel can be shot mid-run.
 *
 * @param {{ sync: any }} options
 */
export function installFakeSync({ sync }) {
  const internals = window.__TAURI_INTERNALS__;
  const fallback = internals.invoke.bind(internals);
  const transform = internals.transformCallback.bind(internals);
  // Our own handle on event callbacks: the fake before keeps its map to itself.
  const callbacks = new Map();
  const listeners = new Map();
  internals.transformCallback = (callback, once = false) => {
    const id = transform(callback, once);
    callbacks.set(id, callback);
    return id;
  };
  const emit = (event, payload) => {
    for (const handler of listeners.get(event) ?? []) callbacks.get(handler)?.({ event, id: 0, payload });
  };

  const isJiraTtnx = (connection) => {
    const kinds = [connection.left.server.kind, connection.right.server.kind];
    return kinds.includes("timeTrackerNx") && kinds.some((kind) => kind === "jiraCloud" || kind === "jiraDataCenter");
  };
  const connection = async () => (await fallback("list_connections", {})).find(isJiraTtnx);
  const summary = (run, found) => {
    const { requestCounts, ...rest } = run;
    return {
      ...rest,
      requests: found ? [found.left, found.right].map((side, index) => ({ serverId: side.server.id, serverName: side.server.name, requests: requestCounts[index] })) : [],
    };
  };
  const runs = async () => {
    const found = await connection();
    return found ? sync.runs.map((run) => summary(run, found)) : [];
  };
  const profiles = async () => {
    const found = await connection();
    if (!found) return [];
    return sync.profiles.map(({ lastRunId, ...profile }) => {
      const last = sync.runs.find((run) => run.id === lastRunId);
      return { ...profile, connectionId: found.id, connectionName: found.name, lastRun: last ? summary(last, found) : null };
    });
  };
  const report = async (profileId, ops, breaker) => {
    const found = await connection();
    const run = { ...sync.runs[1], id: 90, profileId, dryRun: true, outcome: breaker ? "paused" : "succeeded", requestCounts: [12, 7] };
    return {
      summary: summary(run, found),
      plan: { profileId, ops, left: sync.planCounts.left, right: sync.planCounts.right, problems: breaker ? [] : sync.planProblems, breaker },
    };
  };
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  const commands = {
    sync_profiles: profiles,
    sync_profile_get: async ({ id }) => (await profiles()).find((profile) => profile.id === id),
    sync_profile_save: async ({ draft }) => ({ ...(await profiles())[0], ...draft, id: draft.id ?? 50, hasRun: false, lastRun: null }),
    sync_profile_remove: () => null,
    sync_default_fields: () => sync.defaultFields,
    sync_scope_options: async () => {
      const found = await connection();
      return { leftKind: found.left.server.kind, rightKind: found.right.server.kind, ...sync.scopeOptions };
    },
    sync_ttnx_folders: ({ ttnxProjectId }) => sync.folders[ttnxProjectId] ?? [],
    sync_jira_boards: ({ jiraProject }) => sync.boards[jiraProject] ?? [],
    sync_suggestions: () => sync.suggestions,
    // MOB would trip the breaker: the preview shows the warning.
    sync_preview: ({ profileId }) => report(profileId, sync.planOps, profileId === 2 ? sync.breaker : null),
    sync_undo_preview: ({ profileId }) => report(profileId, sync.undoOps, null),
    sync_start: ({ profileId }) => {
      const progress = { runId: 100, profileId, phase: "applying", read: 412, planned: 9, applied: 4, total: 9 };
      void pause(50).then(() => emit("sync-progressed", progress));
      return 100;
    },
    sync_undo: () => 101,
    sync_cancel: () => null,
    sync_runs: runs,
    sync_run_detail: async ({ runId }) => {
      const run = (await runs()).find((item) => item.id === runId);
      return { summary: run, ops: runId === 3 ? sync.detailOps : [], problems: runId === 3 ? sync.problems : [] };
    },
    sync_problems: async () => ((await connection()) ? sync.problems : []),
    sync_resolve_problem: ({ problemId }) => ({ ...sync.problems.find((item) => item.id === problemId), status: "resolved" }),
  };

  internals.invoke = async (cmd, args = {}) => {
    if (cmd === "plugin:event|listen") listeners.set(args.event, [...(listeners.get(args.event) ?? []), args.handler]);
    const command = commands[cmd];
    return command ? structuredClone(await command(args)) : fallback(cmd, args);
  };
}
