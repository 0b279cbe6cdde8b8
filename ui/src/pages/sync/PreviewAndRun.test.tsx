import { act, screen, waitFor, within } from "@testing-library/react";
import { emit } from "@tauri-apps/api/event";
import { describe, expect, it } from "vitest";
import type { RunSummary, SyncProgress } from "../../api/syncTypes";
import { findDialog } from "../../test/helpers";
import { renderApp } from "../../test/renderApp";
import { SYNC_FINISHED_EVENT, SYNC_PROGRESS_EVENT } from "../../api/syncCommands";

async function profileButton(name: string) {
  return screen.findByRole("button", { name });
}

function progress(runId: number, change: Partial<SyncProgress>): SyncProgress {
  return { runId, profileId: 1, phase: "reading", read: 0, planned: 0, applied: 0, total: 0, ...change };
}

/** A run of WEB that ended; each test says what differs. */
function ended(change: Partial<RunSummary>): RunSummary {
  const none = { created: 0, updated: 0, deleted: 0, unchanged: 0, problems: 0 };
  return {
    id: 1,
    profileId: 1,
    profileName: "WEB",
    trigger: "schedule",
    dryRun: false,
    startedAt: "2026-03-02T11:00:00Z",
    finishedAt: "2026-03-02T11:00:05Z",
    outcome: "succeeded",
    left: none,
    right: none,
    problems: 0,
    requests: [],
    message: null,
    ...change,
  };
}

describe("Profiles: preview and run", () => {
  it("previews before the first run: counts per server, each write before → after, the problems found", async () => {
    const { user, backend } = renderApp({ route: "profiles", demo: true });
    // MOB has never run: Run opens the preview instead of running.
    await user.click(await profileButton("Run MOB now (shows a preview first)"));
    const dialog = await findDialog();
    expect(dialog).toHaveAccessibleName("Preview of MOB");
    await within(dialog).findByTestId("plan-view");
    expect(backend.callsTo("sync_preview")[0]?.args).toEqual({ profileId: 2 });
    expect(backend.callsTo("sync_start")).toHaveLength(0);
    expect(within(dialog).getByTestId("count-right-created")).toHaveTextContent("3");
    expect(within(dialog).getByTestId("count-left-updated")).toHaveTextContent("1");
    const rows = within(dialog).getAllByTestId("op-row");
    expect(rows).toHaveLength(6);
    expect(rows[3]).toHaveTextContent("WEB-12 ログイン画面IssueUpdateDemo: Jira CloudStatus: In Progress → DoneDue date: 2026-03-06 → 2026-03-10");
    expect(rows[0]).toHaveTextContent("Name: (empty) → WEB 2.4");
    expect(within(dialog).getByTestId("plan-problems")).toHaveTextContent(
      "Sara Nilsson on Demo: Jira Cloud has no match in the user map.",
    );
    expect(within(dialog).queryByTestId("breaker-warning")).not.toBeInTheDocument();

    await user.click(within(dialog).getByRole("button", { name: "Run now" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(backend.callsTo("sync_start")[0]?.args).toEqual({ profileId: 2, confirmBreaker: false });
    // The run shows at once, before its first event.
    expect(await screen.findByTestId("run-progress")).toHaveTextContent("MOB: connecting");
  });

  it("shows why the breaker would pause, and runs anyway only once the user has confirmed", async () => {
    const { user, backend } = renderApp({ route: "profiles", demo: true });
    backend.sync.breakerFor.add(1);
    await user.click(await profileButton("Preview WEB"));
    const dialog = await findDialog();
    const warning = await within(dialog).findByTestId("breaker-warning");
    expect(warning).toHaveTextContent("It would delete, close or reassign 9 of 30 linked items (30 %); the profile's limit is 20 %.");
    const run = within(dialog).getByRole("button", { name: "Run anyway" });
    expect(run).toBeDisabled();
    await user.click(within(dialog).getByRole("checkbox", { name: "I have checked these changes: run anyway" }));
    await user.click(run);
    await waitFor(() => expect(backend.callsTo("sync_start")).toHaveLength(1));
    expect(backend.callsTo("sync_start")[0]?.args).toEqual({ profileId: 1, confirmBreaker: true });
  });

  it("follows a run's progress, cancels it, and reports the outcome with a way to the problems", async () => {
    const { user, backend } = renderApp({ route: "profiles", demo: true });
    // WEB has run before: Run now starts at once.
    await user.click(await profileButton("Run WEB now"));
    await waitFor(() => expect(backend.callsTo("sync_start")).toHaveLength(1));
    const runId = backend.sync.runs[0]?.id ?? 0;
    const panel = await screen.findByTestId("run-progress");

    await act(() => emit(SYNC_PROGRESS_EVENT, progress(runId, { phase: "applying", read: 120, planned: 8, applied: 3, total: 8 })));
    await waitFor(() => expect(within(panel).getByTestId("run-counts")).toHaveTextContent("Read 120 · planned 8 · written 3 of 8"));
    expect(within(panel).getByRole("progressbar", { name: "Progress of WEB" })).toHaveAttribute("aria-valuenow", "38");
    expect(screen.getByTestId("run-announcement")).toHaveTextContent("WEB: writing");

    await user.click(within(panel).getByRole("button", { name: "Cancel the run of WEB" }));
    await waitFor(() => expect(backend.callsTo("sync_cancel")[0]?.args).toEqual({ runId }));

    const finished = ended({
      id: runId,
      trigger: "ui",
      finishedAt: "2026-03-02T11:00:20Z",
      outcome: "cancelled",
      left: { created: 0, updated: 1, deleted: 0, unchanged: 0, problems: 0 },
      right: { created: 2, updated: 0, deleted: 0, unchanged: 0, problems: 1 },
      problems: 1,
    });
    await act(() => emit(SYNC_FINISHED_EVENT, finished));
    const result = await screen.findByTestId("run-finished");
    expect(screen.queryByTestId("run-progress")).not.toBeInTheDocument();
    expect(within(result).getByTestId("run-outcome")).toHaveTextContent("Cancelled");
    expect(result).toHaveTextContent("Demo: Jira Cloud: 1 updated, Demo: TimeTracker NX: 2 created");
    expect(within(result).getByRole("link", { name: "See 1 problem on Activity" })).toHaveAttribute("href", "#/activity");
    expect(screen.getByTestId("run-announcement")).toHaveTextContent("Run of WEB ended: Cancelled");
    // The lists are read again: the profile's last run changed.
    await waitFor(() => expect(backend.callsTo("sync_profiles").length).toBeGreaterThan(1));
  });

  it("offers Run anyway after a run paused by the breaker", async () => {
    const { user, backend } = renderApp({ route: "profiles", demo: true });
    await screen.findByTestId("profiles-table");
    const paused = ended({
      id: 77,
      outcome: "paused",
      message: "Paused: 9 of 30 linked items (30 %) would be closed or reassigned; the limit is 20 %.",
    });
    await act(() => emit(SYNC_FINISHED_EVENT, paused));
    const result = await screen.findByTestId("run-finished");
    expect(result).toHaveTextContent("Nothing was written");
    await user.click(within(result).getByRole("button", { name: "Run anyway" }));
    await waitFor(() => expect(backend.callsTo("sync_start")[0]?.args).toEqual({ profileId: 1, confirmBreaker: true }));
  });

  it("says which of the profile's problems from earlier runs are still open after a clean run", async () => {
    renderApp({ route: "profiles", demo: true });
    await screen.findByTestId("profiles-table");
    const unchanged = { created: 0, updated: 0, deleted: 0, unchanged: 40, problems: 0 };
    const clean = (id: number, profileId: number, profileName: string) =>
      ended({ id, profileId, profileName, left: unchanged, right: unchanged });
    // MOB has no open problem: nothing to add to "Succeeded".
    await act(() => emit(SYNC_FINISHED_EVENT, clean(90, 2, "MOB")));
    const mob = await screen.findByTestId("run-finished");
    expect(within(mob).queryByRole("link")).not.toBeInTheDocument();
    // WEB's seven problems were met by run 3; this run did not read those items again.
    await act(() => emit(SYNC_FINISHED_EVENT, clean(91, 1, "WEB")));
    await waitFor(() => expect(screen.getAllByTestId("run-finished")).toHaveLength(2));
    const web = screen.getAllByTestId("run-finished").find((panel) => panel.dataset.runId === "91");
    if (!web) throw new Error("no finished panel for run 91");
    expect(within(web).getByTestId("run-outcome")).toHaveTextContent("Succeeded");
    expect(await within(web).findByRole("link", { name: "7 problems from earlier runs are still open" })).toHaveAttribute("href", "#/activity");
  });

  it("removes a profile after asking", async () => {
    const { user, backend } = renderApp({ route: "profiles", demo: true });
    await user.click(await profileButton("Remove MOB"));
    const dialog = await findDialog();
    expect(dialog).toHaveAccessibleName("Remove profile MOB?");
    await user.click(within(dialog).getByTestId("profile-remove-confirm"));
    await waitFor(() => expect(screen.getAllByTestId("profile-row")).toHaveLength(1));
    expect(backend.callsTo("sync_profile_remove")[0]?.args).toEqual({ id: 2 });
  });
});
