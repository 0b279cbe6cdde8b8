#!/usr/bin/env node
// Opens every screen of the built UI (ui/dist) in Japanese, English and Swedish in Debian's
// Chromium, against a fake Tauri back end — on a fresh installation and, for Home and
// Connections, with the demo workspace too; the credential screens, dialogs and Home's
// expiry alerts, and the Members screen with its dialogs, on a working installation
// ("registry"); saves full-page PNGs to <repo>/target/screenshots/<shot>-<lang>.png (plus a dark-mode set, <shot>-en-dark.png);
// runs axe on each page and exits 1 on any serious or critical violation or page error.
//
// Usage: npm run build && npm run screenshots
// Env:   CHROMIUM_PATH (default /usr/bin/chromium)
//        ONLY (optional): comma-separated shot names, e.g. ONLY=home-demo,connections-demo

import { AxeBuilder } from "@axe-core/playwright";
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { installFakeMembers } from "./screenshots/fakeMembers.mjs";
import { installFakeSync } from "./screenshots/fakeSync.mjs";
import { installFakeTauri } from "./screenshots/fakeTauri.mjs";
import { serveDirectory } from "./screenshots/staticServer.mjs";

const UI_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIST_DIR = path.join(UI_DIR, "dist");
const OUT_DIR = path.join(UI_DIR, "..", "target", "screenshots");
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Each shot: the screen, the back end's state ("fresh": first start, nothing registered;
 * "demo": after "Try the demo workspace"; "registry": real servers and credentials in
 * every state; "connected": the same with connections between them), an element that exists only once its data has loaded, and optionally
 * steps to take first: { click }, { select, value }, { fill, value }, { upload, name,
 * text }, { waitFor }. `dialog` shoots the window instead of the page (an overlay covers
 * the window only), `height` makes the window taller for long dialogs, `width` narrower
 * (a small window, where side-by-side content must stack), and `busy` allows a
 * spinner that never stops (the OAuth form waiting for the browser).
 */
// The Jira ↔ TimeTracker NX wizard on the registry: Jira Data Center (whose certificate
// this computer does not trust) and TimeTracker NX (whose clock is 3 minutes ahead), each
// with its service credential. Every shot continues from the one before.
const WIZARD_START = [{ click: '[data-testid="start-jiraTtnx"]' }, { waitFor: '[data-testid="pair-choice"]' }];
const WIZARD_SERVERS = [
  ...WIZARD_START,
  { click: '[data-testid="wizard-next"]' },
  { select: '[data-testid="left-server-select"]', value: "12" },
  { select: '[data-testid="right-server-select"]', value: "13" },
];
const WIZARD_TEST = [
  ...WIZARD_SERVERS,
  { click: '[data-testid="wizard-next"]' },
  { waitFor: '[data-testid="credential-side-right"]' },
  { click: '[data-testid="wizard-next"]' },
  { waitFor: '[data-testid="test-summary"]' },
];
const WIZARD_NAME = [
  ...WIZARD_TEST,
  { click: '[data-testid="wizard-next"]' },
  { click: '[data-testid="gate-continue"]' },
  { waitFor: '[data-testid="connection-name"]' },
];
const wizardShot = (name, steps, extra = {}) => ({
  name,
  screen: "connections",
  scenario: "registry",
  ready: '[data-testid="connections-empty"]',
  steps,
  ...extra,
});

// Members on the registry's TimeTracker NX server (the only one, so it is chosen already):
// open a project, then stage a cost change, a removal and two adds (one the server refuses).
const openProject = (code) => [
  { fill: '[data-testid="project-search"]', value: code },
  { click: `[data-testid="project-option"]:has-text("${code}")` },
  { waitFor: '[data-testid="members-table"]' },
];
const MEMBERS_ADD = [
  ...openProject("WEB"),
  { click: '[data-testid="add-members"]' },
  { fill: '[data-testid="user-search"]', value: "営業" },
  { click: '[role="dialog"] label:has-text("松本 凛")' },
  { click: '[role="dialog"] label:has-text("岡田 芽衣")' },
  { fill: '[data-testid="chosen-user"]:has-text("岡田 芽衣") input', value: "5200" },
  // Picked users stay picked while the search moves on; Lena Berg is a member already.
  { fill: '[data-testid="user-search"]', value: "Stockholm" },
  { waitFor: '[role="dialog"] label:has-text("Johan Ek")' },
];
const MEMBERS_STAGED = [
  ...MEMBERS_ADD,
  { click: '[data-testid="add-submit"]' },
  { click: '[data-testid="member-row"]:has-text("佐藤 健") [data-testid="cost-edit"]' },
  { fill: '[data-testid="cost-input"]', value: "5600" },
  { click: '[data-testid="cost-save"]' },
  { click: '[data-testid="member-row"]:has-text("吉田 蓮") input[type="checkbox"]' },
  { click: '[data-testid="bulk-remove"]' },
  { click: '[data-testid="remove-confirm"]' },
  { waitFor: '[data-testid="member-row"][data-change="remove"]' },
];
const MEMBERS_PREVIEW = [...MEMBERS_STAGED, { click: '[data-testid="staging-preview"]' }, { waitFor: '[data-testid="preview-diff"]' }];
const membersShot = (name, steps, extra = {}) => ({
  name,
  screen: "members",
  scenario: "registry",
  ready: '[data-testid="project-search"]',
  steps,
  ...extra,
});

// Sync profiles on the demo workspace (profiles WEB and MOB, their runs and WEB's problems).
const profilesShot = (name, steps, extra = {}) => ({ name, screen: "profiles", scenario: "demo", ready: '[data-testid="profiles-table"]', steps, ...extra });
const PROFILE_EDITOR = [
  { click: '[data-testid="profile-new"]' },
  { waitFor: '[data-testid="profile-editor"]' },
  { fill: '[data-testid="profile-name"]', value: "WEB 保守" },
  // selectOption waits until the option has arrived from the servers.
  { select: '[data-testid="profile-jira-project"]', value: "WEB" },
  { select: '[data-testid="profile-ttnx-project"]', value: "1001" },
  { select: '[data-testid="profile-ttnx-folder"]', value: "2002" },
  { click: '[data-testid="schedule-business"]' },
  { click: '[data-testid="suggest"]' },
  { waitFor: '[data-testid="permission-checks"]' },
];

const SHOTS = [
  { name: "home", screen: "home", scenario: "fresh", ready: '[data-testid="demo-offer"]' },
  { name: "home-demo", screen: "home", scenario: "demo", ready: '[data-testid="demo-banner"]' },
  {
    name: "home-demo-remove",
    screen: "home",
    scenario: "demo",
    ready: '[data-testid="demo-banner"]',
    dialog: true,
    steps: [{ click: '[data-testid="demo-remove"]' }, { waitFor: '[data-testid="demo-remove-confirm"]' }],
  },
  { name: "home-alerts", screen: "home", scenario: "registry", ready: '[data-testid="credential-alerts"]' },
  { name: "connections", screen: "connections", scenario: "fresh", ready: '[data-testid="connections-empty"]' },
  { name: "connections-demo", screen: "connections", scenario: "demo", ready: '[data-testid="connections-table"]' },
  { name: "profiles", screen: "profiles", scenario: "fresh", ready: '[data-testid="page-title"]' },
  profilesShot("profiles-list", []),
  profilesShot("profiles-editor", PROFILE_EDITOR),
  profilesShot("profiles-preview", [{ click: '[data-profile-id="2"] [data-testid="profile-run"]' }, { waitFor: '[data-testid="breaker-warning"]' }], {
    dialog: true,
    height: 1400,
  }),
  profilesShot("profiles-running", [{ click: '[data-profile-id="1"] [data-testid="profile-run"]' }, { waitFor: '[data-testid="run-counts"]' }], { busy: true }),
  { name: "activity-runs", screen: "activity", scenario: "demo", ready: '[data-testid="runs-table"]' },
  {
    name: "activity-run-detail",
    screen: "activity",
    scenario: "demo",
    ready: '[data-testid="runs-table"]',
    dialog: true,
    height: 1200,
    steps: [{ click: '[data-run-id="3"] [data-testid="run-open"]' }, { waitFor: '[data-testid="run-detail-body"]' }],
  },
  { name: "members", screen: "members", scenario: "fresh", ready: '[data-testid="members-no-server"]' },
  membersShot("members-projects", [{ waitFor: '[data-testid="project-option"]' }]),
  membersShot("members-table", MEMBERS_STAGED),
  membersShot("members-add", MEMBERS_ADD, { dialog: true, height: 1000 }),
  membersShot("members-preview", MEMBERS_PREVIEW, { dialog: true, height: 1000 }),
  membersShot("members-result", [...MEMBERS_PREVIEW, { click: '[data-testid="apply-confirm"]' }, { waitFor: '[data-testid="apply-result"]' }], {
    dialog: true,
    height: 1100,
  }),
  // MOB is changed by someone else right before its first apply (fixtures.members.concurrentChange).
  membersShot(
    "members-conflict",
    [
      ...openProject("MOB"),
      { click: '[data-testid="member-row"]:has-text("小林 大輔") [data-testid="cost-edit"]' },
      { fill: '[data-testid="cost-input"]', value: "5600" },
      { click: '[data-testid="cost-save"]' },
      { click: '[data-testid="staging-preview"]' },
      { waitFor: '[data-testid="preview-diff"]' },
      { click: '[data-testid="apply-confirm"]' },
      { waitFor: '[data-testid="apply-conflict"]' },
    ],
    { dialog: true, height: 1000 },
  ),
  membersShot("members-no-permission", [...openProject("OPS"), { waitFor: '[data-testid="members-no-permission"]' }]),
  {
    name: "connections-export",
    screen: "connections",
    scenario: "registry",
    ready: '[data-testid="connections-empty"]',
    steps: [{ click: '[data-testid="export-workspace"]' }, { waitFor: '[data-testid="export-notice"]' }],
  },
  {
    name: "connections-import",
    screen: "connections",
    scenario: "registry",
    ready: '[data-testid="connections-empty"]',
    dialog: true,
    height: 1000,
    steps: [
      { click: '[data-testid="import-workspace"]' },
      { upload: 'input[type="file"]', name: "kakehashi-workspace.json", text: '{"format":"kakehashi-workspace","version":1}' },
      { waitFor: '[data-testid="import-preview"]' },
    ],
  },
  { name: "credentials", screen: "credentials", scenario: "fresh", ready: '[data-testid="credentials-keychain"]' },
  { name: "credentials-registry", screen: "credentials", scenario: "registry", ready: '[data-testid="credentials-table"]' },
  {
    name: "credentials-add",
    screen: "credentials",
    scenario: "registry",
    ready: '[data-testid="credentials-table"]',
    dialog: true,
    height: 1400,
    steps: [
      { click: '[data-testid="add-credential"]' },
      { select: '[data-testid="credential-server"]', value: "11" },
      { click: 'input[value="jira-cloud-token"]' },
      { fill: '[data-testid="credential-label"]', value: "jira-sync (staging)" },
      { fill: '[data-testid="credential-login"]', value: "kakehashi-sync@" },
      { click: '[data-testid="credential-save"]' },
      { waitFor: '[role="dialog"] input[aria-invalid="true"]' },
    ],
  },
  {
    name: "credentials-oauth",
    screen: "credentials",
    scenario: "registry",
    ready: '[data-testid="credentials-table"]',
    dialog: true,
    height: 1400,
    busy: true,
    steps: [
      { click: '[data-testid="add-credential"]' },
      { select: '[data-testid="credential-server"]', value: "14" },
      { click: 'input[value="asana-oauth"]' },
      { fill: '[data-testid="credential-label"]', value: "Asana (OAuth)" },
      { fill: '[data-testid="oauth-client-id"]', value: "1209876543210987" },
      { fill: '[data-testid="oauth-client-secret"]', value: "not-a-real-client-secret" },
      { waitFor: '[data-testid="oauth-copy-url"]' },
      { click: '[data-testid="oauth-sign-in"]' },
      { waitFor: '[data-testid="oauth-waiting"]' },
    ],
  },
  {
    name: "credentials-rotate",
    screen: "credentials",
    scenario: "registry",
    ready: '[data-testid="credentials-table"]',
    dialog: true,
    height: 1000,
    steps: [
      { click: '[data-testid="credential-menu"]' },
      { click: '[data-testid="credential-action-rotate"]' },
      { fill: '[data-testid="rotate-secret"]', value: "not-the-right-token" },
      { click: '[data-testid="rotate-submit"]' },
      { waitFor: '[data-testid="verification-outcome"]' },
    ],
  },
  wizardShot("wizard-pair", WIZARD_START),
  wizardShot("wizard-servers", [
    ...WIZARD_START,
    { click: '[data-testid="wizard-next"]' },
    { click: '[data-testid="left-server-mode-new"]' },
    { fill: '[data-testid="left-server-url"]', value: "  https://jira.example.co.jp/browse/ABC-123 " },
    { click: '[data-testid="left-server-detect"]' },
    { waitFor: '[data-testid="left-server-certificate"]' },
    { click: '[data-testid="right-server-mode-new"]' },
    { fill: '[data-testid="right-server-url"]', value: "ttnx.example.co.jp/TimeTrackerNX/#/home" },
    { fill: '[data-testid="right-server-alt-url"]', value: "http://10.20.30.41/TimeTrackerNX" },
    { click: '[data-testid="right-server-detect"]' },
    { waitFor: '[data-testid="right-server-add"]' },
  ]),
  wizardShot("wizard-credentials", [
    ...WIZARD_SERVERS,
    { click: '[data-testid="wizard-next"]' },
    { click: '[data-testid="credential-side-right"] input[value="new"]' },
    { click: '[data-testid="credential-side-right"] input[value="ttnx-api-key"]' },
    { waitFor: '[data-testid="credential-side-right"] [data-testid="token-form"]' },
  ]),
  wizardShot("wizard-test", WIZARD_TEST),
  // A small window: the two checklists stack instead of squeezing side by side.
  wizardShot("wizard-test-narrow", WIZARD_TEST, { width: 720 }),
  wizardShot("wizard-gate", [...WIZARD_TEST, { click: '[data-testid="wizard-next"]' }, { waitFor: '[data-testid="gate-continue"]' }], {
    dialog: true,
  }),
  wizardShot("wizard-name", WIZARD_NAME),
  wizardShot("wizard-done", [...WIZARD_NAME, { click: '[data-testid="create-connection"]' }, { waitFor: '[data-testid="wizard-done"]' }]),
  { name: "connections-tested", screen: "connections", scenario: "connected", ready: '[data-testid="connections-table"]' },
  {
    name: "connections-test",
    screen: "connections",
    scenario: "connected",
    ready: '[data-testid="connections-table"]',
    dialog: true,
    height: 1400,
    steps: [{ click: '[data-testid="connection-test"]' }, { waitFor: '[data-testid="test-summary"]' }],
  },
  { name: "activity", screen: "activity", scenario: "fresh", ready: '[data-testid="activity-audit-empty"]' },
  {
    name: "activity-audit",
    screen: "activity",
    scenario: "registry",
    ready: '[data-testid="audit-table"]',
    steps: [
      { click: '[data-audit-id="3"] [data-testid="audit-expand"]' },
      { click: '[data-audit-id="2"] [data-testid="audit-expand"]' },
      { waitFor: '[data-testid="audit-failures"]' },
      { click: '[data-testid="audit-export"]' },
      { waitFor: '[data-testid="audit-export-notice"]' },
    ],
  },
  {
    name: "activity-undo",
    screen: "activity",
    scenario: "registry",
    ready: '[data-testid="audit-table"]',
    dialog: true,
    height: 900,
    steps: [{ click: '[data-audit-id="3"] [data-testid="audit-undo"]' }, { waitFor: '[data-testid="undo-preview"]' }],
  },
  { name: "settings", screen: "settings", scenario: "fresh", ready: '[data-testid="about-data-dir"]' },
];
const ONLY = process.env.ONLY ? new Set(process.env.ONLY.split(",").map((name) => name.trim())) : null;
const RUNS = [
  { language: "ja", colorScheme: "light", suffix: "" },
  { language: "en", colorScheme: "light", suffix: "" },
  { language: "sv", colorScheme: "light", suffix: "" },
  // Dark mode is checked too, because colour contrast differs per scheme.
  { language: "en", colorScheme: "dark", suffix: "-dark" },
];
const LOCALES = { ja: "ja-JP", en: "en-US", sv: "sv-SE" };
const BLOCKING_IMPACTS = new Set(["serious", "critical"]);
const STEP_TIMEOUT_MS = 15_000;
// About 150 pages (the Members screen added 28) take 10 minutes or more on a 2-core machine.
const WHOLE_RUN_TIMEOUT_MS = 1_200_000;

async function main() {
  if (!existsSync(path.join(DIST_DIR, "index.html"))) {
    throw new Error(`No build found in ${DIST_DIR}; run "npm run build" first.`);
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH} (apt install chromium, or set CHROMIUM_PATH).`);
  }
  const fixtures = JSON.parse(await readFile(path.join(UI_DIR, "tests", "fixtures", "ipc-fixtures.json"), "utf8"));
  fixtures.sync = JSON.parse(await readFile(path.join(UI_DIR, "tests", "fixtures", "sync-fixtures.json"), "utf8"));
  await mkdir(OUT_DIR, { recursive: true });

  const server = await serveDirectory(DIST_DIR);
  let browser;
  const results = [];
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      timeout: STEP_TIMEOUT_MS * 2,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    for (const run of RUNS) {
      for (const shot of SHOTS.filter((candidate) => ONLY === null || ONLY.has(candidate.name))) {
        results.push(await capture(browser, server.url, fixtures, { ...run, ...shot }));
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await server.close();
  }
  return report(results);
}

async function capture(browser, baseUrl, fixtures, { language, colorScheme, suffix, ...shot }) {
  const name = `${shot.name}-${language}${suffix}`;
  const context = await browser.newContext({
    locale: LOCALES[language],
    colorScheme,
    viewport: { width: shot.width ?? 1280, height: shot.height ?? 800 },
    reducedMotion: "reduce",
  });
  const pageErrors = [];
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(message.text());
    });
    await page.addInitScript(installFakeTauri, { fixtures, language, scenario: shot.scenario });
    await page.addInitScript(installFakeMembers, { fixtures });
    await page.addInitScript(installFakeSync, { sync: fixtures.sync });

    await page.goto(`${baseUrl}#/${shot.screen === "home" ? "" : shot.screen}`, { waitUntil: "load" });
    await page.waitForSelector(shot.ready, { state: "visible" });
    await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
    for (const step of shot.steps ?? []) await takeStep(page, step);
    if (!shot.busy) await page.waitForSelector(".mantine-Loader-root", { state: "detached" });
    await page.evaluate(() => document.fonts.ready);

    // Steps may have scrolled the page; a full-page shot taken scrolled draws the fixed
    // header and navbar halfway down.
    if (!shot.dialog) await page.evaluate(() => window.scrollTo(0, 0));
    const file = path.join(OUT_DIR, `${name}.png`);
    // A dialog's overlay covers the window, not the whole scrolled page: shoot the window.
    await page.screenshot({ path: file, fullPage: !shot.dialog, animations: "disabled" });

    const axe = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
      .analyze();
    return { name, file, violations: axe.violations, pageErrors };
  } catch (error) {
    return { name, file: null, violations: [], pageErrors: [...pageErrors, String(error)] };
  } finally {
    await context.close().catch(() => undefined);
  }
}

/** One thing a user would do before the shot; each waits for its target to be visible. */
async function takeStep(page, step) {
  if (step.click) await page.click(step.click);
  else if (step.select) await page.selectOption(step.select, step.value);
  else if (step.fill) await page.fill(step.fill, step.value);
  else if (step.upload) {
    await page.setInputFiles(step.upload, { name: step.name, mimeType: "application/json", buffer: Buffer.from(step.text) });
  } else if (step.waitFor) await page.waitForSelector(step.waitFor, { state: "visible" });
  else throw new Error(`unknown step ${JSON.stringify(step)}`);
}

function report(results) {
  let failed = false;
  console.log(`\nScreenshots in ${OUT_DIR}\n`);
  for (const { name, file, violations, pageErrors } of results) {
    const blocking = violations.filter((violation) => BLOCKING_IMPACTS.has(violation.impact ?? ""));
    const minor = violations.length - blocking.length;
    const ok = blocking.length === 0 && pageErrors.length === 0 && file !== null;
    failed ||= !ok;
    console.log(
      `${ok ? "ok  " : "FAIL"} ${name.padEnd(26)} axe: ${blocking.length} serious/critical, ${minor} minor/moderate` +
        (pageErrors.length ? `, ${pageErrors.length} page error(s)` : ""),
    );
    for (const violation of violations) {
      const targets = violation.nodes.map((node) => node.target.join(" ")).slice(0, 3).join(" | ");
      console.log(`       [${violation.impact}] ${violation.id}: ${violation.help} → ${targets}`);
    }
    for (const message of pageErrors) console.log(`       page error: ${message}`);
  }
  console.log(`\n${results.length} pages, ${failed ? "FAILED" : "all passed"}.`);
  return failed ? 1 : 0;
}

// A hung browser must not hang CI: give up after a fixed time.
const watchdog = setTimeout(() => {
  console.error(`screenshots: gave up after ${WHOLE_RUN_TIMEOUT_MS / 1000} s`);
  process.exit(1);
}, WHOLE_RUN_TIMEOUT_MS);
watchdog.unref();

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error) => {
    console.error(`screenshots: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  })
  .finally(() => clearTimeout(watchdog));
