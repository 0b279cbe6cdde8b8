import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ConnectionOverview, Server } from "../bindings";
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
