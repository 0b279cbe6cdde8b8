// Credentials in the real app, and the promise that no secret ever leaves
// the keychain: the demo workspace's servers get more credentials through
// the Credentials screen (checked against the simulators at once), one
// replaces the TimeTracker NX service credential, one is rotated to a wrong
// secret and back, and the workspace is exported. Afterwards the data
// folder (database, logs), the exported file and every answer the webview
// received over IPC are searched for each secret, and none is found.
//
// Runs after demo.e2e.mjs (specs run in name order), which leaves no demo.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { byTestId, press, textOf } from "../support/ui.mjs";

const dataDir = process.env.KAKEHASHI_E2E_DATA_DIR;
const shotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../target/screenshots");

// The simulators' secrets for the service account (crates/sim/src/people.rs),
// and one wrong secret typed on purpose.
const SECRETS = {
  cloudToken: "sim-jira-cloud-kakehashi-sync",
  dcPassword: "sim-jira-dc-kakehashi-sync",
  dcPat: "sim-pat-kakehashi-sync",
  ttnxKey: "sim-ttnx-kakehashi-sync",
  asanaPat: "sim-asana-kakehashi-sync",
  wrong: "wrong-e2e-secret-7f3a9c",
};

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

function keychainAccounts() {
  let listing = "";
  try {
    listing = execFileSync("secret-tool", ["search", "--all", "service", "app.kakehashi.desktop"], {
      timeout: 10000,
      stdio: ["ignore", "pipe", "pipe"],
    }).toString();
  } catch (err) {
    listing = err.stdout?.toString() ?? "";
  }
  return [...new Set([...listing.matchAll(/credential-[0-9a-f]{32}/g)].map((m) => m[0]))];
}

/// Every payload Tauri delivers to the webview passes through a callback
/// registered in `__TAURI_INTERNALS__.callbacks` (a Map); wrapping its `set`
/// records each command's answer (and error) as the webview receives it.
async function recordIpc() {
  await browser.execute(() => {
    const callbacks = window.__TAURI_INTERNALS__.callbacks;
    if (window.__kakehashiIpc) return;
    window.__kakehashiIpc = [];
    const set = callbacks.set.bind(callbacks);
    callbacks.set = (id, callback) =>
      set(id, (data) => {
        try {
          window.__kakehashiIpc.push(JSON.stringify(data) ?? "");
        } catch {
          window.__kakehashiIpc.push(String(data));
        }
        return callback(data);
      });
  });
}

async function recordedIpc() {
  return browser.execute(() => window.__kakehashiIpc ?? []);
}

async function rowFor(label) {
  await browser.waitUntil(
    async () => {
      for (const row of await $$('[data-testid="credential-row"]')) {
        if ((await row.getText()).includes(label)) return true;
      }
      return false;
    },
    { timeout: 20000, timeoutMsg: `no credential row for ${label}` },
  );
  for (const row of await $$('[data-testid="credential-row"]')) {
    if ((await row.getText()).includes(label)) return row;
  }
  throw new Error(`no credential row for ${label}`);
}

async function addCredential({ server, kind, label, secret, login, service }) {
  await press(await byTestId("add-credential"));
  const serverSelect = await byTestId("credential-server");
  await serverSelect.selectByAttribute("value", String(server));
  // Mantine draws its own radio over the input; click the input itself.
  await (await $(`input[type="radio"][value="${kind}"]`)).waitForExist({ timeout: 10000 });
  await browser.execute((value) => document.querySelector(`input[type="radio"][value="${value}"]`).click(), kind);
  await (await byTestId("credential-label")).setValue(label);
  if (login) await (await byTestId("credential-login")).setValue(login);
  await (await byTestId("credential-secret")).setValue(secret);
  if (service) await browser.execute(() => document.querySelector('[data-testid="is-service"]').click());
  await press(await byTestId("credential-save"));
  await byTestId("saved-result", 30000);
  const outcome = await textOf(await byTestId("verification-outcome"));
  const replaced = (await $('[data-testid="replaced-notice"]').isExisting())
    ? await textOf(await byTestId("replaced-notice"))
    : "";
  await browser.saveScreenshot(path.join(shotDir, `app-credential-saved-${kind}.png`));
  await press(await byTestId("saved-done"));
  return { outcome, replaced };
}

async function openRowAction(label, action) {
  const row = await rowFor(label);
  await press(await row.$('[data-testid="credential-menu"]'));
  await press(await byTestId(`credential-action-${action}`));
}

/// Rotates to `secret` and returns what the immediate check said. A refused
/// secret leaves the dialog open for another try; `close` then cancels it.
async function rotate(label, secret, { open = true } = {}) {
  if (open) await openRowAction(label, "rotate");
  const field = await byTestId("rotate-secret");
  await field.clearValue();
  await field.setValue(secret);
  await press(await byTestId("rotate-submit"));
  await browser.waitUntil(async () => (await $('[data-testid="verification-outcome"]')).isExisting(), {
    timeout: 30000,
    timeoutMsg: "the rotate dialog shows no verification outcome",
  });
  return (await textOf(await byTestId("verification-outcome"))).trim();
}

describe("Credentials and the keychain", () => {
  let exportedFile;

  before(async () => {
    await (await byTestId("nav-home")).click();
    await (await byTestId("demo-start")).click();
    await byTestId("demo-banner", 60000);
    await recordIpc();
    mkdirSync(shotDir, { recursive: true });
  });

  it("lists the demo's service credentials and verifies one against its server", async () => {
    await (await byTestId("nav-credentials")).click();
    await byTestId("credentials-table");
    await browser.waitUntil(async () => (await $$('[data-testid="credential-row"]')).length === 4, {
      timeout: 20000,
      timeoutMsg: "the four demo service credentials are not listed",
    });
    const row = (await $$('[data-testid="credential-row"]'))[0];
    await (await row.$('[data-testid="credential-verify"]')).click();
    await browser.waitUntil(async () => /verified|確認済み|verifierad/i.test(await row.getText()), {
      timeout: 30000,
      timeoutMsg: `the first demo credential was not verified: ${await row.getText()}`,
    });
  });

  it("adds a Jira Data Center personal access token, checked at once", async () => {
    const { outcome } = await addCredential({
      server: await serverId("jiraDataCenter"),
      kind: "jira-dc-pat",
      label: "e2e personal access token",
      secret: SECRETS.dcPat,
    });
    // The simulated Jira answers `myself` with the service account.
    expect(outcome).toMatch(/kakehashi-sync/);
    await rowFor("e2e personal access token");
  });

  it("replaces the TimeTracker NX service credential and says so", async () => {
    const { outcome, replaced } = await addCredential({
      server: await serverId("timeTrackerNx"),
      kind: "ttnx-api-key",
      label: "e2e service key",
      secret: SECRETS.ttnxKey,
      service: true,
    });
    expect(outcome).toMatch(/kakehashi-sync|sync/i);
    // The demo's own TimeTracker NX service credential was replaced, and the dialog said so.
    expect(replaced.length).toBeGreaterThan(0);
    await rowFor("e2e service key");
    await browser.waitUntil(async () => (await $$('[data-testid="credential-row"]')).length === 5, {
      timeout: 10000,
      timeoutMsg: "the replaced service credential is still listed",
    });
    mkdirSync(shotDir, { recursive: true });
    await browser.saveScreenshot(path.join(shotDir, "app-credentials.png"));
  });

  it("rotates to a wrong secret (refused, with the reason) and back", async () => {
    const failed = await rotate("e2e personal access token", SECRETS.wrong);
    expect(failed).toMatch(/401|not accept/i);
    // The dialog stays open for another try.
    const fixed = await rotate("e2e personal access token", SECRETS.dcPat, { open: false });
    expect(fixed).toMatch(/kakehashi-sync/);
    await press(await byTestId("rotate-done"));
  });

  it("exports the workspace to a file without a secret", async () => {
    await press(await byTestId("nav-connections"));
    await press(await byTestId("export-workspace"));
    exportedFile = (await textOf(await byTestId("export-path", 20000))).trim();
    expect(exportedFile).toMatch(/kakehashi-workspace-.*\.json$/);
    const content = readFileSync(exportedFile, "utf8");
    expect(JSON.parse(content).format).toBe("kakehashi-workspace");
  });

  it("never lets a secret reach a file, a log line or an IPC answer", async () => {
    const ipc = (await recordedIpc()).join("\n");
    expect(ipc.length).toBeGreaterThan(1000);
    expect(exportedFile).toBeDefined();
    const places = [
      ...filesUnder(dataDir).map((file) => ({ where: file, text: readFileSync(file).toString("latin1") })),
      { where: exportedFile, text: readFileSync(exportedFile, "utf8") },
      { where: "IPC answers", text: ipc },
    ];
    for (const { where, text } of places) {
      for (const [name, secret] of Object.entries(SECRETS)) {
        expect({ where, name, leaked: text.includes(secret) }).toEqual({ where, name, leaked: false });
      }
    }
    expect(keychainAccounts().length).toBeGreaterThanOrEqual(5);
    rmSync(exportedFile, { force: true });
  });

  after(async () => {
    await press(await byTestId("nav-credentials"));
    await openRowAction("e2e personal access token", "remove");
    await press(await byTestId("remove-confirm"));
    await press(await byTestId("nav-home"));
    await press(await byTestId("demo-remove"));
    await press(await byTestId("demo-remove-confirm"));
    await byTestId("demo-offer", 30000);
    await browser.waitUntil(() => keychainAccounts().length === 0, {
      timeout: 15000,
      timeoutMsg: `secrets are still in the keychain: ${keychainAccounts()}`,
    });
  });
});

/// The id of the demo server of a kind (the server picker's option value).
async function serverId(kind) {
  const servers = await browser.execute(async () => {
    const answer = await window.__TAURI_INTERNALS__.invoke("list_servers");
    return answer.map((server) => ({ kind: server.kind, id: server.id }));
  });
  const found = servers.find((server) => server.kind === kind);
  if (!found) throw new Error(`no ${kind} server among ${JSON.stringify(servers)}`);
  return found.id;
}
