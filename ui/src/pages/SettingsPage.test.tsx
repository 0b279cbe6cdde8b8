import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fixtures } from "../test/fakeBackend";
import { renderApp } from "../test/renderApp";

describe("Settings → Language", () => {
  it("saves the choice and re-renders in Japanese", async () => {
    const { user, backend } = renderApp({ route: "settings" });
    expect(await screen.findByTestId("page-title")).toHaveTextContent("Settings");
    expect(await screen.findByTestId("language-system")).toBeChecked();

    await user.click(screen.getByTestId("language-ja"));

    expect(backend.callsTo("set_preferences")).toEqual([
      { cmd: "set_preferences", args: { update: { language: "ja", closeToTray: fixtures.preferences.closeToTray, notifyManualSync: false } } },
    ]);
    await waitFor(() => expect(screen.getByTestId("page-title")).toHaveTextContent("設定"));
    expect(screen.getByTestId("nav-home")).toHaveTextContent("ホーム");
    expect(document.documentElement.lang).toBe("ja");
    expect(screen.getByTestId("language-ja")).toBeChecked();
  });

  it("goes back to the system language with System default", async () => {
    const { user, backend } = renderApp({
      route: "settings",
      ipc: { get_preferences: () => ({ language: "sv", effectiveLanguage: "sv", closeToTray: false, notifyManualSync: false }) },
    });
    await waitFor(() => expect(screen.getByTestId("page-title")).toHaveTextContent("Inställningar"));
    await user.click(screen.getByTestId("language-system"));
    expect(backend.callsTo("set_preferences")[0]?.args).toEqual({ update: { language: null, closeToTray: false, notifyManualSync: false } });
    await waitFor(() => expect(screen.getByTestId("page-title")).toHaveTextContent("Settings"));
  });

  it("starts in the language the back end resolved, not the browser's", async () => {
    renderApp({
      route: "home",
      language: "en",
      ipc: { get_preferences: () => ({ language: null, effectiveLanguage: "sv", closeToTray: true, notifyManualSync: false }) },
    });
    await waitFor(() => expect(screen.getByTestId("page-title")).toHaveTextContent("Start"));
    expect(document.documentElement.lang).toBe("sv");
  });
});

describe("Settings → Window", () => {
  it("turns off hiding to the tray", async () => {
    const { user, backend } = renderApp({ route: "settings" });
    const toggle = await screen.findByTestId("close-to-tray");
    expect(toggle).toBeChecked();
    await user.click(toggle);
    expect(backend.callsTo("set_preferences")[0]?.args).toEqual({ update: { language: null, closeToTray: false, notifyManualSync: false } });
    await waitFor(() => expect(toggle).not.toBeChecked());
  });
});

describe("Settings → About", () => {
  it("shows the doctor report", async () => {
    renderApp({ route: "settings" });
    expect(await screen.findByTestId("about-data-dir")).toHaveTextContent(fixtures.doctor.dataDir);
    expect(screen.getByTestId("about-log-dir")).toHaveTextContent(fixtures.doctor.logDir);
    expect(screen.getByTestId("about-schema-version")).toHaveTextContent("1");
    expect(screen.getByTestId("about-keychain")).toHaveTextContent("Reachable (Secret Service (GNOME Keyring / KWallet))");
    expect(screen.getByText("2.50.6")).toBeInTheDocument();
    expect(screen.getByText("linux · x86_64")).toBeInTheDocument();
    expect(screen.getByText(fixtures.doctor.sqliteVersion)).toBeInTheDocument();
  });

  it("explains an unreachable keychain", async () => {
    renderApp({
      route: "settings",
      ipc: {
        doctor: () => ({
          ...fixtures.doctor,
          keychain: { reachable: false, backend: "Secret Service", reason: "The collection is locked" },
        }),
      },
    });
    const keychain = await screen.findByTestId("about-keychain");
    expect(keychain).toHaveTextContent("Not reachable (Secret Service)");
    expect(keychain).toHaveTextContent("Reason: The collection is locked");
  });

  it("copies diagnostics and confirms it", async () => {
    const { user, backend } = renderApp({ route: "settings" });
    await user.click(await screen.findByTestId("copy-diagnostics"));
    expect(backend.callsTo("copy_diagnostics")).toHaveLength(1);
    expect(await screen.findByText("Diagnostics copied")).toBeInTheDocument();
  });

  it("opens the data and log folders", async () => {
    const { user, backend } = renderApp({ route: "settings" });
    await user.click(await screen.findByRole("button", { name: "Open data folder" }));
    await user.click(screen.getByRole("button", { name: "Open log folder" }));
    expect(backend.callsTo("open_folder").map((call) => call.args)).toEqual([{ folder: "data" }, { folder: "logs" }]);
  });

  it("reports a failed copy in words", async () => {
    const { user } = renderApp({
      route: "settings",
      ipc: {
        copy_diagnostics: () => {
          throw { code: "Internal", message: "clipboard unavailable" };
        },
      },
    });
    await user.click(await screen.findByTestId("copy-diagnostics"));
    expect(await screen.findByText(/Something went wrong inside Kakehashi/)).toBeInTheDocument();
  });
});

describe("Settings → Notifications", () => {
  it("asks for a notice when a manual sync finishes, keeping the other preferences", async () => {
    const { user, backend } = renderApp({ route: "settings" });
    const toggle = await screen.findByTestId("notify-manual-sync");
    expect(toggle).not.toBeChecked();
    await user.click(toggle);
    expect(backend.callsTo("set_preferences")[0]?.args).toEqual({ update: { language: null, closeToTray: true, notifyManualSync: true } });
    await waitFor(() => expect(toggle).toBeChecked());
  });
});

describe("Start at sign-in", () => {
  it("is turned on in Settings and shown as on in Getting started", async () => {
    const { user, backend } = renderApp({ route: "settings" });
    const toggle = await screen.findByTestId("autostart");
    await waitFor(() => expect(toggle).toBeEnabled());
    expect(toggle).not.toBeChecked();
    await user.click(toggle);
    expect(backend.callsTo("set_autostart")).toEqual([{ cmd: "set_autostart", args: { enabled: true } }]);
    await waitFor(() => expect(toggle).toBeChecked());
  });

  it("is offered in Getting started and says a failure", async () => {
    const { user } = renderApp({
      ipc: {
        set_autostart: () => {
          throw { code: "Internal", message: "The login item could not be changed: denied." };
        },
      },
    });
    const step = await screen.findByTestId("checklist-autostart");
    expect(step).toHaveTextContent("Start with your computer");
    const toggle = await screen.findByTestId("autostart");
    await waitFor(() => expect(toggle).toBeEnabled());
    await user.click(toggle);
    expect(await screen.findByText(/The login item could not be changed: denied\./)).toBeInTheDocument();
    await waitFor(() => expect(toggle).not.toBeChecked());
  });
});
