import { screen, waitFor, within } from "@testing-library/react";
import { emit } from "@tauri-apps/api/event";
import { describe, expect, it } from "vitest";
import { fixtures } from "../../test/fakeBackend";
import { renderApp } from "../../test/renderApp";

const realServers = { ...fixtures.status, serverCount: 2, connectionCount: 1 };

describe("Home: the demo workspace offer", () => {
  it("is offered on a fresh installation, with what it does in plain words", async () => {
    renderApp();
    const offer = await screen.findByTestId("demo-offer");
    expect(within(offer).getByRole("heading", { level: 2, name: "Try the demo workspace" })).toBeInTheDocument();
    expect(offer).toHaveTextContent("inside the app, on this computer. Nothing leaves the machine.");
    expect(offer).toHaveTextContent("stored in the system keychain, just like real ones");
    expect(offer).toHaveTextContent("Creates three example connections");
    expect(within(offer).getByRole("button", { name: "Start the demo workspace" })).toBeEnabled();
    expect(screen.queryByTestId("demo-banner")).not.toBeInTheDocument();
  });

  it("is not offered once real servers exist", async () => {
    renderApp({ ipc: { get_status: () => realServers } });
    await screen.findByTestId("scheduler-state");
    expect(screen.queryByTestId("demo-offer")).not.toBeInTheDocument();
    expect(screen.queryByTestId("demo-banner")).not.toBeInTheDocument();
  });

  it("starts the demo workspace, then shows the banner instead and moves focus to it", async () => {
    const { user, backend } = renderApp();
    await user.click(await screen.findByTestId("demo-start"));

    expect(backend.callsTo("start_demo_workspace")).toHaveLength(1);
    const banner = await screen.findByTestId("demo-banner");
    expect(within(banner).getByRole("heading", { level: 2, name: "Demo workspace" })).toBeInTheDocument();
    expect(within(banner).getByTestId("demo-summary")).toHaveTextContent(
      "4 simulated servers, 3 connections. Data here is not real.",
    );
    expect(within(banner).getByRole("link", { name: "Show the demo connections" })).toHaveAttribute("href", "#/connections");
    expect(screen.queryByTestId("demo-offer")).not.toBeInTheDocument();
    await waitFor(() => expect(banner).toHaveFocus());
    expect(await screen.findByText("The demo workspace is ready.")).toBeInTheDocument();
  });

  it("says it is starting while the simulators come up, and ignores a second click", async () => {
    let finish: (status: unknown) => void = () => undefined;
    const { user, backend } = renderApp({
      ipc: { start_demo_workspace: () => new Promise((resolve) => (finish = resolve)) },
    });
    const start = await screen.findByTestId("demo-start");
    await user.click(start);

    expect(await screen.findByText("Starting the simulated servers…")).toBeInTheDocument();
    expect(start).toHaveAttribute("aria-disabled", "true");
    // Still focusable, so keyboard focus does not fall back to the top of the page.
    expect(start).toHaveFocus();
    await user.click(start);
    expect(backend.callsTo("start_demo_workspace")).toHaveLength(1);

    finish(fixtures.demo.status);
    expect(await screen.findByTestId("demo-banner")).toBeInTheDocument();
  });

  it("shows why the demo workspace could not be started, with the back end's advice", async () => {
    const advice = "No Secret Service is running. Install and unlock GNOME Keyring or KWallet, then try again.";
    const { user } = renderApp({
      ipc: {
        start_demo_workspace: () => {
          throw { code: "KeychainUnavailable", message: advice };
        },
      },
    });
    await user.click(await screen.findByTestId("demo-start"));

    const alert = await within(screen.getByTestId("demo-offer")).findByRole("alert");
    expect(alert).toHaveTextContent("The demo workspace could not be started");
    expect(alert).toHaveTextContent("The system keychain cannot be reached");
    expect(within(alert).getByTestId("error-detail")).toHaveTextContent(`Details: ${advice}`);
    // The offer stays, so it can be tried again once the keychain is back.
    expect(screen.getByTestId("demo-start")).not.toHaveAttribute("aria-disabled");
    expect(screen.queryByTestId("demo-banner")).not.toBeInTheDocument();
  });
});

describe("Home: the demo workspace banner", () => {
  it("is shown while the demo workspace exists, and the offer is not", async () => {
    renderApp({ demo: true });
    const banner = await screen.findByTestId("demo-banner");
    expect(banner).toHaveTextContent("4 simulated servers, 3 connections. Data here is not real.");
    expect(screen.queryByTestId("demo-offer")).not.toBeInTheDocument();
  });

  it("says 1 server and 1 connection in the singular", async () => {
    renderApp({ ipc: { get_status: () => ({ ...fixtures.demo.status, demo: { servers: 1, connections: 1 } }) } });
    expect(await screen.findByTestId("demo-summary")).toHaveTextContent("1 simulated server, 1 connection.");
  });

  it("asks first, and removes the demo workspace only once confirmed", async () => {
    const { user, backend } = renderApp({ demo: true });
    await user.click(await screen.findByTestId("demo-remove"));

    const dialog = await screen.findByRole("dialog", { name: "Remove the demo workspace?" });
    expect(dialog).toHaveTextContent("removes the demo servers, their service credentials together with their keychain entries");
    expect(dialog).toHaveTextContent("Your real servers, credentials and connections stay untouched.");
    expect(backend.callsTo("remove_demo_workspace")).toHaveLength(0);

    await user.click(within(dialog).getByTestId("demo-remove-confirm"));
    expect(backend.callsTo("remove_demo_workspace")).toHaveLength(1);
    await waitFor(() => expect(screen.queryByTestId("demo-banner")).not.toBeInTheDocument());
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    // Nothing real is left, so the offer is back, and focus lands on it.
    const heading = within(await screen.findByTestId("demo-offer")).getByRole("heading", { level: 2 });
    await waitFor(() => expect(heading).toHaveFocus());
  });

  it("keeps everything when the confirmation is cancelled", async () => {
    const { user, backend } = renderApp({ demo: true });
    await user.click(await screen.findByTestId("demo-remove"));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(backend.callsTo("remove_demo_workspace")).toHaveLength(0);
    expect(screen.getByTestId("demo-banner")).toBeInTheDocument();
  });

  it("works with the keyboard alone: focus starts on Cancel, stays in the dialog, Escape closes it", async () => {
    const { user, backend } = renderApp({ demo: true });
    const remove = await screen.findByTestId("demo-remove");
    remove.focus();
    await user.keyboard("{Enter}");

    const dialog = await screen.findByRole("dialog");
    const cancel = within(dialog).getByRole("button", { name: "Cancel" });
    await waitFor(() => expect(cancel).toHaveFocus());
    await user.tab();
    expect(within(dialog).getByRole("button", { name: "Remove demo workspace" })).toHaveFocus();
    for (let i = 0; i < 4; i += 1) {
      await user.tab();
      expect(dialog).toContainElement(document.activeElement as HTMLElement);
    }

    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    await waitFor(() => expect(remove).toHaveFocus());
    expect(backend.callsTo("remove_demo_workspace")).toHaveLength(0);
  });

  it("keeps the dialog open and explains a failed removal", async () => {
    const { user } = renderApp({
      demo: true,
      ipc: {
        remove_demo_workspace: () => {
          throw { code: "KeychainUnavailable", message: "The keychain is locked." };
        },
      },
    });
    await user.click(await screen.findByTestId("demo-remove"));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByTestId("demo-remove-confirm"));

    const alert = await within(dialog).findByRole("alert");
    expect(alert).toHaveTextContent("The demo workspace could not be removed");
    expect(alert).toHaveTextContent("The system keychain cannot be reached");
    expect(screen.getByTestId("demo-banner")).toBeInTheDocument();
  });

  it("lands on the screen title after removal when real servers remain", async () => {
    const { user } = renderApp({
      demo: true,
      ipc: { remove_demo_workspace: () => realServers },
    });
    await user.click(await screen.findByTestId("demo-remove"));
    await user.click(within(await screen.findByRole("dialog")).getByTestId("demo-remove-confirm"));

    await waitFor(() => expect(screen.queryByTestId("demo-banner")).not.toBeInTheDocument());
    expect(screen.queryByTestId("demo-offer")).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId("page-title")).toHaveFocus());
  });
});

describe("the demo workspace and the Connections screen", () => {
  it("shows the demo connections after starting, although the empty list was cached", async () => {
    const { user } = renderApp();
    await user.click(await screen.findByRole("link", { name: "Open Connections" }));
    expect(await screen.findByTestId("connections-empty")).toBeInTheDocument();

    await user.click(screen.getByRole("link", { name: "Try the demo workspace on Home" }));
    await user.click(await screen.findByTestId("demo-start"));
    await user.click(within(await screen.findByTestId("demo-banner")).getByRole("link", { name: "Show the demo connections" }));

    expect(await screen.findAllByTestId("connection-row")).toHaveLength(3);
  });

  it("refreshes the lists when the back end reports a change (status-changed)", async () => {
    const { backend } = renderApp({ route: "connections" });
    expect(await screen.findByTestId("connections-empty")).toBeInTheDocument();

    // As if the demo workspace were started elsewhere; the back end then emits the event.
    backend.handle("start_demo_workspace", undefined);
    await waitFor(async () => {
      await emit("status-changed", fixtures.demo.status);
      expect(screen.getAllByTestId("connection-row")).toHaveLength(3);
    });
  });
});
