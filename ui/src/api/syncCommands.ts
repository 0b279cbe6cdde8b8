// The sync commands of src-tauri, typed as tauri-specta will generate them. Until
// bindings.ts is regenerated they call `invoke` here; afterwards this file becomes
// `export { commands as syncCommands, events as syncEvents } from "../bindings"` (the
// names below are the generated ones) and no caller changes.
// eslint-disable-next-line no-restricted-imports -- this file stands in for the generated bindings until they are regenerated
import { invoke } from "@tauri-apps/api/core";
import { listen, type EventCallback, type UnlistenFn } from "@tauri-apps/api/event";
import type { AppError } from "../bindings";
import type { CommandResult } from "./result";
import type {
  Choice,
  FieldMapping,
  ItemProblem,
  MappingSuggestions,
  ProblemAction,
  ProfileDraft,
  RunDetail,
  RunReport,
  RunSummary,
  ScopeOptions,
  SyncProfile,
  SyncProgress,
} from "./syncTypes";

/** What the generated `typedError` does: an AppError rejection becomes `{status:"error"}`. */
async function call<T>(command: string, args?: Record<string, unknown>): Promise<CommandResult<T>> {
  try {
    return { status: "ok", data: await invoke<T>(command, args) };
  } catch (error) {
    if (error instanceof Error) throw error;
    return { status: "error", error: error as AppError };
  }
}

export const syncCommands = {
  syncProfiles: () => call<SyncProfile[]>("sync_profiles"),
  syncProfileGet: (id: number) => call<SyncProfile>("sync_profile_get", { id }),
  syncProfileSave: (draft: ProfileDraft) => call<SyncProfile>("sync_profile_save", { draft }),
  syncProfileRemove: (id: number) => call<null>("sync_profile_remove", { id }),
  syncDefaultFields: () => call<FieldMapping[]>("sync_default_fields"),
  syncScopeOptions: (connectionId: number) => call<ScopeOptions>("sync_scope_options", { connectionId }),
  syncTtnxFolders: (connectionId: number, ttnxProjectId: string) => call<Choice[]>("sync_ttnx_folders", { connectionId, ttnxProjectId }),
  syncJiraBoards: (connectionId: number, jiraProject: string) => call<Choice[]>("sync_jira_boards", { connectionId, jiraProject }),
  syncSuggestions: (draft: ProfileDraft) => call<MappingSuggestions>("sync_suggestions", { draft }),
  syncPreview: (profileId: number) => call<RunReport>("sync_preview", { profileId }),
  syncStart: (profileId: number, confirmBreaker: boolean) => call<number>("sync_start", { profileId, confirmBreaker }),
  syncCancel: (runId: number) => call<null>("sync_cancel", { runId }),
  syncRuns: (limit: number) => call<RunSummary[]>("sync_runs", { limit }),
  syncRunDetail: (runId: number) => call<RunDetail>("sync_run_detail", { runId }),
  syncUndoPreview: (profileId: number) => call<RunReport>("sync_undo_preview", { profileId }),
  syncUndo: (profileId: number) => call<number>("sync_undo", { profileId }),
  syncProblems: (openOnly: boolean) => call<ItemProblem[]>("sync_problems", { openOnly }),
  syncResolveProblem: (problemId: number, action: ProblemAction) => call<ItemProblem>("sync_resolve_problem", { problemId, action }),
};

/** Event names as tauri-specta derives them from the event types (kebab-case). */
export const SYNC_PROGRESS_EVENT = "sync-progress";
export const SYNC_FINISHED_EVENT = "sync-finished";

function typedEvent<T>(name: string) {
  return { listen: (callback: EventCallback<T>): Promise<UnlistenFn> => listen<T>(name, callback) };
}

export const syncEvents = {
  syncProgress: typedEvent<SyncProgress>(SYNC_PROGRESS_EVENT),
  syncFinished: typedEvent<RunSummary>(SYNC_FINISHED_EVENT),
};
