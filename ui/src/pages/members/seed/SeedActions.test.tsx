import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { findDialog } from "../../../test/helpers";
import { renderSeedActions } from "../../../test/renderSeedActions";

type User = ReturnType<typeof renderSeedActions>["user"];

async function openMenuItem(user: User, name: RegExp) {
  await user.click(screen.getByRole("button", { name: "Add from…" }));
  await user.click(await screen.findByRole("menuitem", { name }));
  return findDialog();
}

/** The review row whose source person is `name`. */
function reviewRow(dialog: HTMLElement, name: string): HTMLElement {
  const row = within(dialog)
    .getAllByTestId("seed-review-row")
    .find((candidate) => within(candidate).getByRole("rowheader").textContent?.startsWith(name));
  if (!row) throw new Error(`no review row for ${name}`);
  return row;
}

describe("Copy members from another project", () => {
  it("offers the server's other projects, reviews the matches and stages the ticked ones with their costs", async () => {
    const { user, onStage, backend } = renderSeedActions();
    const dialog = await openMenuItem(user, /Copy from another project/);

    expect(await within(dialog).findAllByTestId("seed-project-option")).toHaveLength(3);
    expect(within(dialog).queryByRole("radio", { name: /WEB – Web刷新/ })).not.toBeInTheDocument();
    expect(within(dialog).getByRole("radio", { name: /OPS – 運用保守 2025/ })).toHaveAccessibleDescription("Manager: 中村 陽菜 · Finished");

    await user.type(within(dialog).getByRole("textbox", { name: /Search projects/ }), "モバイル");
    await waitFor(() => expect(within(dialog).queryByRole("radio", { name: /OPS/ })).not.toBeInTheDocument());
    expect(backend.callsTo("members_projects").at(-1)?.args).toEqual({ serverId: 13, text: "モバイル" });

    await user.click(within(dialog).getByTestId("seed-copy-next"));
    expect(within(dialog).getByRole("radiogroup", { name: /Project to copy from/ })).toHaveAccessibleDescription("Choose the project to copy from.");

    await user.click(within(dialog).getByRole("radio", { name: /APP – モバイルアプリ/ }));
    await user.click(within(dialog).getByTestId("seed-copy-next"));

    const heading = await within(dialog).findByRole("heading", { name: "Who to add from APP – モバイルアプリ" });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(backend.callsTo("members_copy_from_project")[0]?.args).toMatchObject({ serverId: 13, sourceProjectId: "p-app" });
    expect(within(dialog).getByTestId("seed-review-summary")).toHaveTextContent(
      "5 people: 4 matched and ticked, 1 already a member, 0 to check.",
    );

    const tanaka = reviewRow(dialog, "田中 愛子");
    expect(within(tanaka).getByTestId("seed-review-member")).toHaveTextContent("Already a member");
    expect(within(tanaka).getByRole("checkbox", { name: "Add 田中 愛子" })).toBeDisabled();
    expect(within(reviewRow(dialog, "伊藤 美咲")).getByTestId("seed-review-how")).toHaveTextContent("Same user");
    // As in the source: 4,800 for Ito, the system default for Watanabe (no cost of his own there).
    expect(reviewRow(dialog, "伊藤 美咲")).toHaveTextContent("4,800");
    expect(reviewRow(dialog, "渡辺 翔")).toHaveTextContent("System default");

    await user.click(within(reviewRow(dialog, "山本 直樹")).getByRole("checkbox", { name: "Add 山本 直樹" }));
    const stage = within(dialog).getByTestId("seed-stage");
    expect(stage).toHaveTextContent("Stage 3 members");
    await user.click(stage);

    expect(onStage).toHaveBeenCalledTimes(1);
    expect(onStage).toHaveBeenCalledWith({
      adds: [
        { userId: "u-105", name: "伊藤 美咲", unitCost: 4800 },
        { userId: "u-106", name: "渡辺 翔", unitCost: null },
        { userId: "u-112", name: "Erik Lindqvist", unitCost: 7000 },
      ],
      updates: [],
      removes: [],
    });
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    // Focus goes back to the menu's button; the screen announces its staging.
    await waitFor(() => expect(screen.getByRole("button", { name: "Add from…" })).toHaveFocus());
    // Staging wrote nothing.
    expect(backend.callsTo("members_apply")).toHaveLength(0);
  });

  it("gives everyone one unit cost when asked, and insists on a value", async () => {
    const { user, onStage } = renderSeedActions();
    const dialog = await openMenuItem(user, /Copy from another project/);
    await user.click(await within(dialog).findByRole("radio", { name: /OPS – 運用保守 2025/ }));
    await user.click(within(dialog).getByTestId("seed-copy-next"));
    await within(dialog).findByTestId("seed-review");

    await user.click(within(dialog).getByRole("radio", { name: "One unit cost for all" }));
    await user.click(within(dialog).getByTestId("seed-stage"));
    const value = within(dialog).getByRole("textbox", { name: /Unit cost for all/ });
    expect(value).toHaveAccessibleDescription(/Enter a unit cost of 0 or more/);
    expect(onStage).not.toHaveBeenCalled();

    await user.type(value, "5200.5");
    expect(reviewRow(dialog, "中村 陽菜")).toHaveTextContent("5,200.5");
    await user.click(within(dialog).getByTestId("seed-stage"));
    expect(onStage).toHaveBeenCalledWith({
      adds: [
        { userId: "u-108", name: "中村 陽菜", unitCost: 5200.5 },
        { userId: "u-109", name: "小林 拓也", unitCost: 5200.5 },
      ],
      updates: [],
      removes: [],
    });
  });
});

describe("Seed dialogs", () => {
  it("start afresh at every opening and give focus back when closed", async () => {
    const { user } = renderSeedActions();
    let dialog = await openMenuItem(user, /Copy from another project/);
    await user.click(await within(dialog).findByRole("radio", { name: /OPS – 運用保守 2025/ }));
    await user.click(within(dialog).getByTestId("seed-copy-next"));
    await within(dialog).findByTestId("seed-review");
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    await waitFor(() => expect(screen.getByRole("button", { name: "Add from…" })).toHaveFocus());

    dialog = await openMenuItem(user, /Copy from another project/);
    expect(await within(dialog).findByTestId("seed-source-step")).toBeInTheDocument();
    expect(within(dialog).queryByTestId("seed-review")).not.toBeInTheDocument();
  });
});

describe("Seed from a Jira project role", () => {
  it("matches the role's people, resolves an ambiguous name, picks an unmatched one by search, and stages them", async () => {
    const { user, onStage, backend } = renderSeedActions();
    const dialog = await openMenuItem(user, /From a Jira project role/);

    const server = await within(dialog).findByRole("combobox", { name: /Jira server/ });
    expect(within(server).getAllByRole("option").map((option) => option.textContent)).toEqual([
      "Choose a Jira server",
      "Jira Cloud (production) — https://example-corp.atlassian.net",
      "Jira Data Center — https://jira.example.co.jp",
    ]);
    await user.click(within(dialog).getByTestId("seed-jira-find"));
    expect(server).toHaveAccessibleDescription(/Choose the Jira server the project is on\./);
    expect(backend.callsTo("members_jira_roles")).toHaveLength(0);

    await user.selectOptions(server, "11");
    await user.type(within(dialog).getByRole("textbox", { name: /Jira project key/ }), "web{Enter}");
    await user.click(await within(dialog).findByRole("radio", { name: "Developers" }));
    expect(backend.callsTo("members_jira_roles")[0]?.args).toEqual({ jiraServerId: 11, jiraProject: "WEB" });
    await user.click(within(dialog).getByTestId("seed-jira-next"));

    await within(dialog).findByRole("heading", { name: "Who to add from WEB · Developers" });
    expect(backend.callsTo("members_seed_from_jira_role")[0]?.args).toMatchObject({
      serverId: 13,
      jiraServerId: 11,
      jiraProject: "WEB",
      roleId: "10002",
    });
    expect(within(dialog).getByTestId("seed-review-summary")).toHaveTextContent(
      "6 people: 2 matched and ticked, 1 already a member, 3 to check.",
    );
    expect(within(reviewRow(dialog, "Misaki Ito")).getByTestId("seed-review-how")).toHaveTextContent("Matched by e-mail");
    expect(within(reviewRow(dialog, "Ken Sato")).getByTestId("seed-review-member")).toBeInTheDocument();
    // A Jira role has no costs: the system default is the starting choice, and "as in the source" is not offered.
    expect(within(dialog).getByRole("radio", { name: "The system default" })).toBeChecked();
    expect(within(dialog).queryByRole("radio", { name: "As in the source project" })).not.toBeInTheDocument();

    // Two users are called 加藤 優: nothing is ticked until one is chosen.
    const kato = reviewRow(dialog, "加藤  優");
    // Accessible names collapse the double space Jira had in the name.
    const include = within(kato).getByRole("checkbox", { name: "Add 加藤 優" });
    expect(include).not.toBeChecked();
    expect(include).toBeDisabled();
    const which = within(kato).getByRole("combobox", { name: /Which user is 加藤 優\?/ });
    expect(which).toHaveAccessibleDescription("2 users fit: choose the right one.");
    await user.selectOptions(which, "u-111");
    expect(include).toBeChecked();
    expect(within(kato).getByTestId("seed-review-how")).toHaveTextContent("Chosen from the users that fit");

    // Hiroshi Mori is 森 宏 in TimeTracker NX: no rule can tell; a search can.
    const mori = reviewRow(dialog, "Hiroshi Mori");
    expect(within(mori).getByTestId("seed-review-unmatched")).toHaveTextContent("No TimeTracker NX user matches");
    await user.click(within(mori).getByRole("button", { name: "Find the TimeTracker NX user of Hiroshi Mori" }));
    const search = within(mori).getByRole("textbox", { name: /Search users for Hiroshi Mori/ });
    expect(search).toHaveFocus();
    expect(search).toHaveValue("Hiroshi Mori");
    await within(mori).findByText("No user matches. Try part of the name or the e-mail address.");
    await user.clear(search);
    await user.type(search, "森");
    await user.click(await within(mori).findByRole("button", { name: "Choose 森 宏 (mori.hiroshi · h.mori@example.co.jp · 外部委託)" }));
    expect(backend.callsTo("members_search_users").at(-1)?.args).toMatchObject({ serverId: 13, query: "森", limit: 20 });
    expect(within(mori).getByRole("checkbox", { name: "Add Hiroshi Mori" })).toBeChecked();
    expect(within(mori).getByTestId("seed-review-how")).toHaveTextContent("Picked by hand");
    await waitFor(() => expect(within(mori).getByRole("button", { name: "Choose another TimeTracker NX user for Hiroshi Mori" })).toHaveFocus());

    // A Jira group is not expanded: it stays unticked, with a search to add its people one by one.
    const group = reviewRow(dialog, "web-contractors (Jira group: add its people one by one)");
    expect(within(group).getByRole("checkbox")).not.toBeChecked();
    expect(within(group).getByTestId("seed-search-open")).toBeInTheDocument();

    await user.click(within(dialog).getByTestId("seed-stage"));
    expect(onStage).toHaveBeenCalledWith({
      adds: [
        { userId: "u-105", name: "伊藤 美咲", unitCost: null },
        { userId: "u-106", name: "渡辺 翔", unitCost: null },
        { userId: "u-111", name: "加藤 優", unitCost: null },
        { userId: "u-114", name: "森 宏", unitCost: null },
      ],
      updates: [],
      removes: [],
    });
  });

  it("explains a project key Jira does not know", async () => {
    const { user } = renderSeedActions();
    const dialog = await openMenuItem(user, /From a Jira project role/);
    await user.selectOptions(await within(dialog).findByRole("combobox", { name: /Jira server/ }), "12");
    await user.type(within(dialog).getByRole("textbox", { name: /Jira project key/ }), "NOPE");
    await user.click(within(dialog).getByTestId("seed-jira-find"));
    const alert = await within(dialog).findByRole("alert");
    expect(alert).toHaveTextContent("The roles of that project could not be read");
    expect(alert).toHaveTextContent("Details: Jira has no project with the key NOPE");
    expect(within(dialog).queryByTestId("seed-jira-next")).not.toBeInTheDocument();
  });
});

const CSV = [
  "login,unitCost",
  "tanaka.aiko,6500",
  "sato.ken,",
  "ito.misaki,4800",
  "nobody,100",
  "kato.yu@example.co.jp,5000",
  "suzuki.hanako,abc",
  "ito.misaki,5000",
  ",300",
].join("\n");

async function chooseCsv(user: User, dialog: HTMLElement, text: string, name = "members.csv", size?: number) {
  const input = dialog.querySelector<HTMLInputElement>('input[type="file"]');
  if (!input) throw new Error("no file input");
  const file = new File([text], name, { type: "text/csv" });
  if (size !== undefined) Object.defineProperty(file, "size", { value: size });
  await user.upload(input, file);
}

describe("Import members from a CSV file", () => {
  it("reports every row, bad ones first, and stages only the valid changes", async () => {
    const { user, onStage, backend } = renderSeedActions();
    const dialog = await openMenuItem(user, /Import a CSV file/);
    await user.click(within(dialog).getByRole("checkbox", { name: /Remove members who are not in the file/ }));
    await chooseCsv(user, dialog, CSV);

    const report = await within(dialog).findByTestId("seed-csv-report");
    expect(backend.callsTo("members_import_csv")[0]?.args).toMatchObject({ serverId: 13, text: CSV, removeMissing: true });
    expect(within(report).getByTestId("seed-csv-summary")).toHaveTextContent("9 rows: 3 changes to stage, 5 bad rows.");
    expect(within(report).getByTestId("seed-csv-bad")).toHaveTextContent("5 rows cannot be used");

    const rows = within(report).getAllByTestId("seed-csv-row");
    expect(rows.map((row) => [row.getAttribute("data-status"), within(row).getByRole("rowheader").textContent])).toEqual([
      ["unknownUser", "5"],
      ["ambiguous", "6"],
      ["badNumber", "7"],
      ["duplicate", "8"],
      ["missingUser", "9"],
      ["update", "2"],
      ["unchanged", "3"],
      ["add", "4"],
      ["remove", "—Not in the file"],
    ]);
    expect(rows[0]).toHaveTextContent("No TimeTracker NX user has this login name or e-mail address. Check the spelling.");
    expect(rows[1]).toHaveTextContent("Several users have this e-mail address. Use the login name instead.");
    expect(rows[2]).toHaveTextContent("The unit cost must be a number of 0 or more");
    expect(rows[3]).toHaveTextContent("This user is in the file more than once. Keep one line.");
    expect(rows[4]).toHaveTextContent("(empty)");
    expect(rows[8]).toHaveTextContent("高橋 大輔");
    expect(within(report).getByTestId("seed-csv-counts")).toHaveTextContent(
      "Unknown user: 1Ambiguous: 1Bad number: 1Duplicate: 1No user: 1Add: 1Change cost: 1Remove: 1Unchanged: 1",
    );

    const stage = within(report).getByTestId("seed-csv-stage");
    expect(stage).toHaveTextContent("Stage the 3 valid changes (without 5 bad rows)");
    await user.click(stage);
    expect(onStage).toHaveBeenCalledWith({
      adds: [{ userId: "u-105", name: "伊藤 美咲", unitCost: 4800 }],
      updates: [{ memberId: "m-web-101", unitCost: 6500 }],
      removes: ["m-web-104"],
    });
    expect(backend.callsTo("members_apply")).toHaveLength(0);
  });

  it("refuses a file that is too large before sending it anywhere, then takes a good one", async () => {
    const { user, backend } = renderSeedActions();
    const dialog = await openMenuItem(user, /Import a CSV file/);
    await chooseCsv(user, dialog, "login,unitCost", "huge.csv", 3 * 1024 * 1024);
    expect(await within(dialog).findByTestId("seed-csv-problem")).toHaveTextContent("huge.csv is larger than 2 MB");
    expect(backend.callsTo("members_import_csv")).toHaveLength(0);

    await chooseCsv(user, dialog, "\uFEFF\n  \n", "blank.csv");
    expect(await within(dialog).findByTestId("seed-csv-problem")).toHaveTextContent("blank.csv is empty.");

    await chooseCsv(user, dialog, "tanaka.aiko;6000\nsato.ken;4500", "plain.csv");
    const report = await within(dialog).findByTestId("seed-csv-report");
    expect(within(dialog).queryByTestId("seed-csv-problem")).not.toBeInTheDocument();
    expect(within(report).getByTestId("seed-csv-summary")).toHaveTextContent("2 rows: 1 change to stage, 0 bad rows.");
    expect(within(report).getByTestId("seed-csv-stage")).toHaveTextContent("Stage 1 change");
  });
});

describe("Export and permissions", () => {
  it("exports the members and says where the file went", async () => {
    const { user, backend } = renderSeedActions();
    await user.click(screen.getByRole("button", { name: "Export CSV" }));
    const path = "/home/aiko.tanaka/Downloads/kakehashi-members-WEB-2026-03-02.csv";
    const notification = await screen.findByRole("alert");
    expect(notification).toHaveTextContent(`Members exported4 members written to ${path}`);
    expect(screen.getByTestId("seed-announcement")).toHaveTextContent(path);
    expect(backend.callsTo("members_export_csv")[0]?.args).toMatchObject({ serverId: 13 });
  });

  it("without Manage Project, seeding is disabled with the reason, and export still works", async () => {
    const { user } = renderSeedActions({ canManage: false });
    const menu = screen.getByRole("button", { name: "Add from…" });
    expect(menu).toBeDisabled();
    expect(menu).toHaveAccessibleDescription(
      "Adding members needs the Manage Project permission on this project; you can still export them.",
    );
    await user.click(menu);
    expect(screen.queryByRole("menuitem")).not.toBeInTheDocument();
    const exportButton = screen.getByRole("button", { name: "Export CSV" });
    expect(exportButton).toBeEnabled();
    await user.click(exportButton);
    expect(await screen.findByRole("alert")).toHaveTextContent("4 members written to");
  });
});

describe("Keyboard only", () => {
  it("copies members from another project without a mouse", async () => {
    const { user, onStage } = renderSeedActions();
    await user.tab();
    expect(screen.getByRole("button", { name: "Add from…" })).toHaveFocus();
    await user.keyboard("{Enter}");
    await screen.findByRole("menuitem", { name: /Copy from another project/ });
    await user.keyboard("{ArrowDown}");
    await waitFor(() => expect(screen.getByRole("menuitem", { name: /Copy from another project/ })).toHaveFocus());
    await user.keyboard("{Enter}");

    const dialog = await findDialog();
    const search = within(dialog).getByRole("textbox", { name: /Search projects/ });
    await waitFor(() => expect(search).toHaveFocus());
    await user.type(search, "APP");
    await waitFor(() => expect(within(dialog).getAllByRole("radio")).toHaveLength(1));
    await user.tab();
    expect(within(dialog).getByRole("radio", { name: /APP – モバイルアプリ/ })).toHaveFocus();
    await user.keyboard(" ");
    // Enter in the form shows the members, as the button does.
    await user.keyboard("{Enter}");

    const heading = await within(dialog).findByRole("heading", { name: /Who to add from APP/ });
    await waitFor(() => expect(heading).toHaveFocus());
    const stage = within(dialog).getByTestId("seed-stage");
    while (document.activeElement !== stage) await user.tab();
    await user.keyboard("{Enter}");
    expect(onStage).toHaveBeenCalledTimes(1);
    expect(onStage.mock.calls[0]?.[0].adds).toHaveLength(4);
  });
});
