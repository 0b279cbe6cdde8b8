import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ConnectionOverview } from "../bindings";
import type { Server } from "../bindings";
import { fixtures } from "../test/fakeBackend";
import { renderApp } from "../test/renderApp";

const jiraProd: Server = {
  id: 11,
  kind: "jiraDataCenter",
  name: "Jira (production)",
  baseUrl: "https://jira.example.co.jp",
  altUrl: "https://jira-internal.example.co.jp",
  timeZone: null,
  isDemo: false,
  createdAt: "2026-02-17T01:02:03Z",
  tls: { extraCaPem: null, pinnedFingerprint: null },
  proxy: { mode: "system" },
};
const ttnxProd: Server = {
  id: 12,
  kind: "timeTrackerNx",
  name: "TimeTracker NX (本社)",
  baseUrl: "https://ttnx.example.co.jp/TimeTrackerNX",
  altUrl: null,
  timeZone: "Asia/Tokyo",
  isDemo: false,
  createdAt: "2026-02-17T01:04:00Z",
  tls: { extraCaPem: null, pinnedFingerprint: "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89" },
  proxy: { mode: "direct" },
};
const realConnection: ConnectionOverview = {
  id: 21,
  name: "Worklogs to TimeTracker NX",
  direction: "leftToRight",
  left: { server: jiraProd, credentialLabel: "jira-sync (PAT)" },
  right: { server: ttnxProd, credentialLabel: null },
  isDemo: false,
  lastTest: null,
};

/** The n-th element, failing the test (not the type check) when it is missing. */
function nth(elements: HTMLElement[], index: number): HTMLElement {
  const element = elements[index];
  if (!element) throw new Error(`expected at least ${index + 1} elements, found ${elements.length}`);
  return element;
}

describe("Connections", () => {
  it("lists the demo connections with both servers, the direction in words and a Demo badge", async () => {
    renderApp({ route: "connections", demo: true });
    const table = await screen.findByTestId("connections-table");
    expect(table).toHaveAccessibleName("Registered connections");
    const rows = within(table).getAllByTestId("connection-row");
    expect(rows).toHaveLength(fixtures.demo.connections.length);

    const first = nth(rows, 0);
    expect(within(first).getByRole("rowheader")).toHaveTextContent("Demo: Jira Cloud ↔ TimeTracker NX");
    expect(within(first).getByTestId("demo-badge")).toHaveTextContent("Demo");
    expect(within(first).getByTestId("connection-direction")).toHaveTextContent("Both ways");
    const cells = within(first).getAllByRole("cell");
    const left = nth(cells, 0);
    const right = nth(cells, 2);
    expect(left).toHaveTextContent("Jira Cloud");
    expect(left).toHaveTextContent("http://127.0.0.1:41234");
    expect(left).toHaveTextContent("Credential: Demo: kakehashi-sync@example.co.jp");
    expect(right).toHaveTextContent("TimeTracker NX");
    expect(right).toHaveTextContent("http://127.0.0.1:45109/TimeTrackerNX");
    expect(right).toHaveTextContent("Credential: Demo: kakehashi-sync");
    for (const row of rows) {
      expect(within(row).getByTestId("demo-badge")).toBeInTheDocument();
      expect(within(row).getByTestId("connection-direction")).toHaveTextContent("Both ways");
    }
  });

  it("lists the registered servers with product, address and Demo badge", async () => {
    renderApp({ route: "connections", demo: true });
    const table = await screen.findByTestId("servers-table");
    expect(table).toHaveAccessibleName("Registered servers");
    const rows = within(table).getAllByTestId("server-row");
    expect(rows.map((row) => within(row).getByRole("rowheader").textContent)).toEqual([
      "Demo: Jira CloudDemo",
      "Demo: Jira Data CenterDemo",
      "Demo: TimeTracker NXDemo",
      "Demo: AsanaDemo",
    ]);
    expect(rows[2]).toHaveTextContent("http://127.0.0.1:45109/TimeTrackerNX");
    expect(rows[1]).toHaveTextContent("Jira Data Center");
  });

  it("says which way a one-way connection goes, and marks nothing real as demo", async () => {
    renderApp({
      route: "connections",
      ipc: {
        list_connections: () => [
          realConnection,
          { ...realConnection, id: 22, name: "Approvals back to Jira", direction: "rightToLeft" },
        ],
        list_servers: () => [jiraProd, ttnxProd],
      },
    });
    const rows = await screen.findAllByTestId("connection-row");
    expect(within(nth(rows, 0)).getByTestId("connection-direction")).toHaveTextContent("Left to right only");
    expect(within(nth(rows, 1)).getByTestId("connection-direction")).toHaveTextContent("Right to left only");
    expect(rows[0]).toHaveTextContent("Credential: jira-sync (PAT)");
    expect(rows[0]).toHaveTextContent("No credential");
    expect(screen.queryByTestId("demo-badge")).not.toBeInTheDocument();
    expect(screen.getByTestId("servers-table")).toHaveTextContent("Alternative: https://jira-internal.example.co.jp");
  });

  it("explains connections and points to the demo workspace when nothing is registered", async () => {
    renderApp({ route: "connections" });
    const empty = await screen.findByTestId("connections-empty");
    expect(empty).toHaveTextContent("A connection joins two registered servers");
    expect(empty).toHaveTextContent("Nothing is registered yet.");
    expect(within(empty).getByRole("link", { name: "Try the demo workspace on Home" })).toHaveAttribute("href", "#/");
    expect(screen.queryByTestId("connections-table")).not.toBeInTheDocument();
    expect(screen.queryByTestId("servers-table")).not.toBeInTheDocument();
    // The wizards are offered, each for its pair of products.
    expect(screen.getByRole("heading", { level: 2, name: "New connection" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Start the Jira ↔ TimeTracker NX wizard" })).toBeInTheDocument();
  });

  it("does not offer the demo once servers exist, and lists them", async () => {
    renderApp({ route: "connections", ipc: { list_servers: () => [jiraProd] } });
    const empty = await screen.findByTestId("connections-empty");
    expect(empty).not.toHaveTextContent("Nothing is registered yet.");
    expect(screen.queryByRole("link", { name: "Try the demo workspace on Home" })).not.toBeInTheDocument();
    expect(within(screen.getByTestId("servers-table")).getAllByTestId("server-row")).toHaveLength(1);
  });

  it("shows a translated error when the list cannot be read", async () => {
    renderApp({
      route: "connections",
      ipc: {
        list_connections: () => {
          throw { code: "Internal", message: "database is locked" };
        },
      },
    });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Something went wrong inside Kakehashi");
    expect(within(alert).getByTestId("error-detail")).toHaveTextContent("database is locked");
  });
});

/** The registry's connection row whose name starts with `name`. */
async function connectionRow(name: string): Promise<HTMLElement> {
  const rows = await screen.findAllByTestId("connection-row");
  const row = rows.find((candidate) => within(candidate).getByRole("rowheader").textContent?.startsWith(name));
  if (!row) throw new Error(`no connection row ${name}`);
  return row;
}

describe("Connections: last test, Test connection and Remove", () => {
  it("shows each connection's last test with its time, or that it was never tested", async () => {
    renderApp({ route: "connections", registry: true, connected: true });
    const cloudTtnx = within(await connectionRow("Jira Cloud ↔ TimeTracker NX")).getByTestId("last-test");
    expect(within(cloudTtnx).getByTestId("outcome-badge")).toHaveTextContent("Warnings");
    expect(within(cloudTtnx).getByText(/2026/)).toHaveAttribute("dateTime", "2026-03-02T08:12:00Z");
    const asana = within(await connectionRow("Asana ↔ Jira Cloud")).getByTestId("last-test");
    expect(asana).toHaveTextContent("Not tested");
    expect(within(asana).queryByRole("button")).not.toBeInTheDocument();
    expect(within(await connectionRow("Jira Data Center ↔ Jira Cloud")).getByTestId("outcome-badge")).toHaveTextContent("Failed");
  });

  it("tests a connection in a dialog, copies the report, and the list shows the new result", async () => {
    const { user, backend } = renderApp({ route: "connections", registry: true, connected: true });
    const row = await connectionRow("Asana ↔ Jira Cloud");
    await user.click(within(row).getByRole("button", { name: "Test connection Asana ↔ Jira Cloud" }));
    const dialog = await screen.findByRole("dialog", { name: "Test connection: Asana ↔ Jira Cloud" });
    const summary = await within(dialog).findByTestId("test-summary");
    expect(summary).toHaveTextContent("The connection works, with warnings");
    expect(backend.callsTo("test_connection")[0]?.args).toMatchObject({ connectionId: 32 });
    expect(within(dialog).getByTestId("checklist-left")).toHaveTextContent("Asana (marketing)");
    expect(within(dialog).getByTestId("checklist-right")).toHaveTextContent("Email addresses of other users are hidden");

    await user.click(within(dialog).getByRole("button", { name: "Copy report" }));
    await waitFor(() => expect(within(dialog).getByTestId("copy-report")).toHaveTextContent("Copied"));
    const copied = await navigator.clipboard.readText();
    expect(copied).toContain("Kakehashi connection test: warning");
    expect(copied).toContain("[warning] Email addresses of users: Email addresses of other users are hidden");
    expect(backend.callsTo("copy_connection_test_report")).toHaveLength(1);
    expect(await screen.findByText("The report is on the clipboard. It contains no passwords or tokens.")).toBeInTheDocument();

    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    await waitFor(() => expect(within(row).getByTestId("outcome-badge")).toHaveTextContent("Warnings"));

    // The stored result opens without running the test again.
    await user.click(within(row).getByRole("button", { name: "Show the last test of Asana ↔ Jira Cloud" }));
    const stored = await screen.findByRole("dialog", { name: "Test connection: Asana ↔ Jira Cloud" });
    expect(await within(stored).findByTestId("test-summary")).toHaveTextContent("The connection works, with warnings");
    expect(backend.callsTo("last_connection_test")[0]?.args).toEqual({ connectionId: 32 });
    expect(backend.callsTo("test_connection")).toHaveLength(1);
    expect(within(stored).getByRole("button", { name: "Test again" })).toBeInTheDocument();
  });

  it("shows the text to copy by hand when the clipboard refuses", async () => {
    const { user } = renderApp({ route: "connections", registry: true, connected: true });
    const row = await connectionRow("Jira Cloud ↔ TimeTracker NX");
    await user.click(within(row).getByTestId("connection-test"));
    const dialog = await screen.findByRole("dialog");
    await within(dialog).findByTestId("test-summary");
    navigator.clipboard.writeText = () => Promise.reject(new Error("not allowed"));
    await user.click(within(dialog).getByRole("button", { name: "Copy report" }));
    const text = await within(dialog).findByRole("textbox", { name: /select the report and copy it yourself/ });
    expect((text as HTMLTextAreaElement).value).toContain("Kakehashi connection test: warning");
  });

  it("asks before removing, naming the connection, and moves focus to the heading after", async () => {
    const { user, backend } = renderApp({ route: "connections", registry: true, connected: true });
    const row = await connectionRow("Jira Data Center ↔ Jira Cloud");
    await user.click(within(row).getByRole("button", { name: "Remove Jira Data Center ↔ Jira Cloud" }));
    const dialog = await screen.findByRole("dialog", { name: "Remove “Jira Data Center ↔ Jira Cloud”?" });
    expect(dialog).toHaveTextContent("The servers Jira Data Center and Jira Cloud (production) and their credentials stay registered.");
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(backend.callsTo("remove_connection")).toHaveLength(0);

    await user.click(within(row).getByRole("button", { name: "Remove Jira Data Center ↔ Jira Cloud" }));
    await user.click(within(await screen.findByRole("dialog")).getByTestId("remove-connection-confirm"));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(backend.callsTo("remove_connection")[0]?.args).toEqual({ connectionId: 33 });
    await waitFor(() => expect(screen.getAllByTestId("connection-row")).toHaveLength(2));
    expect(await screen.findByText("Removed the connection “Jira Data Center ↔ Jira Cloud”.")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("heading", { level: 1, name: "Connections" })).toHaveFocus());
  });

  it("keeps the dialog open with the reason when removing fails", async () => {
    const { user } = renderApp({
      route: "connections",
      registry: true,
      connected: true,
      ipc: {
        remove_connection: () => {
          throw { code: "Conflict", message: "A sync of this connection is running; wait for it to finish." };
        },
      },
    });
    const row = await connectionRow("Asana ↔ Jira Cloud");
    await user.click(within(row).getByTestId("connection-remove"));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByTestId("remove-connection-confirm"));
    const alert = await within(dialog).findByRole("alert");
    expect(alert).toHaveTextContent("The connection was not removed");
    expect(alert).toHaveTextContent("Details: A sync of this connection is running; wait for it to finish.");
  });
});
