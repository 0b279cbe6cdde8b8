import { screen, waitFor, within } from "@testing-library/react";
import type { Channel } from "@tauri-apps/api/core";
import { describe, expect, it } from "vitest";
import type { ConnectionSide, ConnectionTestReport, TestProgress } from "../../../bindings";
import { sendProgress } from "../../../test/fakeConnections";
import { deferred, stringsIn } from "../../../test/helpers";
import { renderApp } from "../../../test/renderApp";

type User = ReturnType<typeof renderApp>["user"];

const heading = () => screen.getByTestId("step-heading");
const side = (name: string) => screen.getByTestId(name);

async function startWizard(user: User, pair = "Jira ↔ TimeTracker NX") {
  await user.click(await screen.findByRole("button", { name: `Start the ${pair} wizard` }));
  await waitFor(() => expect(screen.getByRole("heading", { level: 1 })).toHaveFocus());
}

async function next(user: User) {
  await user.click(screen.getByTestId("wizard-next"));
}

/** Step 2 with two registered servers picked from the lists. */
async function pickRegisteredServers(user: User, left: string, right: string) {
  await next(user);
  await user.selectOptions(within(side("server-side-left")).getByRole("combobox", { name: "Registered server" }), left);
  await user.selectOptions(within(side("server-side-right")).getByRole("combobox", { name: "Registered server" }), right);
}

describe("Connection wizard", () => {
  it("goes from the pair to a saved, tested connection, adding a server and a credential on the way", async () => {
    const { user, backend, queryClient } = renderApp({ route: "connections", registry: true });
    await startWizard(user);
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("New connection: Jira ↔ TimeTracker NX");

    // 1. The pair, preselected by the card that was clicked.
    expect(heading()).toHaveTextContent("Which two products?");
    expect(screen.getByRole("radio", { name: /Jira ↔ TimeTracker NX/ })).toHaveAttribute("aria-checked", "true");
    await next(user);

    // 2. Servers: focus moves to the step; Next says what is missing.
    await waitFor(() => expect(heading()).toHaveFocus());
    expect(heading()).toHaveTextContent("Servers");
    await next(user);
    expect(screen.getByTestId("wizard-blocked")).toHaveTextContent("Choose or add a server for both sides first.");
    expect(heading()).toHaveTextContent("Servers");

    const left = side("server-side-left");
    await user.click(within(left).getByRole("radio", { name: "A new server, by its address" }));
    await user.type(within(left).getByRole("textbox", { name: "Address (URL)" }), " jira2.example.co.jp/browse/ABC-1 ");
    await user.click(within(left).getByRole("button", { name: "Check address" }));
    expect(await within(left).findByTestId("left-server-base-url")).toHaveTextContent("https://jira2.example.co.jp");
    expect(within(left).getByTestId("left-server-kind")).toHaveTextContent("Jira Data Center 9.12.5");
    expect(backend.callsTo("detect_server")[0]?.args).toEqual({ url: " jira2.example.co.jp/browse/ABC-1 ", altUrl: null, expected: null });
    expect(within(left).getByRole("textbox", { name: "Name" })).toHaveValue("Jira Data Center (jira2.example.co.jp)");
    await user.click(within(left).getByRole("button", { name: "Add this server" }));
    expect(await within(left).findByTestId("left-server-added")).toHaveTextContent("Added the server “Jira Data Center (jira2.example.co.jp)”.");
    expect(backend.callsTo("add_server")[0]?.args).toEqual({
      input: {
        kind: "jiraDataCenter",
        name: "Jira Data Center (jira2.example.co.jp)",
        baseUrl: "https://jira2.example.co.jp",
        altUrl: null,
        trustedFingerprint: null,
      },
    });
    // Only TimeTracker NX servers are offered on the right.
    const right = side("server-side-right");
    const rightList = within(right).getByRole("combobox", { name: "Registered server" });
    expect(within(rightList).getAllByRole("option").map((option) => option.textContent)).toEqual([
      "Choose a server…",
      "TimeTracker NX (head office) — https://ttnx.example.co.jp/TimeTrackerNX",
    ]);
    await user.selectOptions(rightList, "13");
    await next(user);

    // 3. Credentials: the new server has none, so the form is there with the guidance;
    //    the TimeTracker NX side starts on its service credential.
    await waitFor(() => expect(heading()).toHaveTextContent("Credentials"));
    const leftCredential = side("credential-side-left");
    expect(within(leftCredential).getByTestId("left-guidance")).toHaveTextContent("a personal access token is best");
    expect(within(leftCredential).getByText("This server has no credential yet: create one.")).toBeInTheDocument();
    const rightCredential = side("credential-side-right");
    expect(within(rightCredential).getByRole("radio", { name: "ttnx-sync (service credential, recommended)" })).toBeChecked();
    await next(user);
    expect(screen.getByTestId("wizard-blocked")).toHaveTextContent("Choose or create a credential for both sides first.");

    await user.click(within(leftCredential).getByRole("radio", { name: "Jira Data Center: personal access token" }));
    await user.type(within(leftCredential).getByRole("textbox", { name: "Label" }), "jira2-sync");
    await user.type(within(leftCredential).getByLabelText(/^Personal access token/), "pat-secret-0042");
    expect(within(leftCredential).getByRole("checkbox", { name: "Use as the service credential for this server" })).toBeChecked();
    await user.click(within(leftCredential).getByTestId("credential-save"));
    expect(await within(leftCredential).findByTestId("verification-outcome")).toHaveTextContent("Kakehashi signed in as");
    expect(document.body.innerHTML).not.toContain("pat-secret-0042");
    expect(stringsIn(queryClient.getMutationCache().getAll().map((mutation) => mutation.state))).not.toContain("pat-secret-0042");
    await next(user);

    // 4. Test connection, on the sides chosen (null = the service credential).
    await waitFor(() => expect(heading()).toHaveTextContent("Test connection"));
    const summary = await screen.findByTestId("test-summary");
    expect(summary).toHaveTextContent("The connection works, with warnings");
    expect(backend.callsTo("test_connection_draft")[0]?.args).toMatchObject({
      left: { serverId: 200, credentialId: null },
      right: { serverId: 13, credentialId: null },
    });
    const clock = within(side("checklist-right"))
      .getAllByTestId("check-item")
      .find((item) => item.dataset.check === "clock");
    if (!clock) throw new Error("no clock check");
    expect(within(clock).getByTestId("check-status")).toHaveTextContent("Warning");
    expect(within(clock).getByTestId("check-why")).toHaveTextContent("Why: Kakehashi finds changes by their time stamps");
    expect(within(clock).getByTestId("check-fix")).toHaveTextContent("How to fix: Fix the clock of this computer or of the server (NTP).");
    expect(screen.getByTestId("test-live")).toHaveTextContent("Test finished: Warnings. 20 checks, failed: 0, warnings: 1.");
    // Warnings do not stop the wizard.
    expect(screen.getByTestId("wizard-next")).toHaveTextContent("Next");
    await next(user);

    // 5. Name and direction, with the server names in the choices.
    await waitFor(() => expect(heading()).toHaveTextContent("Name and direction"));
    const name = screen.getByRole("textbox", { name: "Name" });
    expect(name).toHaveValue("Jira Data Center (jira2.example.co.jp) ↔ TimeTracker NX (head office)");
    await user.clear(name);
    await user.type(name, "Worklogs");
    await user.click(screen.getByRole("radio", { name: "One way: TimeTracker NX (head office) → Jira Data Center (jira2.example.co.jp)" }));
    expect(screen.queryByTestId("issuesync-summary")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("create-connection"));

    // 6. Done, with the way on to a sync profile.
    const done = await screen.findByTestId("wizard-done");
    await waitFor(() => expect(heading()).toHaveFocus());
    expect(heading()).toHaveTextContent("“Worklogs” is ready");
    expect(within(done).getByTestId("outcome-badge")).toHaveTextContent("Warnings");
    expect(within(done).getByRole("link", { name: "Create a sync profile" })).toHaveAttribute("href", "#/profiles");
    expect(backend.callsTo("create_connection")[0]?.args).toEqual({
      input: {
        name: "Worklogs",
        left: { serverId: 200, credentialId: null },
        right: { serverId: 13, credentialId: null },
        direction: "rightToLeft",
      },
    });
    // The steps before cannot be reopened once the connection is saved.
    expect(screen.getByTestId("wizard-step-servers")).toHaveAttribute("aria-disabled", "true");

    await user.click(within(done).getByRole("button", { name: "Back to connections" }));
    const row = (await screen.findAllByTestId("connection-row")).find((item) => item.textContent?.includes("Worklogs"));
    if (!row) throw new Error("the new connection is not listed");
    expect(within(row).getByTestId("last-test")).toHaveTextContent("Warnings");
    await waitFor(() => expect(screen.getByRole("heading", { level: 1, name: "Connections" })).toHaveFocus());
  });

  it("asks before going on past a failed test, and trusting the certificate tests again", async () => {
    const { user, backend } = renderApp({ route: "connections", registry: true });
    await startWizard(user);
    await pickRegisteredServers(user, "12", "13");
    await next(user);
    await next(user);

    // Jira Data Center's certificate is not trusted: TLS fails, what needs it is skipped.
    await screen.findByTestId("test-summary");
    expect(screen.getByTestId("test-summary")).toHaveTextContent("The connection does not work yet");
    const left = side("checklist-left");
    expect(within(left).getByTestId("outcome-badge")).toHaveTextContent("Failed");
    const checks = within(left).getAllByTestId("check-item");
    const tls = checks.find((item) => item.dataset.check === "tls");
    if (!tls) throw new Error("no TLS check");
    expect(within(tls).getByTestId("check-status")).toHaveTextContent("Failed");
    expect(within(tls).getByTestId("certificate-details")).toHaveTextContent("CN=Example Corp Internal CA, O=Example Corp, C=JP");
    expect(within(tls).getByTestId("certificate-fingerprint")).toHaveTextContent("3A:7F:2C:91");
    expect(checks.find((item) => item.dataset.check === "auth")).toHaveTextContent("Skipped: the secure connection failed");

    // Next becomes an explicit question; going back keeps the wizard on the test.
    expect(screen.getByTestId("wizard-next")).toHaveTextContent("Continue anyway…");
    await next(user);
    const gate = await screen.findByRole("dialog", { name: "Continue without a working connection?" });
    expect(within(gate).getByRole("button", { name: "Go back and fix" })).toHaveFocus();
    await user.click(within(gate).getByRole("button", { name: "Go back and fix" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(heading()).toHaveTextContent("Test connection");
    await waitFor(() => expect(heading()).toHaveFocus());

    await user.click(within(tls).getByRole("button", { name: "Trust this certificate" }));
    await waitFor(() => expect(backend.callsTo("test_connection_draft")).toHaveLength(2));
    // The button has gone with the new run; focus stays on that side's checklist.
    expect(within(side("checklist-left")).getByRole("heading", { level: 3 })).toHaveFocus();
    expect(backend.callsTo("trust_certificate")[0]?.args).toEqual({
      serverId: 12,
      fingerprint: "3A:7F:2C:91:D4:0B:6E:58:A1:C3:9F:04:E7:12:BB:6D:45:F0:8C:2E:93:71:DA:5B:0C:E6:18:A4:7D:39:C2:F1",
    });
    await waitFor(() => expect(screen.getByTestId("test-summary")).toHaveTextContent("The connection works, with warnings"));
    expect(within(side("checklist-left")).getByTestId("outcome-badge")).toHaveTextContent("Passed");
    await next(user);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await waitFor(() => expect(heading()).toHaveTextContent("Name and direction"));
  });

  it("continues past failures only after Continue anyway", async () => {
    const { user } = renderApp({ route: "connections", registry: true });
    await startWizard(user);
    await pickRegisteredServers(user, "12", "13");
    await next(user);
    await next(user);
    await screen.findByTestId("test-summary");
    await next(user);
    const gate = await screen.findByRole("dialog", { name: "Continue without a working connection?" });
    expect(gate).toHaveTextContent("Some checks failed. The connection can be saved, but sync will not work until they are fixed.");
    await user.click(within(gate).getByRole("button", { name: "Continue anyway" }));
    await waitFor(() => expect(heading()).toHaveTextContent("Name and direction"));
    await waitFor(() => expect(heading()).toHaveFocus());
  });

  it("fills the checklists in live and announces problems, not every check", async () => {
    const gate = deferred<void>();
    const { user } = renderApp({
      route: "connections",
      registry: true,
      ipc: {
        test_connection_draft: async (args) => {
          const { onProgress } = args as { left: ConnectionSide; right: ConnectionSide; onProgress: Channel<TestProgress> };
          const started: ConnectionTestReport = {
            left: sideReport("left", 12, "Jira Data Center", [check("dns", "pending"), check("clock", "pending")]),
            right: sideReport("right", 13, "TimeTracker NX (head office)", [check("dns", "pending")]),
            outcome: "passed",
            ranAt: "2026-03-02T09:00:00Z",
          };
          const send = (index: number, message: TestProgress) => sendProgress(onProgress, index, message);
          send(0, { type: "started", report: started });
          send(1, { type: "check", side: "left", check: check("dns", "passed", "jira.example.co.jp → 10.20.30.40") });
          send(2, { type: "check", side: "left", check: check("clock", "running") });
          await gate.promise;
          // Delivered out of order, as Tauri may: the Channel puts them back in order.
          send(4, { type: "check", side: "right", check: check("dns", "failed", "No such host") });
          send(3, { type: "check", side: "left", check: check("clock", "passed", "1 s") });
          const final: ConnectionTestReport = {
            ...started,
            left: { ...started.left, checks: [check("dns", "passed", "x"), check("clock", "passed", "1 s")] },
            right: { ...started.right, outcome: "failed", checks: [check("dns", "failed", "No such host")] },
            outcome: "failed",
          };
          send(5, { type: "finished", report: final });
          return final;
        },
      },
    });
    await startWizard(user);
    await pickRegisteredServers(user, "12", "13");
    await next(user);
    await next(user);

    const left = await screen.findByTestId("checklist-left");
    await waitFor(() => expect(within(left).getByTestId("checklist-progress")).toHaveTextContent("1 of 2 checks done"));
    const statuses = () => within(left).getAllByTestId("check-status").map((status) => status.textContent);
    expect(statuses()).toEqual(["Passed", "Checking…"]);
    expect(screen.getByTestId("test-live")).toHaveTextContent("Testing both sides. No problems so far.");
    expect(screen.getByTestId("wizard-next")).toHaveAttribute("aria-busy", "true");

    gate.resolve();
    await waitFor(() => expect(screen.getByTestId("test-summary")).toHaveTextContent("The connection does not work yet"));
    expect(statuses()).toEqual(["Passed", "Passed"]);
    expect(screen.getByTestId("test-live")).toHaveTextContent("Test finished: Failed. 3 checks, failed: 1, warnings: 0.");
  });

  it("needs an explicit tick to store a server whose certificate is not trusted", async () => {
    const { user, backend } = renderApp({ route: "connections", registry: true });
    await startWizard(user);
    await next(user);
    const left = side("server-side-left");
    await user.click(within(left).getByRole("radio", { name: "A new server, by its address" }));
    const url = within(left).getByRole("textbox", { name: "Address (URL)" });
    await user.type(url, "https://jira.example.co.jp/secure/Dashboard.jspa");
    // Enter checks the address; it never moves the wizard on.
    await user.type(url, "{Enter}");
    const certificate = await within(left).findByTestId("left-server-certificate");
    expect(heading()).toHaveTextContent("Servers");
    expect(within(left).getByTestId("left-server-kind")).toHaveTextContent("Jira Data Center, presumably");
    expect(certificate).toHaveTextContent("CN=jira.example.co.jp, O=Example Corp, C=JP");

    await user.click(within(left).getByRole("button", { name: "Add this server" }));
    expect(within(certificate).getByText(/Tick this to add the server with this certificate/)).toBeInTheDocument();
    expect(backend.callsTo("add_server")).toHaveLength(0);

    await user.click(within(certificate).getByRole("checkbox", { name: "Trust this certificate for this server" }));
    await user.click(within(left).getByRole("button", { name: "Add this server" }));
    expect(await within(left).findByTestId("left-server-added")).toHaveTextContent(
      "This address is registered already, as “Jira Data Center”: that server is used.",
    );
    expect(backend.callsTo("add_server")[0]?.args).toMatchObject({
      input: { kind: "jiraDataCenter", baseUrl: "https://jira.example.co.jp", trustedFingerprint: expect.stringMatching(/^3A:7F:2C:91/) },
    });
    // The registered server was reused, and now carries the trusted certificate.
    expect(within(left).getByRole("combobox", { name: "Registered server" })).toHaveValue("12");
    expect(within(left).getByTestId("server-summary")).toHaveTextContent("Trusted certificate");
  });

  it("says when an address belongs to another product, and when nothing answers", async () => {
    const { user } = renderApp({ route: "connections", registry: true });
    await startWizard(user);
    await next(user);
    const right = side("server-side-right");
    await user.click(within(right).getByRole("radio", { name: "A new server, by its address" }));
    const url = within(right).getByRole("textbox", { name: "Address (URL)" });
    await user.type(url, "example-corp.atlassian.net");
    await user.click(within(right).getByRole("button", { name: "Check address" }));
    expect(await within(right).findByTestId("right-server-wrong-product")).toHaveTextContent(
      "This address belongs to Jira Cloud, but this side needs TimeTracker NX. Check the address.",
    );
    expect(within(right).queryByRole("button", { name: "Add this server" })).not.toBeInTheDocument();

    await user.clear(url);
    expect(within(right).queryByTestId("right-server-detected")).not.toBeInTheDocument();
    await user.type(url, "nothing-here.example.com");
    await user.click(within(right).getByRole("button", { name: "Check address" }));
    const detected = await within(right).findByTestId("right-server-detected");
    expect(within(detected).getByRole("alert")).toHaveTextContent("Kakehashi could not identify a server at this address");
    expect(within(detected).getByRole("alert")).toHaveTextContent("The server could not be reached.");
  });

  it("puts a refused address on the field and asks for one before checking", async () => {
    const { user, backend } = renderApp({
      route: "connections",
      registry: true,
      ipc: {
        detect_server: () => {
          throw { code: "Validation", field: "url", message: "An address cannot contain a user name or password." };
        },
      },
    });
    await startWizard(user);
    await next(user);
    const left = side("server-side-left");
    await user.click(within(left).getByRole("radio", { name: "A new server, by its address" }));
    await user.click(within(left).getByRole("button", { name: "Check address" }));
    const url = within(left).getByRole("textbox", { name: "Address (URL)" });
    await waitFor(() => expect(url).toHaveFocus());
    expect(url).toHaveAccessibleDescription(/Fill this in\./);
    expect(backend.callsTo("detect_server")).toHaveLength(0);

    await user.type(url, "https://admin:pw@jira.example.co.jp");
    await user.click(within(left).getByRole("button", { name: "Check address" }));
    await waitFor(() => expect(url).toHaveAccessibleDescription(/Not accepted: An address cannot contain a user name or password\./));
  });

  it("offers Asana servers on the left of Asana ↔ Jira, asks detection for Asana, and steps back by the step list", async () => {
    const { user, backend } = renderApp({ route: "connections", registry: true });
    await startWizard(user, "Asana ↔ Jira");
    await next(user);
    const left = side("server-side-left");
    expect(within(left).getByRole("heading", { level: 3 })).toHaveTextContent("Left side: Asana");
    const options = within(within(left).getByRole("combobox", { name: "Registered server" })).getAllByRole("option");
    expect(options.map((option) => option.textContent)).toEqual(["Choose a server…", "Asana (marketing) — https://app.asana.com"]);
    await user.click(within(left).getByRole("radio", { name: "A new server, by its address" }));
    await user.type(within(left).getByRole("textbox", { name: "Address (URL)" }), "https://app.asana.com/0/1200/list");
    await user.click(within(left).getByRole("button", { name: "Check address" }));
    expect(await within(left).findByTestId("left-server-base-url")).toHaveTextContent(/^https:\/\/app\.asana\.com$/);
    expect(backend.callsTo("detect_server")[0]?.args).toMatchObject({ expected: "asana" });
    await user.click(within(left).getByRole("button", { name: "Add this server" }));
    await user.selectOptions(within(side("server-side-right")).getByRole("combobox", { name: "Registered server" }), "11");
    await next(user);

    await waitFor(() => expect(heading()).toHaveTextContent("Credentials"));
    expect(side("left-guidance")).toHaveTextContent("Asana: a personal access token, or OAuth 2.0 with your Asana app.");
    expect(side("right-guidance")).toHaveTextContent("Jira Cloud: use the technical account's email address and an API token");
    // Steps not reached yet cannot be opened; finished ones can.
    expect(screen.getByTestId("wizard-step-test")).toHaveAttribute("aria-disabled", "true");
    expect(screen.getByTestId("wizard-step-credentials")).toHaveAttribute("aria-current", "step");
    await user.click(screen.getByTestId("wizard-step-servers"));
    await waitFor(() => expect(heading()).toHaveTextContent("Servers"));
    await waitFor(() => expect(heading()).toHaveFocus());
    expect(within(side("server-side-left")).getByRole("combobox", { name: "Registered server" })).toHaveValue("14");
  });

  it("keeps the IssueSYNC fields for Jira ↔ Jira, with the technical users from the test", async () => {
    const { user } = renderApp({ route: "connections", registry: true });
    await startWizard(user, "Jira ↔ Jira");
    await next(user);
    const leftList = within(side("server-side-left")).getByRole("combobox", { name: "Registered server" });
    expect(within(leftList).getAllByRole("option")).toHaveLength(3);
    await user.selectOptions(leftList, "11");
    await user.selectOptions(within(side("server-side-right")).getByRole("combobox", { name: "Registered server" }), "11");
    await next(user);
    expect(screen.getByTestId("wizard-blocked")).toHaveTextContent("A connection joins two different servers");
    await user.selectOptions(within(side("server-side-right")).getByRole("combobox", { name: "Registered server" }), "12");
    await next(user);
    await next(user);
    await screen.findByTestId("test-summary");
    await next(user);
    await user.click(await screen.findByRole("button", { name: "Continue anyway" }));

    const summary = await screen.findByTestId("issuesync-summary");
    const rows = within(summary).getAllByRole("row");
    expect(rows[1]).toHaveTextContent("Base URL");
    expect(rows[1]).toHaveTextContent("https://example-corp.atlassian.net");
    expect(rows[1]).toHaveTextContent("https://jira.example.co.jp");
    expect(rows[2]).toHaveTextContent("Alternative URLNoneNone");
    expect(rows[3]).toHaveTextContent("Signs in as kakehashi-sync@example.co.jp.");
    // The Data Center side did not get as far as signing in.
    expect(rows[3]).toHaveTextContent("Not known: the test did not sign in");
    await user.click(within(summary).getByRole("button", { name: "Change in step 2" }));
    await waitFor(() => expect(heading()).toHaveTextContent("Servers"));
  });
});

function check(id: ConnectionTestReport["left"]["checks"][number]["id"], status: ConnectionTestReport["left"]["checks"][number]["status"], summary = "") {
  return { id, status, title: id.toUpperCase(), summary, why: null, fix: null, certificate: null, suggestion: null, permissions: [] };
}

function sideReport(
  which: "left" | "right",
  serverId: number,
  serverName: string,
  checks: ConnectionTestReport["left"]["checks"],
): ConnectionTestReport["left"] {
  return {
    side: which,
    serverId,
    serverName,
    serverKind: which === "left" ? "jiraDataCenter" : "timeTrackerNx",
    credentialId: null,
    credentialLabel: null,
    outcome: "passed",
    checks,
    ranAt: "2026-03-02T09:00:00Z",
  };
}
