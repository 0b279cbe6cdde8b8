import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { findDialog } from "../../test/helpers";
import { renderApp } from "../../test/renderApp";

describe("Activity: sync runs", () => {
  it("lists runs newest first with trigger, duration, outcome, writes per server, problems and requests", async () => {
    renderApp({ route: "activity", demo: true });
    const table = await screen.findByRole("table", { name: "Sync runs, newest first" });
    const rows = within(table).getAllByTestId("run-row");
    expect(rows.map((row) => row.getAttribute("data-run-id"))).toEqual(["4", "3", "2", "1"]);
    const cells = (row: HTMLElement) => within(row).getAllByRole("cell").map((cell) => cell.textContent);
    expect(cells(rows[1] as HTMLElement).slice(0, 7)).toEqual([
      "WEB",
      "Schedule",
      "41 s",
      "Succeeded with problems",
      "Demo: Jira Cloud: 1 created, 2 updatedDemo: TimeTracker NX: 3 created, 5 updated, 1 deleted",
      "7",
      "Demo: Jira Cloud: 14 requestsDemo: TimeTracker NX: 9 requests",
    ]);
    expect(cells(rows[2] as HTMLElement)[2]).toBe("1 min 12 s");
    expect(cells(rows[0] as HTMLElement).slice(0, 4)).toEqual(["MOB", "This windowDry run", "9 s", "Paused"]);
  });

  it("opens a run to each write with its journal status and the problems it met", async () => {
    const { user } = renderApp({ route: "activity", demo: true });
    const table = await screen.findByRole("table", { name: "Sync runs, newest first" });
    const row = within(table).getAllByTestId("run-row")[1] as HTMLElement;
    const open = within(row).getByRole("button", { name: /^Open the run of WEB at / });
    await user.click(open);
    const dialog = await findDialog();
    await within(dialog).findByTestId("run-detail-body");
    const ops = within(dialog).getAllByTestId("op-row");
    expect(ops.map((op) => within(op).getAllByRole("cell").at(-1)?.textContent)).toEqual([
      "Done",
      "Done (found after a lost answer)",
      "Failed",
      "Done",
      "Done",
      "Skipped",
    ]);
    expect(dialog).toHaveTextContent("7 problems");
    expect(dialog).toHaveTextContent("WEB-12 ログイン画面: The sync account lacks the permission WORK_ON_ISSUES on Demo: Jira Cloud.");
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    // Focus comes back once the close transition is over.
    await waitFor(() => expect(open).toHaveFocus());
  });

  it("undoes the last run of a profile after showing what the undo would write", async () => {
    const { user, backend } = renderApp({ route: "activity", demo: true });
    // MOB only ever had a dry run: nothing to undo.
    const undo = await screen.findByRole("button", { name: "Undo last run of WEB" });
    expect(screen.queryByRole("button", { name: "Undo last run of MOB" })).not.toBeInTheDocument();
    await user.click(undo);
    const dialog = await findDialog();
    expect(dialog).toHaveAccessibleName("Undo the last run of WEB");
    const ops = await within(dialog).findAllByTestId("op-row");
    expect(ops.map((op) => op.getAttribute("data-action"))).toEqual(["delete", "update"]);
    expect(ops[1]).toHaveTextContent("Status: Done → In Progress");
    expect(backend.callsTo("sync_undo")).toHaveLength(0);
    await user.click(within(dialog).getByTestId("preview-run"));
    await waitFor(() => expect(backend.callsTo("sync_undo")[0]?.args).toEqual({ profileId: 1 }));
    expect(await screen.findByTestId("run-progress")).toHaveTextContent("WEB: connecting");
  });

  it("says so when there are no runs", async () => {
    renderApp({ route: "activity" });
    expect(await screen.findByTestId("activity-runs-empty")).toHaveTextContent("No sync runs yet.");
  });
});
