import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Server } from "../bindings";
import { fixtures } from "../test/fakeBackend";
import { findDialog } from "../test/helpers";
import { renderApp } from "../test/renderApp";
import { cellText, inLanguage, memberNames, memberRow, openProject } from "./members/testing";
import { OVERSCAN, ROW_HEIGHT, VIEWPORT_HEIGHT } from "./members/useRowWindow";

const WEB_NAMES = ["Lena Berg", "中村 陽菜", "伊藤 翔", "佐藤 健", "吉田 蓮", "田中 愛子", "鈴木 一郎", "高橋 美咲"];

describe("Members: choosing what to manage", () => {
  it("without a TimeTracker NX server says so and links to Connections", async () => {
    renderApp({ route: "members" });
    const notice = await screen.findByTestId("members-no-server");
    expect(notice).toHaveTextContent("No TimeTracker NX server yet");
    expect(within(notice).getByRole("link", { name: "Register one under Connections" })).toHaveAttribute("href", "#/connections");
  });

  it("picks a server, then finds a project by code and shows its code, name, manager and whether it is finished", async () => {
    const second: Server = { ...(fixtures.registry.servers.find((server) => server.id === 13) as Server), id: 15, name: "TimeTracker NX (Osaka)" };
    const { user, backend } = renderApp({ route: "members", registry: true });
    backend.workspace.servers.push(second);
    const select = await screen.findByRole("combobox", { name: "TimeTracker NX server" });
    // Two servers: nothing is searched before one is chosen; Jira and Asana are not offered.
    expect(within(select).getAllByRole("option").map((option) => option.textContent)).toEqual([
      "Choose a server",
      "TimeTracker NX (head office)",
      "TimeTracker NX (Osaka)",
    ]);
    expect(screen.queryByTestId("project-search")).not.toBeInTheDocument();
    await user.selectOptions(select, "15");

    const search = await screen.findByTestId("project-search");
    await user.type(search, "legacy");
    await waitFor(() => expect(screen.getAllByTestId("project-option")).toHaveLength(1));
    const option = screen.getByTestId("project-option");
    expect(option).toHaveTextContent("LEGACY");
    expect(option).toHaveTextContent("旧基幹システム保守");
    expect(option).toHaveTextContent("Manager: 鈴木 一郎");
    expect(within(option).getByTestId("project-finished")).toHaveTextContent("Finished");
    // Debounced: one search for what was typed, not one per key.
    expect(backend.callsTo("members_projects").map((call) => call.args)).toEqual([
      { serverId: 15, text: "" },
      { serverId: 15, text: "legacy" },
    ]);

    await user.click(option);
    const table = await screen.findByTestId("members-table");
    expect(backend.callsTo("members_load")[0]?.args).toEqual({ serverId: 15, projectId: "0990" });
    expect(within(table).getAllByTestId("member-row")).toHaveLength(1);
    expect(screen.getByTestId("open-project")).toHaveTextContent("旧基幹システム保守");
  });

  it("finds projects by name too, and says when nothing matches", async () => {
    const { user } = renderApp({ route: "members", registry: true });
    const search = await screen.findByTestId("project-search");
    await user.type(search, "モバイル");
    await waitFor(() => expect(screen.getAllByTestId("project-option").map((option) => option.textContent)).toEqual(["MOBモバイルアプリManager: 佐藤 健"]));
    await user.clear(search);
    await user.type(search, "nothing-like-this");
    expect(await screen.findByTestId("projects-none")).toHaveTextContent("No project matches “nothing-like-this”.");
  });
});

describe("Members: the table", () => {
  it("shows name, login name, organisation, unit cost with the default marked, and since when", async () => {
    const { user } = renderApp({ route: "members", registry: true });
    await openProject(user, "WEB", "Web刷新");
    expect(screen.getByRole("heading", { name: "Members of Web刷新" })).toBeInTheDocument();
    expect(screen.getByTestId("members-shown")).toHaveTextContent("8 members");

    const tanaka = memberRow("田中 愛子");
    expect(cellText(tanaka, 1)).toBe("a.tanaka");
    expect(cellText(tanaka, 2)).toBe("開発部");
    expect(cellText(tanaka, 3)).toBe("6,000");
    expect(cellText(tanaka, 4)).toBe(new Intl.DateTimeFormat("en", { dateStyle: "medium" }).format(Date.parse("2024-04-01T00:00:00Z")));
    expect(cellText(memberRow("佐藤 健"), 3)).toBe("System default");
    expect(cellText(memberRow("中村 陽菜"), 3)).toBe("4,500.5");
  });

  it("formats numbers and dates in Swedish and Japanese", async () => {
    const sv = renderApp({ route: "members", registry: true, ...inLanguage("sv") });
    await openProject(sv.user, "WEB", "Web刷新");
    expect(cellText(memberRow("佐藤 健"), 3)).toBe("Systemets standard");
    expect(cellText(memberRow("中村 陽菜"), 3)).toBe("4\u00a0500,5");
    expect(cellText(memberRow("田中 愛子"), 4)).toBe(new Intl.DateTimeFormat("sv", { dateStyle: "medium" }).format(Date.parse("2024-04-01T00:00:00Z")));
    sv.unmount();

    const ja = renderApp({ route: "members", registry: true, ...inLanguage("ja") });
    await openProject(ja.user, "WEB", "Web刷新");
    expect(cellText(memberRow("佐藤 健"), 3)).toBe("システム既定");
    expect(screen.getByRole("columnheader", { name: "単価" })).toBeInTheDocument();
  });

  it("sorts by every column, both ways, and says which way", async () => {
    const { user } = renderApp({ route: "members", registry: true });
    await openProject(user, "WEB", "Web刷新");
    expect(memberNames()).toEqual(WEB_NAMES);
    const nameHeader = screen.getByRole("columnheader", { name: "Name" });
    expect(nameHeader).toHaveAttribute("aria-sort", "ascending");

    await user.click(screen.getByTestId("sort-name"));
    expect(memberNames()).toEqual([...WEB_NAMES].reverse());
    expect(nameHeader).toHaveAttribute("aria-sort", "descending");

    await user.click(screen.getByTestId("sort-unitCost"));
    // 4,500.5, 5,200, 5,500, 6,000, 7,200, then the three on the system default (its amount is unknown) by name.
    expect(memberNames()).toEqual(["中村 陽菜", "鈴木 一郎", "高橋 美咲", "田中 愛子", "Lena Berg", "伊藤 翔", "佐藤 健", "吉田 蓮"]);
    expect(screen.getByRole("columnheader", { name: "Unit cost" })).toHaveAttribute("aria-sort", "ascending");
    expect(nameHeader).not.toHaveAttribute("aria-sort");

    await user.click(screen.getByTestId("sort-memberSince"));
    await user.click(screen.getByTestId("sort-memberSince"));
    expect(memberNames()[0]).toBe("吉田 蓮");

    await user.click(screen.getByTestId("sort-organization"));
    expect(memberNames()[0]).toBe("Lena Berg");

    await user.click(screen.getByTestId("sort-login"));
    expect(memberNames().slice(0, 3)).toEqual(["田中 愛子", "中村 陽菜", "鈴木 一郎"]);
  });

  it("filters by name, login name or organisation", async () => {
    const { user } = renderApp({ route: "members", registry: true });
    await openProject(user, "WEB", "Web刷新");
    const filter = screen.getByTestId("members-filter");
    await user.type(filter, "デザイン");
    expect(memberNames()).toEqual(["中村 陽菜", "高橋 美咲"]);
    expect(screen.getByTestId("members-shown")).toHaveTextContent("2 of 8 shown");
    await user.clear(filter);
    await user.type(filter, "L.BERG");
    expect(memberNames()).toEqual(["Lena Berg"]);
    await user.clear(filter);
    await user.type(filter, "nobody");
    expect(screen.getByTestId("members-no-match")).toHaveTextContent("No member matches the filter.");
  });

  it("selects rows one by one or all shown at once", async () => {
    const { user } = renderApp({ route: "members", registry: true });
    await openProject(user, "WEB", "Web刷新");
    await user.click(screen.getByRole("checkbox", { name: "Select 田中 愛子" }));
    expect(screen.getByTestId("selected-count")).toHaveTextContent("1 selected");
    const all = screen.getByRole("checkbox", { name: "Select all members shown" });
    expect(all).toHaveAttribute("data-indeterminate", "true");
    await user.type(screen.getByTestId("members-filter"), "開発");
    await user.click(all);
    // The four 開発部 members shown, 田中 among them.
    expect(screen.getByTestId("selected-count")).toHaveTextContent("4 selected");
    await user.click(all);
    expect(screen.getByTestId("selected-count")).toHaveTextContent("0 selected");
    await user.click(all);
    await user.clear(screen.getByTestId("members-filter"));
    expect(all).toHaveAttribute("data-indeterminate", "true");
    await user.click(screen.getByRole("button", { name: "Clear selection" }));
    expect(screen.getByTestId("selected-count")).toHaveTextContent("0 selected");
  });

  it("renders only a window of a 1,000-member project, and moves it on scrolling", async () => {
    const { user } = renderApp({ route: "members", registry: true });
    const table = await openProject(user, "ROLL", "全社展開");
    expect(table).toHaveAttribute("aria-rowcount", "1001");
    expect(screen.getByTestId("members-shown")).toHaveTextContent("1,000 members");
    const rendered = screen.getAllByTestId("member-row");
    const inView = Math.ceil(VIEWPORT_HEIGHT / ROW_HEIGHT);
    expect(rendered).toHaveLength(inView + OVERSCAN);
    expect(memberNames()[0]).toBe("Member 0001");
    expect(rendered[0]).toHaveAttribute("aria-rowindex", "2");

    const box = screen.getByTestId("members-scroll");
    box.scrollTop = 600 * ROW_HEIGHT;
    fireEvent.scroll(box);
    await waitFor(() => expect(memberNames()[0]).toBe(`Member ${String(601 - OVERSCAN).padStart(4, "0")}`));
    expect(screen.getAllByTestId("member-row")).toHaveLength(inView + 2 * OVERSCAN);
    expect(screen.getAllByTestId("member-row")[0]).toHaveAttribute("aria-rowindex", String(600 - OVERSCAN + 2));

    // Sorting and filtering still see all 1,000.
    await user.click(screen.getByTestId("sort-name"));
    box.scrollTop = 0;
    fireEvent.scroll(box);
    await waitFor(() => expect(memberNames()[0]).toBe("Member 1000"));
    await user.type(screen.getByTestId("members-filter"), "member0999");
    expect(memberNames()).toEqual(["Member 0999"]);
  });
});

describe("Members: without the Manage Project permission", () => {
  it("says so before any editing, with the account and what to do, and disables every edit control", async () => {
    const { user } = renderApp({ route: "members", registry: true });
    await openProject(user, "OPS", "社内運用");
    const notice = screen.getByTestId("members-no-permission");
    expect(notice).toHaveTextContent("You can look, but not change these members");
    expect(notice).toHaveTextContent("kakehashi-sync");
    expect(notice).toHaveTextContent("Ask a TimeTracker NX administrator to give kakehashi-sync the Manage Project permission on 社内運用");
    // The notice comes before the table and its controls.
    expect(notice.compareDocumentPosition(screen.getByTestId("members-table")) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    expect(screen.getByTestId("add-members")).toBeDisabled();
    expect(screen.getByTestId("staging-preview")).toBeDisabled();
    expect(screen.getByTestId("bulk-cost")).toBeDisabled();
    expect(screen.getByTestId("bulk-remove")).toBeDisabled();
    expect(screen.getByRole("checkbox", { name: "Select all members shown" })).toBeDisabled();
    for (const row of screen.getAllByTestId("member-row")) {
      expect(within(row).getByRole("checkbox")).toBeDisabled();
      expect(within(row).getByTestId("cost-edit")).toBeDisabled();
    }
    // Reading still works.
    await user.click(screen.getByTestId("sort-unitCost"));
    expect(memberNames()[0]).toBe("井上 湊");
    expect(cellText(memberRow("前田 陸"), 3)).toBe("System default");
  });
});

describe("Members: leaving staged edits", () => {
  it("asks before another project drops them, and keeps them when told to", async () => {
    const { user } = renderApp({ route: "members", registry: true });
    await openProject(user, "WEB", "Web刷新");
    await user.click(within(memberRow("佐藤 健")).getByTestId("cost-edit"));
    await user.type(screen.getByTestId("cost-input"), "5000{Enter}");
    expect(screen.getByTestId("staged-count")).toHaveTextContent("1 change staged");

    await user.click(screen.getByTestId("change-project"));
    const dialog = await findDialog();
    expect(dialog).toHaveTextContent("1 change is staged but not applied. It will be lost.");
    await user.click(within(dialog).getByRole("button", { name: "Keep them" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(screen.getByTestId("staged-count")).toHaveTextContent("1 change staged");

    await user.click(screen.getByTestId("change-project"));
    await user.click(within(await findDialog()).getByTestId("discard-confirm"));
    await openProject(user, "WEB", "Web刷新");
    expect(screen.getByTestId("staged-count")).toHaveTextContent("No changes staged");
    expect(cellText(memberRow("佐藤 健"), 3)).toBe("System default");
  });
});
