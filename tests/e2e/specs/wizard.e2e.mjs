// The Jira ↔ TimeTracker NX connection wizard in the real app, in Japanese,
// against the demo workspace's simulators: a Jira issue address pasted into
// step 2 is recognised as Jira Data Center, the TimeTracker NX server is
// picked from the list, the service credentials are kept, Test connection
// fills in both checklists through the real Channel and passes, and the
// saved connection shows its last test on the Connections screen, where it
// is tested again.
//
// Runs after shell.e2e.mjs (specs run in name order); leaves no demo behind.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { byTestId, demoServer, press, textOf } from "../support/ui.mjs";

const shotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../target/screenshots");
const NAME = "e2e 課題と工数";

/// Mantine draws its own radio over the input; click the input itself.
async function chooseRadio(testId) {
  await byTestId(testId);
  await browser.execute((id) => document.querySelector(`[data-testid="${id}"]`).click(), testId);
}

/// Waits until the test on screen has finished, and returns its outcome.
async function finishedOutcome() {
  const summary = await byTestId("test-summary", 60000);
  return summary.getAttribute("data-outcome");
}

describe("Connection wizard (Japanese)", () => {
  before(async () => {
    mkdirSync(shotDir, { recursive: true });
    await press(await byTestId("nav-settings"));
    await press(await byTestId("language-ja"));
    await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.lang)) === "ja", {
      timeout: 10000,
      timeoutMsg: "the UI did not switch to Japanese",
    });
    await press(await byTestId("nav-home"));
    await press(await byTestId("demo-start"));
    await byTestId("demo-banner", 60000);
  });

  it("creates a tested Jira ↔ TimeTracker NX connection from a pasted issue address", async () => {
    const jira = await demoServer("jiraDataCenter");
    const ttnx = await demoServer("timeTrackerNx");
    await press(await byTestId("nav-connections"));
    await press(await byTestId("start-jiraTtnx"));
    const wizardTitle = await $("h1");
    await browser.waitUntil(async () => (await wizardTitle.getText()).includes("Jira"), { timeout: 10000 });

    // 1. The pair is the one whose card was opened.
    await byTestId("pair-choice");
    await press(await byTestId("wizard-next"));

    // 2. Left: an issue address as a browser shows it, with stray spaces.
    await chooseRadio("left-server-mode-new");
    await (await byTestId("left-server-url")).setValue(`  ${jira.baseUrl}/browse/WEB-1 `);
    await press(await byTestId("left-server-detect"));
    const baseUrl = await byTestId("left-server-base-url", 30000);
    expect((await textOf(baseUrl)).trim()).toBe(jira.baseUrl);
    expect(await textOf(await byTestId("left-server-kind"))).toMatch(/Jira Data Center 10\./);
    await press(await byTestId("left-server-add"));
    await byTestId("left-server-added", 20000);
    // Right: the registered TimeTracker NX server.
    await chooseRadio("right-server-mode-registered");
    await (await byTestId("right-server-select")).selectByAttribute("value", String(ttnx.id));
    await browser.saveScreenshot(path.join(shotDir, "app-wizard-servers-ja.png"));
    await press(await byTestId("wizard-next"));

    // 3. Credentials: each server's service credential is preselected.
    await byTestId("credential-side-left");
    await byTestId("left-guidance");
    await press(await byTestId("wizard-next"));

    // 4. Test connection fills in live and passes on both sides.
    expect(await finishedOutcome()).toBe("passed");
    const checks = await $$('[data-testid="check-item"]');
    expect(checks.length).toBeGreaterThanOrEqual(18);
    const statuses = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="check-status"]')].map((mark) => mark.getAttribute("data-status")),
    );
    expect(statuses.filter((status) => status === "failed" || status === "running" || status === "pending")).toEqual([]);
    const left = await textOf(await byTestId("checklist-left"));
    expect(left).toContain("Jira Data Center 10.");
    expect(left).toContain("kakehashi-sync");
    expect(left).toMatch(/権限/);
    await browser.saveScreenshot(path.join(shotDir, "app-wizard-test-ja.png"));
    await press(await byTestId("wizard-next"));

    // 5. Name and direction.
    const name = await byTestId("connection-name");
    await name.clearValue();
    await name.setValue(NAME);
    await press(await byTestId("create-connection"));

    // 6. Done.
    await byTestId("wizard-done", 20000);
    await byTestId("create-profile");
    await browser.saveScreenshot(path.join(shotDir, "app-wizard-done-ja.png"));
    await press(await byTestId("back-to-connections"));
  });

  it("shows the wizard's test as the new connection's last test, and tests it again", async () => {
    const row = await browser.waitUntil(
      async () => {
        for (const candidate of await $$('[data-testid="connection-row"]')) {
          if ((await textOf(candidate)).includes(NAME)) return candidate;
        }
        return false;
      },
      { timeout: 20000, timeoutMsg: `no row for ${NAME}` },
    );
    const badge = await row.$('[data-testid="outcome-badge"]');
    await badge.waitForExist({ timeout: 10000 });
    expect(await badge.getAttribute("data-outcome")).toBe("passed");
    await press(await row.$('[data-testid="connection-test"]'));
    await byTestId("test-connection-dialog");
    expect(await finishedOutcome()).toBe("passed");
    await browser.saveScreenshot(path.join(shotDir, "app-connection-test-ja.png"));
    await browser.keys("Escape");
  });

  after(async () => {
    await press(await byTestId("nav-home"));
    await press(await byTestId("demo-remove"));
    await press(await byTestId("demo-remove-confirm"));
    await byTestId("demo-offer", 30000);
  });
});
