import { screen, waitFor } from "@testing-library/react";
import { emit } from "@tauri-apps/api/event";
import { describe, expect, it } from "vitest";
import { fixtures } from "../test/fakeBackend";
import { renderApp } from "../test/renderApp";

describe("Home", () => {
  it("disables Sync now and says why when there is no profile", async () => {
    renderApp();
    const button = await screen.findByRole("button", { name: "Sync now" });
    expect(button).toBeDisabled();
    const reason = screen.getByTestId("sync-now-blocked-reason");
    expect(reason).toHaveTextContent("Create a sync profile first");
    expect(reason).toBeVisible();
    expect(button).toHaveAccessibleDescription("Create a sync profile first");
  });

  it("enables Sync now when nothing blocks it", async () => {
    renderApp({ ipc: { get_status: () => ({ ...fixtures.status, profileCount: 2, syncNowBlocked: null }) } });
    expect(await screen.findByRole("button", { name: "Sync now" })).toBeEnabled();
    expect(screen.queryByTestId("sync-now-blocked-reason")).not.toBeInTheDocument();
    expect(screen.getByTestId("profile-count")).toHaveTextContent("2");
  });

  it("says nothing is scheduled while no profile exists, and not once one does", async () => {
    renderApp();
    expect(await screen.findByTestId("scheduler-help")).toHaveTextContent("nothing is scheduled yet");
  });

  it("describes scheduled runs once a profile exists", async () => {
    renderApp({ ipc: { get_status: () => ({ ...fixtures.status, profileCount: 1, syncNowBlocked: null }) } });
    expect(await screen.findByTestId("scheduler-help")).toHaveTextContent("run in the background");
  });

  it("pauses automatic sync through set_sync_paused", async () => {
    const { user, backend } = renderApp();
    expect(await screen.findByTestId("scheduler-state")).toHaveTextContent("On");
    await user.click(screen.getByRole("button", { name: "Pause automatic sync" }));
    expect(backend.callsTo("set_sync_paused")).toEqual([{ cmd: "set_sync_paused", args: { paused: true } }]);
    expect(await screen.findByRole("button", { name: "Resume automatic sync" })).toBeInTheDocument();
    expect(screen.getByTestId("scheduler-state")).toHaveTextContent("Paused");
  });

  it("refreshes when the tray pauses sync (status-changed)", async () => {
    renderApp();
    expect(await screen.findByTestId("scheduler-state")).toHaveTextContent("On");
    // Registration of the listener is asynchronous; emit once it is in place.
    await waitFor(async () => {
      await emit("status-changed", { ...fixtures.status, syncPaused: true });
      expect(screen.getByTestId("scheduler-state")).toHaveTextContent("Paused");
    });
  });

  it("links the getting-started steps to their screens", async () => {
    renderApp();
    expect(await screen.findByRole("link", { name: "Open Credentials" })).toHaveAttribute("href", "#/credentials");
    expect(screen.getByRole("link", { name: "Open Connections" })).toHaveAttribute("href", "#/connections");
    expect(screen.getByRole("link", { name: "Open Sync profiles" })).toHaveAttribute("href", "#/profiles");
  });

  it("shows a translated error when the status cannot be read", async () => {
    renderApp({
      ipc: {
        get_status: () => {
          throw { code: "KeychainUnavailable", message: "org.freedesktop.secrets was not provided" };
        },
      },
    });
    expect(await screen.findByRole("alert")).toHaveTextContent("The system keychain cannot be reached");
  });

  it("starts every profile from Sync now and says which still need their preview", async () => {
    const { user, backend } = renderApp({
      ipc: {
        get_status: () => ({ ...fixtures.status, profileCount: 3, syncNowBlocked: null }),
        sync_now_all: () => ({ started: [41, 42], needsPreview: ["NEW"], alreadyRunning: [], failed: [] }),
      },
    });
    await user.click(await screen.findByRole("button", { name: "Sync now" }));
    expect(backend.callsTo("sync_now_all")).toHaveLength(1);
    expect(await screen.findByText(/Started 2 syncs\. Run these once from their preview first: NEW\./)).toBeInTheDocument();
  });

  it("lists each profile's next scheduled run, a running one and a paused one", async () => {
    renderApp({
      ipc: {
        get_status: () => ({ ...fixtures.status, profileCount: 3, syncNowBlocked: null }),
        scheduler_state: () => ({
          paused: false,
          problem: null,
          profiles: [
            { profileId: 1, name: "WEB", nextRunAt: "2026-11-23T09:00:00Z", running: false, consecutiveFailures: 2, pausedReason: null, lastOutcome: null },
            { profileId: 2, name: "MOB", nextRunAt: null, running: true, consecutiveFailures: 0, pausedReason: null, lastOutcome: null },
            { profileId: 3, name: "OPS", nextRunAt: null, running: false, consecutiveFailures: 0, pausedReason: "Rotate the credential.", lastOutcome: null },
          ],
        }),
      },
    });
    const list = await screen.findByTestId("scheduler-profiles");
    expect(list).toHaveTextContent(/WEB: next .*2026.*\(retrying after 2 failures\)/);
    expect(list).toHaveTextContent("MOB: syncing now");
    expect(list).toHaveTextContent("OPS: paused — Rotate the credential.");
  });

  it("follows the scheduler's state as it changes", async () => {
    renderApp({ ipc: { get_status: () => ({ ...fixtures.status, profileCount: 1, syncNowBlocked: null }) } });
    await screen.findByTestId("scheduler-state");
    await emit("scheduler-changed", {
      paused: false,
      problem: null,
      profiles: [{ profileId: 7, name: "LIVE", nextRunAt: null, running: true, consecutiveFailures: 0, pausedReason: null, lastOutcome: null }],
    });
    await waitFor(() => expect(screen.getByTestId("scheduler-profiles")).toHaveTextContent("LIVE: syncing now"));
  });

  it("shows a sync notice in the window too", async () => {
    renderApp();
    await screen.findByTestId("scheduler-state");
    await emit("notification-raised", { title: "Sync failed: WEB", body: "Jira did not answer. 2 items need action.", target: "activity", profileId: 1 });
    expect(await screen.findByText("Sync failed: WEB")).toBeInTheDocument();
    expect(screen.getByText("Jira did not answer. 2 items need action.")).toBeInTheDocument();
  });
});
