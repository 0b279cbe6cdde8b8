// Project members in the real app against the demo workspace's TimeTracker NX
// simulator: add a member with a unit cost, change that cost, remove someone
// else — each through the preview and one apply — and read the simulator's
// own API afterwards to see that the project really changed; the applies
// are in the member audit log on Activity.
//
// Runs after demo.e2e.mjs (specs run in name order); leaves no demo behind.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { byTestId, demoServer, press, removeDemo, startDemoInEnglish, textOf } from "../support/ui.mjs";

const shotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../target/screenshots");
const PROJECT_CODE = "INT";
const NEWCOMER = "Emma Lindqvist";

/// The first element with this test id whose text contains `text`.
async function withText(testId, text, timeout = 20000) {
  let found;
  await browser.waitUntil(
    async () => {
      for (const candidate of await $$(`[data-testid="${testId}"]`)) {
        if ((await textOf(candidate)).includes(text)) {
          found = candidate;
          return true;
        }
      }
      return false;
    },
    { timeout, timeoutMsg: `no ${testId} containing ${text}` },
  );
  return found;
}

/// The project's active members as the simulator itself holds them, read
/// with the service account's key from its control listing (not through the app).
async function simMembers(baseUrl, projectId) {
  const origin = new URL(baseUrl).origin;
  const users = await (await fetch(`${origin}/__sim/ttnx/users`)).json();
  const admin = users.find((user) => user.login === "kakehashi-sync");
  const answer = await fetch(`${baseUrl}/api/project/projects/${projectId}?includes=Members`, {
    headers: { "X-TT-ApiKey": admin.api_key },
  });
  if (!answer.ok) throw new Error(`the simulator answered ${answer.status}`);
  const body = await answer.json();
  const projects = Array.isArray(body) ? body : (body.data ?? body.items ?? [body]);
  const project = projects.find((candidate) => String(candidate.id) === String(projectId));
  return project.members.filter((member) => !member.isDeleted);
}

async function previewAndApply() {
  await press(await byTestId("staging-preview"));
  await byTestId("apply-preview");
  await press(await byTestId("apply-confirm"));
  const result = await byTestId("apply-result", 30000);
  const text = await textOf(result);
  await press(await byTestId("result-done"));
  return text;
}

describe("Project members", () => {
  before(async () => {
    mkdirSync(shotDir, { recursive: true });
    await startDemoInEnglish();
  });

  after(removeDemo);

  it("adds with a unit cost, re-prices it, removes another, and the simulator holds the result", async () => {
    const ttnx = await demoServer("timeTrackerNx");
    await press(await byTestId("nav-members"));
    // With one TimeTracker NX server there is nothing to choose; with more, pick the demo's.
    const picker = await $('[data-testid="members-server"]');
    if (await picker.isExisting()) await picker.selectByAttribute("value", String(ttnx.id));
    await (await byTestId("project-search")).setValue(PROJECT_CODE);
    await press(await withText("project-option", PROJECT_CODE));
    await byTestId("members-table", 30000);
    const projects = await browser.execute(
      async (serverId, code) => window.__TAURI_INTERNALS__.invoke("members_projects", { serverId, text: code }),
      ttnx.id,
      PROJECT_CODE,
    );
    const projectId = projects.find((project) => project.code === PROJECT_CODE).id;
    const before = await simMembers(ttnx.baseUrl, projectId);
    expect(before.some((member) => member.name === NEWCOMER)).toBe(false);
    expect(before.length).toBeGreaterThanOrEqual(2);

    // 1. Add Emma at 8,200 through the user search.
    await press(await byTestId("add-members"));
    await (await byTestId("user-search")).setValue("Emma");
    // Mantine puts the test id on the checkbox input; its label holds the name.
    const results = await byTestId("user-results");
    await browser.waitUntil(async () => (await textOf(results)).includes(NEWCOMER), {
      timeout: 20000,
      timeoutMsg: `the user search does not find ${NEWCOMER}`,
    });
    await browser.execute((name) => {
      const labels = [...document.querySelectorAll('[data-testid="user-results"] label')];
      labels.find((label) => label.textContent.includes(name)).click();
    }, NEWCOMER);
    const cost = await byTestId("chosen-cost");
    await cost.setValue("8200");
    await press(await byTestId("add-submit"));
    expect(await textOf(await byTestId("staged-count"))).toMatch(/1/);
    await browser.saveScreenshot(path.join(shotDir, "app-members-staged-en.png"));
    expect(await previewAndApply()).toContain(NEWCOMER);
    const added = (await simMembers(ttnx.baseUrl, projectId)).find((member) => member.name === NEWCOMER);
    expect(added?.unitCost).toBe(8200);

    // 2. Re-price Emma inline, and remove the first other member, in one apply.
    const emmaRow = await withText("member-row", NEWCOMER);
    await press(await emmaRow.$('[data-testid="cost-edit"]'));
    const input = await emmaRow.$('[data-testid="cost-input"]');
    await input.clearValue();
    await input.setValue("9100");
    await press(await emmaRow.$('[data-testid="cost-save"]'));
    const other = before[0];
    const otherRow = await withText("member-row", other.name);
    await browser.execute((row) => row.querySelector('input[type="checkbox"]').click(), otherRow);
    await press(await byTestId("bulk-remove"));
    await press(await byTestId("remove-confirm"));
    expect(await textOf(await byTestId("staged-count"))).toMatch(/2/);
    await browser.saveScreenshot(path.join(shotDir, "app-members-second-apply-en.png"));
    await previewAndApply();

    const after = await simMembers(ttnx.baseUrl, projectId);
    expect(after.find((member) => member.name === NEWCOMER)?.unitCost).toBe(9100);
    expect(after.some((member) => member.partyId === other.partyId)).toBe(false);
    expect(after.length).toBe(before.length);

    // The table shows the server's state after the apply.
    await browser.waitUntil(async () => (await textOf(await withText("member-row", NEWCOMER))).includes("9,100"), {
      timeout: 10000,
      timeoutMsg: "the table does not show the new cost",
    });
  });

  it("lists both applies in the member audit log on Activity", async () => {
    await press(await byTestId("nav-activity"));
    const entries = JSON.parse(
      await browser.execute(async () => JSON.stringify(await window.__TAURI_INTERNALS__.invoke("member_audit_list"))),
    );
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries[0].changes.updates.length + entries[0].changes.removes.length).toBe(2);
    expect(entries[1].changes.adds.map((delta) => delta.name)).toContain(NEWCOMER);
    await withText("audit-row", entries[0].projectName, 20000);
    await browser.saveScreenshot(path.join(shotDir, "app-activity-audit-en.png"));
  });
});
