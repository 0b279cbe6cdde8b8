// Sync profiles in the real app against the demo workspace: create a
// Jira WEB ↔ TimeTracker NX WEB / "WEB 開発" profile in the editor, preview
// it (a dry run that writes nothing), run it, and read the TimeTracker NX
// simulator's own API afterwards to see the Jira issues there, each with
// Kakehashi's marker. The run is listed on Activity.
//
// Runs after members.e2e.mjs (specs run in name order); leaves no demo behind.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { byTestId, demoServer, press, removeDemo, startDemoInEnglish, textOf } from "../support/ui.mjs";

const shotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../target/screenshots");
const JIRA_ISSUE = "トップページのデザインを刷新する";

/// Picks the option of a native select whose text contains `text`, once the
/// select has loaded its options from the servers.
async function choose(testId, text) {
  const select = await byTestId(testId);
  let index = -1;
  await browser.waitUntil(
    async () => {
      const texts = await browser.execute(
        (id) => [...document.querySelector(`[data-testid="${id}"]`).options].map((option) => option.text),
        testId,
      );
      index = texts.findIndex((option) => option.includes(text));
      return index > 0 && (await select.isEnabled());
    },
    { timeout: 30000, timeoutMsg: `${testId} never offered ${text}` },
  );
  await select.selectByIndex(index);
}

/// Waits until the window shows `text` somewhere (a notification, say).
async function pageShows(text, timeout) {
  await browser.waitUntil(async () => browser.execute((wanted) => document.body.innerText.includes(wanted), text), {
    timeout,
    timeoutMsg: `the window never showed "${text}"`,
  });
}

/// Every work item of the TimeTracker NX project, flattened, as the simulator holds them.
async function simItems(baseUrl, projectCode) {
  const origin = new URL(baseUrl).origin;
  const users = await (await fetch(`${origin}/__sim/ttnx/users`)).json();
  const admin = users.find((user) => user.login === "kakehashi-sync");
  const headers = { "X-TT-ApiKey": admin.api_key };
  const projects = await (await fetch(`${baseUrl}/api/project/projects?code=${projectCode}`, { headers })).json();
  const project = (projects.data ?? projects).find((candidate) => candidate.code === projectCode);
  const answer = await fetch(`${baseUrl}/api/workitem/workItems/${project.id}/subItems?fields=Id,Name`, { headers });
  if (!answer.ok) throw new Error(`the simulator answered ${answer.status}`);
  const flat = [];
  const walk = (items) =>
    items.forEach((item) => {
      flat.push(item);
      walk(item.subItems ?? []);
    });
  walk(await answer.json());
  return flat;
}

describe("Sync profiles", () => {
  before(async () => {
    mkdirSync(shotDir, { recursive: true });
    await startDemoInEnglish();
  });

  after(removeDemo);

  it("creates a profile, previews it, runs it, and the Jira issues appear in TimeTracker NX", async () => {
    const ttnx = await demoServer("timeTrackerNx");
    const before = await simItems(ttnx.baseUrl, "WEB");
    expect(before.some((item) => item.name === JIRA_ISSUE || item.fields?.Name === JIRA_ISSUE)).toBe(false);

    await press(await byTestId("nav-profiles"));
    await press(await byTestId("profile-new"));
    await (await byTestId("profile-name")).setValue("WEB sync");
    await choose("profile-connection", "TimeTracker NX");
    await choose("profile-jira-project", "WEB");
    await choose("profile-ttnx-project", "WEB");
    await choose("profile-ttnx-folder", "WEB 開発");
    await press(await byTestId("suggest"));
    await byTestId("permission-checks", 60000);
    await browser.saveScreenshot(path.join(shotDir, "e2e-sync-editor.png"));
    await press(await byTestId("profile-save"));
    await byTestId("profile-row", 30000);

    // The dry run lists creates and writes nothing.
    await press(await byTestId("profile-preview"));
    const plan = await byTestId("plan-view", 120000);
    await byTestId("op-row", 30000);
    await browser.saveScreenshot(path.join(shotDir, "e2e-sync-preview.png"));
    expect(await textOf(plan)).toContain(JIRA_ISSUE);
    const afterPreview = await simItems(ttnx.baseUrl, "WEB");
    expect(afterPreview.length).toBe(before.length);

    await press(await byTestId("preview-run"));
    const finished = await byTestId("run-finished", 180000);
    await browser.saveScreenshot(path.join(shotDir, "e2e-sync-finished.png"));
    const outcome = await textOf(finished);
    expect(outcome).not.toMatch(/failed/i);

    const items = await simItems(ttnx.baseUrl, "WEB");
    const names = items.map((item) => item.name ?? item.fields?.Name);
    expect(names).toContain(JIRA_ISSUE);
    expect(names.filter((name) => name === JIRA_ISSUE)).toHaveLength(1);

    await press(await byTestId("nav-activity"));
    const runs = await byTestId("runs-table", 30000);
    expect(await textOf(runs)).toContain("WEB sync");
  });

  it("Sync now on Home runs the profile through the tray's command; a failing run raises a notification", async () => {
    await press(await byTestId("nav-activity"));
    const before = (await $$('[data-testid="runs-table"] tbody tr')).length;

    // Home's button calls sync_now_all, the command behind the tray's "Sync now".
    await press(await byTestId("nav-home"));
    await press(await byTestId("sync-now"));
    await pageShows("Started 1 sync.", 30000);
    await press(await byTestId("nav-activity"));
    await browser.waitUntil(async () => (await $$('[data-testid="runs-table"] tbody tr')).length === before + 1, {
      timeout: 120000,
      timeoutMsg: "the run started from Sync now never appeared on Activity",
    });
    const table = await byTestId("runs-table");
    await browser.waitUntil(async () => !(await textOf(table)).includes("Running"), {
      timeout: 120000,
      timeoutMsg: "the run from Sync now never ended",
    });

    // TimeTracker NX answers every request with a 500: the next run fails,
    // and the failure is announced (in the window as well as by the OS).
    const ttnx = await demoServer("timeTrackerNx");
    const admin = `${new URL(ttnx.baseUrl).origin}/__sim/config`;
    const faults = (rate) =>
      fetch(admin, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ faultRate: rate, faultKinds: ["error500"] }),
      });
    expect((await faults(1.0)).ok).toBe(true);
    try {
      await press(await byTestId("nav-home"));
      await press(await byTestId("sync-now"));
      await pageShows("Sync failed: WEB sync", 180000);
      await browser.saveScreenshot(path.join(shotDir, "e2e-sync-failed-notice.png"));
    } finally {
      await faults(0);
    }
  });
});
