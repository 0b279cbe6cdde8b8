// End-to-end tests of the real app: WebdriverIO → tauri-driver →
// WebKitWebDriver → the Kakehashi binary, in its own temporary data folder.
// Run through `make e2e` (inside xvfb-run and dbus-run-session with an
// unlocked gnome-keyring), never against the user's own data.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const targetDir =
  process.env.CARGO_TARGET_DIR ?? path.join(os.homedir(), ".cache/kakehashi/target");
const application =
  process.env.KAKEHASHI_APP ?? path.join(targetDir, "debug", "kakehashi-desktop");
// `cargo install` puts tauri-driver in $CARGO_HOME/bin; otherwise use PATH.
const cargoHomeDriver = path.join(
  process.env.CARGO_HOME ?? path.join(os.homedir(), ".cargo"),
  "bin",
  "tauri-driver",
);
const tauriDriver =
  process.env.TAURI_DRIVER ?? (existsSync(cargoHomeDriver) ? cargoHomeDriver : "tauri-driver");

// WebdriverIO evaluates this file in the launcher and again in every worker.
// The launcher chooses the data folder and ports; the workers inherit them
// through the environment, so both sides agree.
const dataDir =
  process.env.KAKEHASHI_E2E_DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), "kakehashi-e2e-"));
process.env.KAKEHASHI_E2E_DATA_DIR = dataDir;
// The app's home folder: start-at-sign-in writes the OS login item under
// $HOME (~/.config/autostart on Linux), never into the real user's.
const appHome = path.join(dataDir, "home");
process.env.KAKEHASHI_E2E_HOME = appHome;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const port = Number(process.env.KAKEHASHI_E2E_PORT ?? (await freePort()));
const nativePort = Number(process.env.KAKEHASHI_E2E_NATIVE_PORT ?? (await freePort()));
process.env.KAKEHASHI_E2E_PORT = String(port);
process.env.KAKEHASHI_E2E_NATIVE_PORT = String(nativePort);
let driver;

export const config = {
  runner: "local",
  hostname: "127.0.0.1",
  port,
  specs: ["./specs/**/*.mjs"],
  maxInstances: 1,
  capabilities: [
    {
      maxInstances: 1,
      "wdio:enforceWebDriverClassic": true,
      "tauri:options": {
        application,
        args: ["--data-dir", dataDir],
      },
    },
  ],
  logLevel: "warn",
  bail: 0,
  waitforTimeout: 15000,
  connectionRetryTimeout: 60000,
  connectionRetryCount: 1,
  framework: "mocha",
  reporters: ["spec"],
  mochaOpts: { ui: "bdd", timeout: 90000 },

  onPrepare() {
    mkdirSync(appHome, { recursive: true });
    driver = spawn(tauriDriver, ["--port", String(port), "--native-port", String(nativePort)], {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, KAKEHASHI_DATA_DIR: dataDir, HOME: appHome },
    });
    driver.on("error", (err) => {
      console.error(`tauri-driver could not start (${tauriDriver}): ${err.message}`);
      process.exit(1);
    });
    return waitForPort(port, 20000);
  },

  onComplete() {
    if (driver && driver.exitCode === null) driver.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  },
};

// tauri-driver takes a moment to listen; poll, but never forever.
function waitForPort(p, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(p, "127.0.0.1");
      socket.once("connect", () => {
        socket.end();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`tauri-driver did not listen on ${p}`));
        else setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}
