// What every end-to-end spec does to the real window: find by test id,
// click like a user, read text the way the DOM has it. Kept out of specs/
// so WebdriverIO does not run it as a spec.

/// The element with this test id, once it exists.
export async function byTestId(id, timeout = 20000) {
  const el = await $(`[data-testid="${id}"]`);
  await el.waitForExist({ timeout });
  return el;
}

/// Clicks like a user, waiting out a closing dialog's overlay or a
/// notification that briefly covers the target.
export async function press(element) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await element.waitForClickable({ timeout: 10000 });
      await element.click();
      return;
    } catch (err) {
      if (attempt >= 20 || !/intercepted|not interactable|not clickable/i.test(String(err))) throw err;
      await browser.pause(250);
    }
  }
}

/// The text of an element as the DOM has it. WebKitWebDriver's getText()
/// answers "" for text inside some Mantine parts (alerts in an open modal).
export async function textOf(element) {
  return browser.execute((el) => el.textContent ?? "", element);
}

/// The demo workspace's server of this kind, as the app lists it.
export async function demoServer(kind) {
  const servers = await browser.execute(async () => window.__TAURI_INTERNALS__.invoke("list_servers"));
  const found = servers.find((server) => server.kind === kind && server.isDemo);
  if (!found) throw new Error(`no demo ${kind} server among ${JSON.stringify(servers)}`);
  return found;
}

/// Switches the UI to English and starts the demo workspace (a spec's `before`).
export async function startDemoInEnglish() {
  await press(await byTestId("nav-settings"));
  await press(await byTestId("language-en"));
  await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.lang)) === "en", {
    timeout: 10000,
    timeoutMsg: "the UI did not switch to English",
  });
  await press(await byTestId("nav-home"));
  await press(await byTestId("demo-start"));
  await byTestId("demo-banner", 60000);
}

/// Removes the demo workspace and waits until it is gone, so the next spec
/// (which starts the app on the same data) begins without it.
export async function removeDemo() {
  await press(await byTestId("nav-home"));
  await press(await byTestId("demo-remove"));
  await press(await byTestId("demo-remove-confirm"));
  await byTestId("demo-offer", 30000);
}
