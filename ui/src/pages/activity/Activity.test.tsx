import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { IpcOverrides } from "../../test/fakeBackend";
import { seedOverrides, type SeedBackendHolder } from "../../test/fakeMemberSeed";
import { findDialog } from "../../test/helpers";
import { renderApp } from "../../test/renderApp";

/** The Activity screen, with the undo applied over the same fake server as the audit log. */
function renderActivity(ipc: IpcOverrides = {}) {
  const holder: SeedBackendHolder = {};
  const app = renderApp({ route: "activity", ipc: { ...seedOverrides(holder), ...ipc } });
  holder.backend = app.backend;
  return app;
}

/** The audit row of entry `id`. */
async function auditRow(id: number): Promise<HTMLElement> {
  const rows = await screen.findAllByTestId("audit-row");
  const row = rows.find((candidate) => candidate.getAttribute("data-audit-id") === String(id));
  if (!row) throw new Error(`no audit row ${id}`);
  return row;
}

/** Each diff row as "name: change, before → after". */
function diffLines(table: HTMLElement): string[] {
  return within(table)
    .getAllByTestId("diff-row")
    .map((row) => {
      const cells = within(row).getAllByRole("cell").map((cell) => cell.textContent);
      return `${within(row).getByRole("rowheader").textContent}: ${cells[0]}, ${cells[1]} → ${cells[3]}`;
    });
}

describe("Activity: the member audit log", () => {
  it("lists every apply newest first with who, where and how much, and keeps the other logs", async () => {
    renderActivity();
    const table = await screen.findByRole("table", { name: "Member changes, newest first" });
    const rows = within(table).getAllByTestId("audit-row");
    expect(rows.map((row) => row.getAttribute("data-audit-id"))).toEqual(["3", "2", "1"]);
    const cells = (row: HTMLElement) => within(row).getAllByRole("cell").map((cell) => cell.textContent);
    expect(within(rows[0] as HTMLElement).getByRole("rowheader")).toHaveTextContent("Mar 2, 2026");
    expect(cells(rows[0] as HTMLElement).slice(1, 8)).toEqual(["aiko", "tanaka.aiko", "Web刷新", "2", "1", "1", "0"]);
    expect(cells(rows[1] as HTMLElement).slice(1, 8)).toEqual(["ken", "sato.ken", "モバイルアプリ", "1", "0", "0", "1"]);
    // Only the newest apply of each project can be undone.
    expect(within(rows[0] as HTMLElement).getByRole("button", { name: /^Undo the apply of .* on Web刷新$/ })).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByTestId("audit-undo")).toBeInTheDocument();
    expect(within(rows[2] as HTMLElement).queryByTestId("audit-undo")).not.toBeInTheDocument();
    expect(screen.getByTestId("activity-runs-empty")).toBeInTheDocument();
    expect(screen.getByTestId("activity-problems-empty")).toBeInTheDocument();
  });

  it("opens an entry to the before and after of each member, the system default marked", async () => {
    const { user } = renderActivity();
    const newest = await auditRow(3);
    const expand = within(newest).getByRole("button", { name: /^Show the changes of .* on Web刷新$/ });
    expect(expand).toHaveAttribute("aria-expanded", "false");
    await user.click(expand);
    expect(expand).toHaveAttribute("aria-expanded", "true");
    const details = screen.getByTestId("audit-details");
    expect(expand).toHaveAttribute("aria-controls", details.id);
    expect(diffLines(within(details).getByRole("table"))).toEqual([
      "鈴木 花子suzuki.hanako: Added, Not a member → 5,500",
      "高橋 大輔takahashi.daisuke: Added, Not a member → 5,500",
      "田中 愛子tanaka.aiko: Cost changed, 5,800 → 6,000",
      "伊藤 美咲ito.misaki: Removed, 4,800 → Not a member",
    ]);

    await user.click(within(await auditRow(1)).getByTestId("audit-expand"));
    const oldest = screen.getAllByTestId("audit-details")[1] as HTMLElement;
    expect(diffLines(within(oldest).getByRole("table"))).toEqual(["佐藤 健sato.ken: Cost changed, 4,500 → System default"]);

    await user.click(within(await auditRow(2)).getByTestId("audit-expand"));
    expect(screen.getByTestId("audit-failures")).toHaveTextContent(
      "1 change refused by TimeTracker NXAdding Sara Nilsson: TimeTracker NX refused to add Sara Nilsson: the user account is disabled.",
    );

    await user.click(expand);
    expect(expand).toHaveAttribute("aria-expanded", "false");
    expect(screen.getAllByTestId("audit-details")).toHaveLength(2);
  });

  it("exports the log and shows where the file went", async () => {
    const { user, backend } = renderActivity();
    await user.click(await screen.findByTestId("audit-export"));
    const notice = await screen.findByTestId("audit-export-notice");
    expect(notice).toHaveTextContent("Audit log exported (3 entries)");
    expect(within(notice).getByTestId("audit-export-path")).toHaveTextContent("/home/aiko.tanaka/Downloads/kakehashi-member-audit-2026-03-02.csv");
    expect(screen.getByTestId("audit-announcement")).toHaveTextContent("3 entries written to /home/aiko.tanaka/Downloads/");
    expect(backend.callsTo("member_audit_export")).toHaveLength(1);
  });

  it("previews the undo of the newest apply, applies it, and logs the undo", async () => {
    const { user, backend } = renderActivity();
    await user.click(within(await auditRow(3)).getByTestId("audit-undo"));
    const dialog = await findDialog();
    expect(dialog).toHaveAccessibleName("Undo the apply on Web刷新");
    const preview = await within(dialog).findByTestId("undo-preview");
    expect(backend.callsTo("members_undo_plan")[0]?.args).toEqual({ auditId: 3 });
    expect(diffLines(within(preview).getByRole("table", { name: "Changes the undo makes" }))).toEqual([
      "伊藤 美咲ito.misaki: Added, Not a member → 4,800",
      "田中 愛子tanaka.aiko: Cost changed, 6,000 → 5,800",
      "鈴木 花子suzuki.hanako: Removed, 5,500 → Not a member",
      "高橋 大輔takahashi.daisuke: Removed, 5,500 → Not a member",
    ]);
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();

    await user.click(within(dialog).getByRole("button", { name: "Apply the undo (4 changes)" }));
    const done = await within(dialog).findByTestId("undo-applied");
    expect(done).toHaveTextContent("4 members of Web刷新 are back as before.");
    expect(within(dialog).getByTestId("undo-announcement")).toHaveTextContent("4 members of Web刷新 are back as before.");
    await waitFor(() => expect(within(dialog).getByTestId("undo-close")).toHaveFocus());

    const apply = backend.callsTo("members_apply")[0]?.args as { serverId: number; staged: unknown };
    expect(apply.serverId).toBe(13);
    expect(apply.staged).toEqual({
      adds: [{ userId: "u-105", name: "伊藤 美咲", unitCost: 4800 }],
      updates: [{ memberId: "m-web-101", unitCost: 5800 }],
      removes: ["m-web-103", "m-web-104"],
    });
    const web = backend.memberSeed.projects.find((project) => project.summary.id === "p-web");
    expect(web?.members.map((member) => [member.userId, member.unitCost])).toEqual([
      ["u-101", 5800],
      ["u-102", null],
      ["u-105", 4800],
    ]);

    await user.click(within(dialog).getByTestId("undo-close"));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    // The undo is an apply of its own, now the newest of Web刷新 and the one to undo.
    await waitFor(async () => expect((await screen.findAllByTestId("audit-row")).map((row) => row.getAttribute("data-audit-id"))).toEqual(["4", "3", "2", "1"]));
    expect(within(await auditRow(4)).getByTestId("audit-undo")).toBeInTheDocument();
    expect(within(await auditRow(3)).queryByTestId("audit-undo")).not.toBeInTheDocument();
    expect(screen.getByRole("table", { name: "Member changes, newest first" })).toHaveFocus();
  });

  it("when the members changed since the plan, says so, writes nothing and offers a fresh plan", async () => {
    const { user, backend } = renderActivity();
    await user.click(within(await auditRow(3)).getByTestId("audit-undo"));
    const dialog = await findDialog();
    await within(dialog).findByTestId("undo-preview");

    // Someone else gives 佐藤 健 a cost of his own meanwhile.
    const web = backend.memberSeed.projects.find((project) => project.summary.id === "p-web");
    const sato = web?.members.find((member) => member.userId === "u-102");
    if (!sato) throw new Error("no 佐藤 健 in the fixtures");
    sato.unitCost = 4700;

    await user.click(within(dialog).getByTestId("undo-apply"));
    const conflict = await within(dialog).findByTestId("undo-conflict");
    expect(conflict).toHaveTextContent("The members changed since this plan was made");
    expect(conflict).toHaveTextContent("so nothing was written");
    expect(diffLines(within(conflict).getByRole("table", { name: "What changed meanwhile" }))).toEqual([
      "佐藤 健sato.ken: Cost changed, System default → 4,700",
    ]);
    expect(backend.memberSeed.audit).toHaveLength(3);
    const reload = within(dialog).getByTestId("undo-reload");
    await waitFor(() => expect(reload).toHaveFocus());

    await user.click(reload);
    await within(dialog).findByTestId("undo-preview");
    expect(backend.callsTo("members_undo_plan")).toHaveLength(2);
    await user.click(within(dialog).getByTestId("undo-apply"));
    expect(await within(dialog).findByTestId("undo-applied")).toHaveTextContent("4 members of Web刷新 are back as before.");
    expect(sato.unitCost).toBe(4700);
  });

  it("explains an apply that can no longer be undone as a whole", async () => {
    const { user, backend } = renderActivity();
    const app = backend.memberSeed.projects.find((project) => project.summary.id === "p-app");
    if (!app) throw new Error("no モバイルアプリ in the fixtures");
    app.members = app.members.filter((member) => member.userId !== "u-112");

    await user.click(within(await auditRow(2)).getByTestId("audit-undo"));
    const dialog = await findDialog();
    const alert = await within(dialog).findByRole("alert");
    expect(alert).toHaveTextContent("This apply cannot be undone");
    expect(alert).toHaveTextContent("Erik Lindqvist is no longer a member of the project");
    expect(within(dialog).queryByTestId("undo-apply")).not.toBeInTheDocument();
  });

  it("says so when nothing was recorded yet", async () => {
    renderActivity({ member_audit_list: () => [] });
    expect(await screen.findByTestId("activity-audit-empty")).toHaveTextContent("No member changes recorded yet.");
    expect(screen.queryByTestId("audit-export")).not.toBeInTheDocument();
  });
});

describe("Activity by keyboard", () => {
  it("opens an entry and undoes the newest apply without a mouse", async () => {
    const { user } = renderActivity();
    const expand = within(await auditRow(3)).getByTestId("audit-expand");
    expand.focus();
    await user.keyboard("{Enter}");
    expect(expand).toHaveAttribute("aria-expanded", "true");
    await user.tab();
    expect(within(await auditRow(3)).getByTestId("audit-undo")).toHaveFocus();
    await user.keyboard("{Enter}");

    const dialog = await findDialog();
    const cancel = await within(dialog).findByRole("button", { name: "Cancel" });
    await waitFor(() => expect(cancel).toHaveFocus());
    await user.tab();
    expect(within(dialog).getByTestId("undo-apply")).toHaveFocus();
    await user.keyboard("{Enter}");
    await within(dialog).findByTestId("undo-applied");
    await waitFor(() => expect(within(dialog).getByTestId("undo-close")).toHaveFocus());
    await user.keyboard("{Enter}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    await waitFor(() => expect(screen.getByRole("table", { name: "Member changes, newest first" })).toHaveFocus());
  });
});
