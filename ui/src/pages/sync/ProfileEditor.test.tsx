import { screen, waitFor, within } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { ProfileDraft } from "../../api/syncTypes";
import { expectFieldError } from "../../test/helpers";
import { renderApp } from "../../test/renderApp";

const JIRA = "Demo: Jira Cloud";
const TTNX = "Demo: TimeTracker NX";

/** Presses Tab until `target` has focus: proof that the keyboard reaches it. */
async function tabTo(user: UserEvent, target: HTMLElement, limit = 120) {
  for (let step = 0; step < limit && document.activeElement !== target; step += 1) await user.tab();
  expect(document.activeElement).toBe(target);
}

async function openNewEditor(user: UserEvent) {
  const button = await screen.findByTestId("profile-new");
  await waitFor(() => expect(button).toBeEnabled());
  await tabTo(user, button);
  await user.keyboard("{Enter}");
  return screen.findByTestId("profile-editor");
}

function savedDraft(backend: ReturnType<typeof renderApp>["backend"]): ProfileDraft {
  const call = backend.callsTo("sync_profile_save").at(-1);
  if (!call) throw new Error("no save");
  return (call.args as { draft: ProfileDraft }).draft;
}

describe("Profiles: the editor", () => {
  it("creates a profile by keyboard alone, checked first in the UI, and lists it with 'Preview first'", async () => {
    const { user, backend } = renderApp({ route: "profiles", demo: true });
    const editor = await openNewEditor(user);
    expect(within(editor).getByRole("heading", { name: "New sync profile" })).toHaveFocus();

    // Save at once: the UI names what is missing and puts focus on the first such field.
    const save = within(editor).getByTestId("profile-save");
    await tabTo(user, save);
    await user.keyboard("{Enter}");
    const name = within(editor).getByRole("textbox", { name: /^Name/ });
    await waitFor(() => expect(name).toHaveFocus());
    expectFieldError(name, "Fill this in.");
    expectFieldError(within(editor).getByRole("combobox", { name: /^Jira project/ }), "Fill this in.");
    expect(backend.callsTo("sync_profile_save")).toHaveLength(0);

    await user.keyboard("OPS sync");
    // The only Jira ↔ TimeTracker NX connection is chosen already.
    expect(within(editor).getByRole("combobox", { name: /^Connection/ })).toHaveValue("1");
    const jira = within(editor).getByRole("combobox", { name: /^Jira project/ });
    await tabTo(user, jira);
    await waitFor(() => expect(within(jira).getAllByRole("option")).toHaveLength(4));
    await user.selectOptions(jira, "OPS");
    const ttnx = within(editor).getByRole("combobox", { name: /^TimeTracker NX project/ });
    await tabTo(user, ttnx);
    await user.selectOptions(ttnx, "1003");
    const folder = within(editor).getByRole("combobox", { name: /^TimeTracker NX folder/ });
    await waitFor(() => expect(within(folder).getAllByRole("option")).toHaveLength(2));
    await tabTo(user, folder);
    await user.selectOptions(folder, "2201");

    await tabTo(user, save);
    await user.keyboard("{Enter}");
    await screen.findByTestId("profiles-table");
    expect(savedDraft(backend)).toMatchObject({
      id: null,
      name: "OPS sync",
      connectionId: 1,
      scope: { kind: "jiraTtnx", jiraProject: "OPS", ttnxProjectId: "1003", ttnxFolderId: "2201", groupBy: "version", boardId: null },
      entities: { items: true, worklogs: false },
      schedule: { kind: "off" },
      thresholdPercent: 20,
      deletion: "ignore",
    });
    const row = (await screen.findAllByTestId("profile-row")).find((candidate) => within(candidate).queryByRole("rowheader", { name: "OPS sync" }));
    expect(row).toBeDefined();
    expect(within(row as HTMLElement).getByTestId("preview-first")).toHaveTextContent("Preview first");
    // The list is back and focus with it, on what opened the editor.
    await waitFor(() => expect(screen.getByTestId("profile-new")).toHaveFocus());
  });

  it("shows the back end's Validation error on the field it names", async () => {
    const { user } = renderApp({ route: "profiles", demo: true });
    const editor = await openNewEditor(user);
    await user.type(within(editor).getByRole("textbox", { name: /^Name/ }), "WEB");
    await waitFor(() => expect(within(editor).getAllByRole("option", { name: /Web renewal/ })).toHaveLength(1));
    await user.selectOptions(within(editor).getByRole("combobox", { name: /^Jira project/ }), "WEB");
    await user.selectOptions(within(editor).getByRole("combobox", { name: /^TimeTracker NX project/ }), "1001");
    await waitFor(() => expect(within(editor).getByRole("option", { name: /WEB 保守/ })).toBeInTheDocument());
    await user.selectOptions(within(editor).getByRole("combobox", { name: /^TimeTracker NX folder/ }), "2002");
    await user.click(within(editor).getByTestId("profile-save"));
    const name = within(editor).getByRole("textbox", { name: /^Name/ });
    await waitFor(() => expectFieldError(name, "A profile named WEB exists already; choose another name."));
    expect(name).toHaveFocus();
  });

  it("changes one field's direction, named with both servers", async () => {
    const { user, backend } = renderApp({ route: "profiles", demo: true });
    await user.click(await screen.findByRole("button", { name: "Edit WEB" }));
    const editor = await screen.findByTestId("profile-editor");
    const status = within(editor).getByRole("radiogroup", { name: "Direction of Status" });
    expect(within(status).getByRole("radio", { name: `Both ways between ${JIRA} and ${TTNX}` })).toBeChecked();
    await user.click(within(status).getByRole("radio", { name: `From ${TTNX} to ${JIRA}` }));
    expect(within(status).getByRole("radio", { name: `From ${TTNX} to ${JIRA}` })).toBeChecked();
    await user.click(within(editor).getByTestId("profile-save"));
    await screen.findByTestId("profiles-table");
    const fields = savedDraft(backend).fields;
    expect(fields.find((item) => item.field === "status")?.direction).toBe("rightToLeft");
    expect(fields.find((item) => item.field === "summary")?.direction).toBe("both");
    expect(fields.find((item) => item.field === "priority")?.direction).toBe("leftToRight");
  });

  it("fills the value maps from Suggest and resolves an unmatched person by hand", async () => {
    const { user, backend } = renderApp({ route: "profiles", demo: true });
    const editor = await openNewEditor(user);
    await user.type(within(editor).getByRole("textbox", { name: /^Name/ }), "WEB 2");
    await waitFor(() => expect(within(editor).getAllByRole("option", { name: /Web renewal/ })).toHaveLength(1));
    await user.selectOptions(within(editor).getByRole("combobox", { name: /^Jira project/ }), "WEB");
    await user.selectOptions(within(editor).getByRole("combobox", { name: /^TimeTracker NX project/ }), "1001");
    await waitFor(() => expect(within(editor).getByRole("option", { name: /WEB 保守/ })).toBeInTheDocument());
    await user.selectOptions(within(editor).getByRole("combobox", { name: /^TimeTracker NX folder/ }), "2002");
    expect(within(editor).getByTestId("value-maps-pending")).toBeInTheDocument();

    await user.click(within(editor).getByTestId("suggest"));
    const toDo = await within(editor).findByRole("combobox", { name: `Status To Do on ${TTNX}` });
    expect(toDo).toHaveValue("1");
    expect(within(editor).getByRole("combobox", { name: `Status Blocked on ${TTNX}` })).toHaveValue("");
    await user.selectOptions(within(editor).getByRole("combobox", { name: `Status Blocked on ${TTNX}` }), "4");

    // Matched pairs say how they matched.
    const pairs = within(editor).getByRole("table", { name: "Matched people" });
    expect(within(pairs).getAllByTestId("user-pair").map((row) => row.textContent)).toEqual([
      "Aiko Tanaka田中 愛子E-mail addressUnpair",
      "Lena BergLena BergLogin nameUnpair",
      "Ken Sato佐藤 健NameUnpair",
    ]);
    const queue = within(editor).getByTestId("unresolved-queue");
    const sara = within(queue).getByRole("combobox", { name: /^Sara Nilsson on Demo: Jira Cloud/ });
    await user.selectOptions(sara, "212");
    expect(within(editor).queryByRole("combobox", { name: /^Sara Nilsson/ })).not.toBeInTheDocument();
    expect(within(pairs).getAllByTestId("user-pair").at(-1)).toHaveTextContent("Sara Nilsson吉田 蓮Chosen by hand");
    // The missing Jira permission is named exactly.
    expect(within(editor).getByTestId("permission-checks")).toHaveTextContent(`✗ WORK_ON_ISSUES missing on ${JIRA} (WEB)`);

    await user.click(within(editor).getByTestId("profile-save"));
    await screen.findByTestId("profiles-table");
    const draft = savedDraft(backend);
    expect(draft.valueMaps.status).toEqual([
      { left: "10000", right: "1" },
      { left: "10001", right: "2" },
      { left: "10002", right: "3" },
      { left: "10003", right: "4" },
    ]);
    expect(draft.userMap.at(-1)).toEqual({ left: "712020:9a7e55d0-sara", leftName: "Sara Nilsson", right: "212", rightName: "吉田 蓮" });
    expect(draft.userMap).toHaveLength(4);
  });

  it("explains a business-hours schedule that does not add up", async () => {
    const { user } = renderApp({ route: "profiles", demo: true });
    await user.click(await screen.findByRole("button", { name: "Edit MOB" }));
    const editor = await screen.findByTestId("profile-editor");
    expect(within(editor).getByRole("radio", { name: "During business hours" })).toBeChecked();
    const until = within(editor).getByLabelText("Until");
    await user.clear(until);
    await user.type(until, "08:00");
    await user.click(within(editor).getByTestId("profile-save"));
    await waitFor(() => expectFieldError(until, "The end must be later than the start."));
  });
});
