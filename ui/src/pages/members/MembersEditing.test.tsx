import { screen, waitFor, within } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Staged } from "../../api/membersTypes";
import { findDialog } from "../../test/helpers";
import { renderApp } from "../../test/renderApp";
import { cellText, inLanguage, memberNames, memberRow, openProject } from "./testing";

function announced(): string {
  return screen.getByTestId("members-announcer").textContent ?? "";
}

async function editCost(user: UserEvent, name: string, text: string) {
  await user.click(within(memberRow(name)).getByTestId("cost-edit"));
  const input = within(memberRow(name)).getByRole("textbox", { name: `Unit cost of ${name}` });
  await user.clear(input);
  if (text) await user.type(input, text);
  await user.keyboard("{Enter}");
}

async function selectMembers(user: UserEvent, ...names: string[]) {
  for (const name of names) await user.click(screen.getByRole("checkbox", { name: `Select ${name}` }));
}

async function openMobile(user: UserEvent) {
  await openProject(user, "MOB", "モバイルアプリ");
}

describe("Members: staging edits", () => {
  it("adds users found by organisation, one with a unit cost and one on the default; members cannot be picked", async () => {
    const { user, backend } = renderApp({ route: "members", registry: true });
    await openMobile(user);
    await user.click(screen.getByTestId("add-members"));
    const dialog = await findDialog();
    expect(dialog).toHaveAccessibleName("Add members to モバイルアプリ");
    await user.type(within(dialog).getByTestId("user-search"), "品質");
    // 鈴木, 加藤, 清水 and 藤田 are in 品質保証部.
    await waitFor(() => expect(within(dialog).getAllByTestId("user-option")).toHaveLength(4));
    // Debounced: one search for the whole word, with a page of 20.
    expect(backend.callsTo("members_search_users").at(-1)?.args).toMatchObject({ serverId: 13, query: "品質", limit: 20 });
    expect(backend.callsTo("members_search_users").map((call) => (call.args as { query: string }).query)).toEqual(["", "品質"]);

    // 加藤 結衣 is a member of MOB already.
    const kato = within(dialog).getByRole("checkbox", { name: /加藤 結衣/ });
    expect(kato).toBeDisabled();
    expect(kato).toBeChecked();
    expect(within(dialog).getByText("Already a member")).toBeInTheDocument();

    await user.click(within(dialog).getByRole("checkbox", { name: /鈴木 一郎/ }));
    await user.click(within(dialog).getByRole("checkbox", { name: /藤田 杏/ }));
    const chosen = within(dialog).getAllByTestId("chosen-user");
    expect(chosen.map((row) => within(row).getByText(/^\S+ \S+$/).textContent)).toEqual(["鈴木 一郎", "藤田 杏"]);
    const suzukiCost = within(dialog).getByRole("textbox", { name: "Unit cost of 鈴木 一郎 (empty: system default)" });
    expect(suzukiCost).toHaveAttribute("placeholder", "System default");
    await user.type(suzukiCost, "6,250.50");
    await user.click(within(dialog).getByTestId("add-submit"));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());

    expect(within(memberRow("鈴木 一郎")).getByTestId("change-badge")).toHaveTextContent("New");
    expect(memberRow("鈴木 一郎")).toHaveAttribute("data-change", "add");
    expect(cellText(memberRow("鈴木 一郎"), 1)).toBe("i.suzuki");
    expect(cellText(memberRow("鈴木 一郎"), 3)).toBe("6,250.5");
    expect(cellText(memberRow("藤田 杏"), 3)).toBe("System default");
    expect(screen.getByTestId("staged-count")).toHaveTextContent("2 changes staged");
    expect(screen.getByTestId("staging-bar")).toHaveTextContent("To add: 2 · Unit cost changes: 0 · To remove: 0");
    expect(announced()).toBe("2 changes staged.");

    // The next search marks them as staged.
    await user.click(screen.getByTestId("add-members"));
    const again = await findDialog();
    await user.type(within(again).getByTestId("user-search"), "鈴木");
    await waitFor(() => expect(within(again).getByRole("checkbox", { name: /鈴木 一郎/ })).toBeDisabled());
    expect(within(again).getByText("Already staged")).toBeInTheDocument();
  });

  it("shows more users on request, and explains a cost it cannot read", async () => {
    const { user, backend } = renderApp({ route: "members", registry: true });
    await openMobile(user);
    await user.click(screen.getByTestId("add-members"));
    const dialog = await findDialog();
    await waitFor(() => expect(within(dialog).getAllByTestId("user-option")).toHaveLength(20));
    await user.click(within(dialog).getByTestId("users-more"));
    await waitFor(() => expect(within(dialog).getAllByTestId("user-option").length).toBeGreaterThan(20));
    expect(backend.callsTo("members_search_users").at(-1)?.args).toMatchObject({ query: "", limit: 40 });

    await user.click(within(dialog).getByTestId("add-submit"));
    expect(within(dialog).getByTestId("add-problem")).toHaveTextContent("Tick at least one user to add.");

    await user.click(within(dialog).getByRole("checkbox", { name: /田中 愛子/ }));
    const cost = within(dialog).getByRole("textbox", { name: /Unit cost of 田中 愛子/ });
    await user.type(cost, "12,5");
    await user.click(within(dialog).getByTestId("add-submit"));
    await waitFor(() => expect(cost).toHaveAttribute("aria-invalid", "true"));
    expect(within(dialog).getByText("Enter a number, such as 1,200.5.")).toBeInTheDocument();
    expect(screen.getByTestId("staged-count")).toHaveTextContent("No changes staged");
  });

  it("changes a unit cost inline; back to the original leaves nothing staged; Escape leaves it as it was", async () => {
    const { user } = renderApp({ route: "members", registry: true });
    await openMobile(user);
    await editCost(user, "佐藤 健", "7,000");
    expect(cellText(memberRow("佐藤 健"), 3)).toBe("5,800 → 7,000");
    expect(within(memberRow("佐藤 健")).getByTestId("change-badge")).toHaveTextContent("Changed");
    expect(screen.getByTestId("staged-count")).toHaveTextContent("1 change staged");
    // Focus is back on the pencil.
    expect(within(memberRow("佐藤 健")).getByTestId("cost-edit")).toHaveFocus();

    await editCost(user, "佐藤 健", "5800");
    expect(cellText(memberRow("佐藤 健"), 3)).toBe("5,800");
    expect(memberRow("佐藤 健")).not.toHaveAttribute("data-change");
    expect(screen.getByTestId("staged-count")).toHaveTextContent("No changes staged");
    expect(announced()).toBe("No changes staged.");

    // Empty: back to the system default.
    await editCost(user, "佐藤 健", "");
    expect(cellText(memberRow("佐藤 健"), 3)).toBe("5,800 → System default");

    await user.click(within(memberRow("加藤 結衣")).getByTestId("cost-edit"));
    await user.type(screen.getByTestId("cost-input"), "1");
    await user.keyboard("{Escape}");
    expect(cellText(memberRow("加藤 結衣"), 3)).toBe("5,000");
    expect(screen.queryByTestId("cost-input")).not.toBeInTheDocument();
    expect(within(memberRow("加藤 結衣")).getByTestId("cost-edit")).toHaveFocus();
  });

  it("refuses a negative or unreadable cost with a clear message", async () => {
    const { user } = renderApp({ route: "members", registry: true });
    await openMobile(user);
    await editCost(user, "加藤 結衣", "-3");
    const input = screen.getByTestId("cost-input");
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(memberRow("加藤 結衣")).toHaveTextContent("A unit cost cannot be negative: enter 0 or more.");
    await user.clear(input);
    await user.type(input, "1.234{Enter}");
    expect(memberRow("加藤 結衣")).toHaveTextContent("Use at most two decimals.");
    expect(screen.getByTestId("staged-count")).toHaveTextContent("No changes staged");
  });

  it("reads costs in Swedish: a space between thousands and a decimal comma", async () => {
    const { user } = renderApp({ route: "members", registry: true, ...inLanguage("sv") });
    await openMobile(user);
    await user.click(within(memberRow("佐藤 健")).getByTestId("cost-edit"));
    const input = screen.getByRole("textbox", { name: "Enhetskostnad för 佐藤 健" });
    // The field starts with the cost in Swedish, without thousands marks.
    expect(input).toHaveValue("5800");
    await user.clear(input);
    await user.type(input, "1.200,50{Enter}");
    expect(memberRow("佐藤 健")).toHaveTextContent("Skriv ett tal, till exempel 1 200,5.");
    await user.clear(input);
    await user.type(input, "1 200,50{Enter}");
    expect(cellText(memberRow("佐藤 健"), 3)).toBe("5\u00a0800 → 1\u00a0200,5");
  });

  it("changes a selection by a percentage; members on the system default have no amount to start from", async () => {
    const { user } = renderApp({ route: "members", registry: true });
    await openMobile(user);
    await selectMembers(user, "佐藤 健", "小林 大輔");
    await user.click(screen.getByTestId("bulk-cost"));
    const dialog = await findDialog();
    expect(dialog).toHaveAccessibleName("Unit cost of 2 members");
    await user.click(within(dialog).getByRole("radio", { name: "Change by a percentage" }));
    await user.type(within(dialog).getByTestId("bulk-percent"), "-150");
    await user.click(within(dialog).getByTestId("bulk-apply"));
    expect(within(dialog).getByText("A cost can be lowered by at most 100 %.")).toBeInTheDocument();
    await user.clear(within(dialog).getByTestId("bulk-percent"));
    await user.type(within(dialog).getByTestId("bulk-percent"), "+10 %");
    await user.click(within(dialog).getByTestId("bulk-apply"));
    expect(await within(dialog).findByText(/小林 大輔 is charged the system default/)).toBeInTheDocument();
    expect(screen.getByTestId("staged-count")).toHaveTextContent("No changes staged");
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());

    await selectMembers(user, "小林 大輔");
    await user.click(screen.getByTestId("bulk-cost"));
    const again = await findDialog();
    expect(again).toHaveAccessibleName("Unit cost of 1 member");
    await user.click(within(again).getByRole("radio", { name: "Change by a percentage" }));
    await user.type(within(again).getByTestId("bulk-percent"), "+10 %");
    await user.click(within(again).getByTestId("bulk-apply"));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(cellText(memberRow("佐藤 健"), 3)).toBe("5,800 → 6,380");
    expect(screen.getByTestId("staged-count")).toHaveTextContent("1 change staged");
  });

  it("sets one value or the default for a selection", async () => {
    const { user } = renderApp({ route: "members", registry: true });
    await openMobile(user);
    await selectMembers(user, "佐藤 健", "加藤 結衣");
    await user.click(screen.getByTestId("bulk-cost"));
    let dialog = await findDialog();
    await user.click(within(dialog).getByTestId("bulk-apply"));
    expect(within(dialog).getByText("Enter the new unit cost, or choose “Back to the system default”.")).toBeInTheDocument();
    await user.type(within(dialog).getByTestId("bulk-value"), "5,000");
    await user.click(within(dialog).getByTestId("bulk-apply"));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    // 加藤 has 5,000 already: only 佐藤 changes.
    expect(screen.getByTestId("staged-count")).toHaveTextContent("1 change staged");
    expect(cellText(memberRow("佐藤 健"), 3)).toBe("5,800 → 5,000");

    await user.click(screen.getByTestId("bulk-cost"));
    dialog = await findDialog();
    await user.click(within(dialog).getByRole("radio", { name: "Back to the system default" }));
    expect(dialog).toHaveTextContent("The selected members will be charged the system default unit cost, which is set in TimeTracker NX.");
    await user.click(within(dialog).getByTestId("bulk-apply"));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(cellText(memberRow("佐藤 健"), 3)).toBe("5,800 → System default");
    expect(cellText(memberRow("加藤 結衣"), 3)).toBe("5,000 → System default");
  });

  it("removes a selection after asking, and undoes one of them", async () => {
    const { user } = renderApp({ route: "members", registry: true });
    await openMobile(user);
    await selectMembers(user, "加藤 結衣", "木村 葵");
    await user.click(screen.getByTestId("bulk-remove"));
    const dialog = await findDialog();
    expect(dialog).toHaveAccessibleName("Remove 2 members?");
    expect(within(dialog).getAllByRole("listitem").map((item) => item.textContent)).toEqual(["加藤 結衣", "木村 葵"]);
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
    await user.click(within(dialog).getByTestId("remove-confirm"));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());

    expect(within(memberRow("加藤 結衣")).getByTestId("change-badge")).toHaveTextContent("To remove");
    expect(within(memberRow("加藤 結衣")).getByTestId("cost-edit")).toBeDisabled();
    expect(screen.getByTestId("selected-count")).toHaveTextContent("0 selected");
    expect(screen.getByTestId("staged-count")).toHaveTextContent("2 changes staged");

    await user.click(within(memberRow("木村 葵")).getByRole("button", { name: "Undo the change to 木村 葵" }));
    expect(memberRow("木村 葵")).not.toHaveAttribute("data-change");
    expect(screen.getByTestId("staged-count")).toHaveTextContent("1 change staged");

    // A removed member in a selection cannot be re-priced; the dialog says why.
    await selectMembers(user, "加藤 結衣", "佐藤 健");
    await user.click(screen.getByTestId("bulk-cost"));
    const cost = await findDialog();
    await user.type(within(cost).getByTestId("bulk-value"), "1");
    await user.click(within(cost).getByTestId("bulk-apply"));
    expect(cost).toHaveTextContent("加藤 結衣 is staged for removal. Undo the removal first, or leave them out of the selection.");
  });

  it("works with the keyboard alone: Tab to the pencil, type, Enter", async () => {
    const { user } = renderApp({ route: "members", registry: true });
    await openMobile(user);
    within(memberRow("小林 大輔")).getByRole("checkbox").focus();
    await user.keyboard(" ");
    expect(screen.getByTestId("selected-count")).toHaveTextContent("1 selected");
    await user.tab();
    expect(within(memberRow("小林 大輔")).getByTestId("cost-edit")).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(screen.getByRole("textbox", { name: "Unit cost of 小林 大輔" })).toHaveFocus();
    await user.keyboard("4200{Enter}");
    expect(cellText(memberRow("小林 大輔"), 3)).toBe("System default → 4,200");
    expect(within(memberRow("小林 大輔")).getByTestId("cost-edit")).toHaveFocus();
    await user.tab();
    expect(within(memberRow("小林 大輔")).getByRole("button", { name: "Undo the change to 小林 大輔" })).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(screen.getByTestId("staged-count")).toHaveTextContent("No changes staged");
    await waitFor(() => expect(within(memberRow("小林 大輔")).getByTestId("cost-edit")).toHaveFocus());
  });

  it("shows only the staged rows on request", async () => {
    const { user } = renderApp({ route: "members", registry: true });
    await openMobile(user);
    await editCost(user, "小林 大輔", "1");
    await user.click(screen.getByTestId("only-changes"));
    expect(memberNames()).toEqual(["小林 大輔"]);
  });
});

/** Stages on MOB: add 鈴木 at 6,000, 佐藤 to 6,100, remove 加藤. */
async function stageThree(user: UserEvent) {
  await openMobile(user);
  await user.click(screen.getByTestId("add-members"));
  const dialog = await findDialog();
  await user.type(within(dialog).getByTestId("user-search"), "鈴木");
  await user.click(await within(dialog).findByRole("checkbox", { name: /鈴木 一郎/ }));
  await user.type(within(dialog).getByRole("textbox", { name: /Unit cost of 鈴木 一郎/ }), "6000");
  await user.click(within(dialog).getByTestId("add-submit"));
  await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  await editCost(user, "佐藤 健", "6100");
  await selectMembers(user, "加藤 結衣");
  await user.click(screen.getByTestId("bulk-remove"));
  await user.click(within(await findDialog()).getByTestId("remove-confirm"));
  await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  expect(screen.getByTestId("staged-count")).toHaveTextContent("3 changes staged");
}

describe("Members: preview and apply", () => {
  it("previews adds, updates with before and after, and removes, as the back end computes them", async () => {
    const { user, backend } = renderApp({ route: "members", registry: true });
    await stageThree(user);
    await user.click(screen.getByTestId("staging-preview"));
    const dialog = await findDialog();
    expect(dialog).toHaveAccessibleName("Preview the changes");
    await within(dialog).findByTestId("preview-diff");
    const staged = (backend.callsTo("members_preview")[0]?.args as { staged: Staged }).staged;
    expect(staged).toEqual({
      adds: [{ userId: "203", name: "鈴木 一郎", unitCost: 6000 }],
      updates: [{ memberId: "6001", unitCost: 6100 }],
      removes: ["6003"],
    });
    const adds = within(dialog).getByTestId("diff-adds");
    expect(adds).toHaveTextContent("To add (1)");
    expect(adds).toHaveTextContent("鈴木 一郎 — unit cost 6,000");
    expect(within(dialog).getByTestId("diff-updates")).toHaveTextContent("佐藤 健 (k.sato) — 5,800 → 6,100");
    expect(within(dialog).getByTestId("diff-removes")).toHaveTextContent("加藤 結衣 (y.kato) — unit cost was 5,000");
    expect(within(dialog).getByTestId("apply-confirm")).toHaveTextContent("Apply 3 changes");

    // Back to editing keeps everything staged.
    await user.click(within(dialog).getByRole("button", { name: "Back to editing" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(screen.getByTestId("staged-count")).toHaveTextContent("3 changes staged");
    expect(backend.callsTo("members_apply")).toHaveLength(0);
  });

  it("applies, shows what really changed, reloads the table from the server and clears the staging", async () => {
    const { user, backend } = renderApp({ route: "members", registry: true });
    await stageThree(user);
    await user.click(screen.getByTestId("staging-preview"));
    const dialog = await findDialog();
    await user.click(await within(dialog).findByTestId("apply-confirm"));
    const result = await within(dialog).findByTestId("apply-result");
    expect(dialog).toHaveAccessibleName("Changes applied");
    expect(result).toHaveTextContent("3 changes made");
    expect(within(result).getByTestId("diff-adds")).toHaveTextContent("Added (1)");
    expect(within(result).getByTestId("diff-updates")).toHaveTextContent("Unit cost changed (1)");
    expect(within(result).getByTestId("diff-removes")).toHaveTextContent("Removed (1)");
    expect(within(result).queryByTestId("apply-failures")).not.toBeInTheDocument();
    expect(announced()).toBe("Applied: 3 changes made.");
    expect(backend.callsTo("members_apply")).toHaveLength(1);
    // The Apply button went with the preview: focus is on the way out.
    expect(within(dialog).getByTestId("result-done")).toHaveFocus();

    await user.click(within(dialog).getByTestId("result-done"));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(screen.getByTestId("staged-count")).toHaveTextContent("No changes staged");
    expect(memberNames()).toEqual(["佐藤 健", "小林 大輔", "木村 葵", "鈴木 一郎"]);
    expect(memberRow("鈴木 一郎")).not.toHaveAttribute("data-change");
    expect(cellText(memberRow("鈴木 一郎"), 3)).toBe("6,000");
    expect(cellText(memberRow("佐藤 健"), 3)).toBe("6,100");
    // The server holds the same.
    const mob = backend.members.projects.find((project) => project.summary.id === "1002");
    expect(mob?.members.map((member) => [member.userId, member.unitCost])).toEqual([
      ["202", 6100],
      ["209", null],
      ["217", null],
      ["203", 6000],
    ]);
  });

  it("explains a change the server refused, while the rest stands", async () => {
    const { user } = renderApp({ route: "members", registry: true });
    await openMobile(user);
    await user.click(screen.getByTestId("add-members"));
    const dialog = await findDialog();
    await user.type(within(dialog).getByTestId("user-search"), "営業");
    await user.click(await within(dialog).findByRole("checkbox", { name: /松本 凛/ }));
    await user.click(within(dialog).getByRole("checkbox", { name: /渡辺 由美/ }));
    await user.click(within(dialog).getByTestId("add-submit"));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());

    await user.click(screen.getByTestId("staging-preview"));
    const apply = await findDialog();
    await user.click(await within(apply).findByTestId("apply-confirm"));
    const failures = await within(apply).findByTestId("apply-failures");
    expect(failures).toHaveTextContent("Not applied (1)");
    expect(within(failures).getByTestId("apply-failure")).toHaveTextContent(
      "Adding 松本 凛TimeTracker NX refused to add this user: the account is disabled. Enable it under Users in TimeTracker NX, then add the user again.",
    );
    expect(within(apply).getByTestId("apply-result")).toHaveTextContent("1 change made");
    expect(within(apply).getByTestId("apply-result")).toHaveTextContent("TimeTracker NX refused 1 change; the others stand.");
    expect(announced()).toBe("Applied: 1 change made. 1 change was refused.");
    await user.click(within(apply).getByTestId("result-done"));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(memberNames()).toContain("渡辺 由美");
    expect(memberNames()).not.toContain("松本 凛");
  });

  it("on a conflict shows what someone else changed; keeping the edits carries them over and previews again", async () => {
    const { user, backend } = renderApp({ route: "members", registry: true });
    await stageThree(user);
    // Meanwhile someone removed 加藤 (staged for removal here too) and re-priced 小林.
    const mob = backend.members.projects.find((project) => project.summary.id === "1002");
    if (!mob) throw new Error("no MOB");
    mob.members = mob.members.filter((member) => member.userId !== "210").map((member) => (member.userId === "209" ? { ...member, unitCost: 4000 } : member));

    await user.click(screen.getByTestId("staging-preview"));
    const dialog = await findDialog();
    await user.click(await within(dialog).findByTestId("apply-confirm"));
    const conflict = await within(dialog).findByTestId("apply-conflict");
    expect(dialog).toHaveAccessibleName("Someone else changed the members");
    expect(conflict).toHaveTextContent("Nothing of yours was applied");
    expect(within(conflict).getByTestId("diff-updates")).toHaveTextContent("小林 大輔 (d.kobayashi) — System default → 4,000");
    expect(within(conflict).getByTestId("diff-removes")).toHaveTextContent("加藤 結衣 (y.kato) — unit cost was 5,000");
    expect(announced()).toBe("Not applied: someone else changed the members.");
    expect(within(conflict).getByTestId("conflict-keep")).toHaveFocus();

    await user.click(within(conflict).getByTestId("conflict-keep"));
    const preview = await within(dialog).findByTestId("preview-diff");
    expect(dialog).toHaveAccessibleName("Preview the changes");
    expect(within(dialog).getByText(/^Nothing has been written yet/)).toHaveFocus();
    expect(within(dialog).getByTestId("dropped-edits")).toHaveTextContent("1 of your changes no longer applies and was dropped");
    expect(within(dialog).getByTestId("dropped-edits")).toHaveTextContent("加藤 結衣: the members already show this change");
    expect(within(preview).queryByTestId("diff-removes")).not.toBeInTheDocument();
    expect(within(preview).getByTestId("diff-adds")).toHaveTextContent("鈴木 一郎");
    expect(within(preview).getByTestId("diff-updates")).toHaveTextContent("佐藤 健 (k.sato) — 5,800 → 6,100");
    // The table behind shows the current members with the carried-over edits.
    expect(screen.getByTestId("staged-count")).toHaveTextContent("2 changes staged");
    expect(cellText(memberRow("小林 大輔"), 3)).toBe("4,000");

    await user.click(within(dialog).getByTestId("apply-confirm"));
    expect(await within(dialog).findByTestId("apply-result")).toHaveTextContent("2 changes made");
    expect(mob.members.map((member) => member.userId)).toEqual(["202", "209", "217", "203"]);
  });

  it("on a conflict, discarding the edits loads the current members", async () => {
    const { user, backend } = renderApp({ route: "members", registry: true });
    await stageThree(user);
    const mob = backend.members.projects.find((project) => project.summary.id === "1002");
    if (!mob) throw new Error("no MOB");
    mob.members = [...mob.members, { memberId: "6099", userId: "230", unitCost: null, memberSince: "2026-03-02T08:55:00Z" }];

    await user.click(screen.getByTestId("staging-preview"));
    const dialog = await findDialog();
    await user.click(await within(dialog).findByTestId("apply-confirm"));
    const conflict = await within(dialog).findByTestId("apply-conflict");
    expect(within(conflict).getByTestId("diff-adds")).toHaveTextContent("Added (1)");
    expect(within(conflict).getByTestId("diff-adds")).toHaveTextContent("岡田 芽衣 (m.okada) — unit cost System default");
    await user.click(within(conflict).getByTestId("conflict-discard"));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    await waitFor(() => expect(memberNames()).toContain("岡田 芽衣"));
    expect(screen.getByTestId("staged-count")).toHaveTextContent("No changes staged");
    expect(announced()).toBe("The current members were loaded; your edits were discarded.");
    expect(backend.callsTo("members_load")).toHaveLength(2);
    expect(backend.callsTo("members_apply")).toHaveLength(1);
  });

  it("shows why the back end refused to preview", async () => {
    const { user } = renderApp({
      route: "members",
      registry: true,
      ipc: {
        members_preview: () => {
          throw { code: "Validation", field: "memberId", message: "Member 6001 is not in this project (any more). Reload the members and stage the change again." };
        },
      },
    });
    await openMobile(user);
    await editCost(user, "佐藤 健", "1");
    await user.click(screen.getByTestId("staging-preview"));
    const dialog = await findDialog();
    expect(await within(dialog).findByText("The changes could not be previewed")).toBeInTheDocument();
    expect(within(dialog).getByTestId("error-detail")).toHaveTextContent("Reload the members and stage the change again.");
    expect(within(dialog).getByTestId("apply-confirm")).toBeDisabled();
  });
});
