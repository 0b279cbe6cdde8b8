// The demo workspace in the real app: Home offers it, one click starts the
// simulators inside the app and registers them with service credentials in
// the real keychain (gnome-keyring here), Connections lists them, the
// simulated Jira answers on the address shown, and one click removes it all.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { byTestId } from "../support/ui.mjs";

const dataDir = process.env.KAKEHASHI_E2E_DATA_DIR;
const shotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../target/screenshots");

/// Keychain accounts Kakehashi stored for credentials, read the way any
/// other program would (libsecret's secret-tool).
function keychainAccounts() {
  let listing = "";
  try {
    listing = execFileSync("secret-tool", ["search", "--all", "service", "app.kakehashi.desktop"], {
      timeout: 10000,
      stdio: ["ignore", "pipe", "pipe"],
    }).toString();
  } catch (err) {
    // secret-tool exits 1 when nothing matches.
    listing = err.stdout?.toString() ?? "";
  }
  return [...listing.matchAll(/credential-[0-9a-f]{32}/g)].map((m) => m[0]);
}

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe("Demo workspace", () => {
  it("is offered on a fresh start and registers four servers with keychain secrets", async () => {
    await (await byTestId("nav-home")).click();
    await expect(await byTestId("demo-offer")).toBeDisplayed();
    await (await byTestId("demo-start")).click();
    await expect(await byTestId("demo-banner", 60000)).toBeDisplayed();
    await browser.waitUntil(() => new Set(keychainAccounts()).size === 4, {
      timeout: 15000,
      timeoutMsg: `the keychain does not hold four demo secrets: ${keychainAccounts()}`,
    });
  });

  it("lists the demo connections and servers, and the simulated Jira answers", async () => {
    await (await byTestId("nav-connections")).click();
    await byTestId("connections-table");
    await browser.waitUntil(async () => (await $$('[data-testid="connection-row"]')).length === 3, {
      timeout: 15000,
      timeoutMsg: "Connections does not list the three demo connections",
    });
    const servers = await $$('[data-testid="server-row"]');
    expect(servers.length).toBe(4);
    const text = await (await byTestId("servers-table")).getText();
    const urls = [...text.matchAll(/http:\/\/127\.0\.0\.1:\d+(\/TimeTrackerNX)?/g)].map((m) => m[0]);
    expect(urls.length).toBe(4);
    // The first server is the simulated Jira Cloud, inside the app process.
    const info = await (await fetch(`${urls[0]}/rest/api/2/serverInfo`)).json();
    expect(info.deploymentType).toBe("Cloud");
    mkdirSync(shotDir, { recursive: true });
    await browser.saveScreenshot(path.join(shotDir, "app-connections-demo.png"));
  });

  it("never writes a demo secret to the data folder", async () => {
    // The simulators' secrets follow a known pattern (sim-<kind>-<login>).
    for (const file of filesUnder(dataDir)) {
      const content = readFileSync(file).toString("latin1");
      expect({ file, leaked: /sim-(jira-cloud|jira-dc|ttnx|asana)-kakehashi-sync/.test(content) }).toEqual({
        file,
        leaked: false,
      });
    }
  });

  it("removes the demo workspace and its keychain entries after confirmation", async () => {
    await (await byTestId("nav-home")).click();
    await (await byTestId("demo-remove")).click();
    await (await byTestId("demo-remove-confirm")).click();
    await expect(await byTestId("demo-offer", 30000)).toBeDisplayed();
    await browser.waitUntil(() => keychainAccounts().length === 0, {
      timeout: 15000,
      timeoutMsg: `demo secrets are still in the keychain: ${keychainAccounts()}`,
    });
  });
});
