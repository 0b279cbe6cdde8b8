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
