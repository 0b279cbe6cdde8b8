// The real app, as a user meets it: switch the language to Japanese, see a
// translated label, and read the doctor data in Settings → About, which
// arrives through the typed `doctor` command.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const dataDir = process.env.KAKEHASHI_E2E_DATA_DIR;
// The app's $HOME (see wdio.conf.mjs): the login item is written under it.
const appHome = process.env.KAKEHASHI_E2E_HOME;
// Screenshots of the real window, next to the Chromium ones (not committed).
const shotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../target/screenshots");

async function byTestId(id) {
  const el = await $(`[data-testid="${id}"]`);
  await el.waitForExist({ timeout: 20000 });
  return el;
}

describe("Kakehashi shell", () => {
  it("opens on Home with the navigation, and the tray is created", async () => {
    const home = await byTestId("nav-home");
    await expect(home).toBeDisplayed();
    await expect(await byTestId("page-title")).toBeDisplayed();
    // The app's own log (in the data folder given with --data-dir) records the
    // tray; the log writer is asynchronous, so wait for the line (bounded).
    const logDir = path.join(dataDir, "logs");
    const readLog = () =>
      readdirSync(logDir)
        .filter((name) => name.endsWith(".log"))
        .map((name) => readFileSync(path.join(logDir, name), "utf8"))
        .join("");
    await browser.waitUntil(() => readLog().includes("tray created"), {
      timeout: 10000,
      timeoutMsg: "the app log does not record the tray",
    });
    expect(readLog()).toContain("tray created");
  });

  it("switches the whole UI to Japanese from Settings", async () => {
    await (await byTestId("nav-settings")).click();
    await (await byTestId("language-ja")).click();
    const settings = await byTestId("nav-settings");
    await browser.waitUntil(async () => (await settings.getText()).includes("設定"), {
      timeout: 10000,
      timeoutMsg: "the Settings link was not translated to Japanese",
    });
    const lang = await browser.execute(() => document.documentElement.lang);
    expect(lang).toBe("ja");
    // The choice is saved in the data folder's preferences, not in the webview.
    await browser.waitUntil(
      () => {
        try {
          return JSON.parse(readFileSync(path.join(dataDir, "preferences.json"), "utf8")).language === "ja";
        } catch {
          return false;
        }
      },
      { timeout: 10000, timeoutMsg: "preferences.json does not record Japanese" },
    );
  });

  it("shows doctor data in About through the typed command", async () => {
    const dir = await byTestId("about-data-dir");
    await browser.waitUntil(async () => (await dir.getText()).includes(dataDir), {
      timeout: 20000,
      timeoutMsg: `About did not show the data folder ${dataDir}`,
    });
    const schema = await byTestId("about-schema-version");
    await browser.waitUntil(async () => /^\s*\d+\s*$/.test(await schema.getText()), {
      timeout: 10000,
      timeoutMsg: "About did not show the schema version",
    });
    expect(Number((await schema.getText()).trim())).toBeGreaterThanOrEqual(1);
    const logDir = await byTestId("about-log-dir");
    expect(await logDir.getText()).toContain(path.join(dataDir, "logs"));
    // make test runs the app with an unlocked gnome-keyring: the probe's real
    // Secret Service round trip must succeed, shown in Japanese.
    const keychain = await byTestId("about-keychain");
    await browser.waitUntil(async () => (await keychain.getText()).startsWith("利用可能"), {
      timeout: 15000,
      timeoutMsg: "About does not report the keychain as reachable",
    });
    mkdirSync(shotDir, { recursive: true });
    await browser.saveScreenshot(path.join(shotDir, "app-settings-ja.png"));
  });
});

describe("Start at sign-in", () => {
  // The XDG autostart entries the OS reads at sign-in.
  const autostartDir = path.join(appHome, ".config", "autostart");
  const loginItems = () =>
    existsSync(autostartDir)
      ? readdirSync(autostartDir)
          .filter((name) => name.endsWith(".desktop"))
          .map((name) => readFileSync(path.join(autostartDir, name), "utf8"))
      : [];
  // Mantine's switch input is visually hidden: click what a user sees, its
  // label (the track and the text), with a real pointer click.
  const toggle = async () => {
    const input = await byTestId("autostart");
    const label = await browser.execute((el) => el.closest("label"), input);
    await $(label).click();
  };

  it("writes the OS login item, started hidden in the tray, and removes it again", async () => {
    await (await byTestId("nav-settings")).click();
    const input = await byTestId("autostart");
    expect(await input.isSelected()).toBe(false);
    expect(loginItems()).toEqual([]);

    await toggle();
    await browser.waitUntil(() => loginItems().length === 1, {
      timeout: 10000,
      timeoutMsg: `no login item appeared in ${autostartDir}`,
    });
    const [entry] = loginItems();
    // It starts this very binary, straight to the tray.
    expect(entry).toMatch(/^Exec=.*kakehashi-desktop.* --hidden/m);
    await browser.waitUntil(async () => input.isSelected(), {
      timeout: 10000,
      timeoutMsg: "the switch does not show start at sign-in as on",
    });

    // Read back from the OS, not from the window's memory: after a reload.
    await browser.refresh();
    await (await byTestId("nav-settings")).click();
    await browser.waitUntil(async () => (await byTestId("autostart")).isSelected(), {
      timeout: 15000,
      timeoutMsg: "after a reload the switch does not read the login item",
    });

    await toggle();
    await browser.waitUntil(() => loginItems().length === 0, {
      timeout: 10000,
      timeoutMsg: "turning it off left the login item in place",
    });
  });
});

describe("Copy diagnostics", () => {
  it("puts the doctor report on the real clipboard", async () => {
    await (await byTestId("copy-diagnostics")).click();
    // The app owns the X11 clipboard; read it back the way another program would.
    let copied = "";
    await browser.waitUntil(
      () => {
        try {
          copied = execFileSync("xclip", ["-selection", "clipboard", "-o"], { timeout: 5000, stdio: ["ignore", "pipe", "ignore"] }).toString();
        } catch {
          copied = "";
        }
        return copied.includes("Schema version");
      },
      { timeout: 15000, timeoutMsg: `the clipboard holds no diagnostics: ${JSON.stringify(copied)}` },
    );
    expect(copied).toContain(dataDir);
    expect(copied).toMatch(/Keychain\s+reachable/);
    expect(copied).not.toMatch(/password|token=|Authorization/i);
  });
});
