import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fixtures } from "../test/fakeBackend";
import { findDialog, rowFor } from "../test/helpers";
import { renderApp } from "../test/renderApp";

describe("Credentials", () => {
  it("keeps the empty state and the keychain notice on a fresh installation", async () => {
    renderApp({ route: "credentials" });
    expect(await screen.findByTestId("credentials-empty")).toHaveTextContent("No credentials yet");
    expect(screen.getByTestId("credentials-keychain")).toHaveTextContent("Keychain available");
    expect(screen.getByText("No server is registered yet.")).toBeInTheDocument();
  });

  it("lists every credential with its server, kind, status and the connections that use it", async () => {
    renderApp({ route: "credentials", registry: true });
    const table = await screen.findByTestId("credentials-table");
    expect(table).toHaveAccessibleName("All credentials");
    expect(within(table).getAllByTestId("credential-row")).toHaveLength(6);

    const jira = rowFor("jira-sync (production)");
    expect(within(jira).getByRole("rowheader")).toHaveTextContent("Jira Cloud: email + API token");
    expect(within(jira).getByRole("rowheader")).toHaveTextContent("Login: kakehashi-sync@example.co.jp");
    expect(within(jira).getByTestId("service-badge")).toHaveTextContent("Service");
    expect(within(jira).getByTestId("verification-badge")).toHaveTextContent("Verified");
    expect(within(jira).getByTestId("expiry-badge")).toHaveTextContent("Expires soon: in 6 days");
    expect(within(jira).getByTestId("verification-detail")).toHaveTextContent("As Kakehashi Sync (kakehashi-sync@example.co.jp)");
    expect(jira).toHaveTextContent("https://example-corp.atlassian.net");
    expect(within(jira).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "Jira Cloud ↔ TimeTracker NX",
      "Asana ↔ Jira Cloud",
    ]);

    const pat = rowFor("jira-dc-sync (PAT)");
    expect(within(pat).getByTestId("verification-badge")).toHaveTextContent("Failed verification");
    expect(within(pat).getByTestId("verification-detail")).toHaveTextContent("The server did not accept the sign-in.");
    expect(within(pat).getByTestId("expiry-badge")).toHaveTextContent("Expires in 143 days");

    const asana = rowFor("Asana marketing (OAuth)");
    expect(within(asana).getByTestId("verification-badge")).toHaveTextContent("Needs sign-in");
    expect(within(asana).queryByRole("button", { name: /^Verify/ })).not.toBeInTheDocument();

    const assets = rowFor("Assets adapter (CMDB import)");
    expect(within(assets).getByTestId("verification-badge")).toHaveTextContent("Cannot be verified");
    expect(within(assets).getByTestId("expiry-badge")).toHaveTextContent("Expired 3 days ago");
    expect(within(assets).queryByTestId("service-badge")).not.toBeInTheDocument();

    const personal = rowFor("Tanaka (personal)");
    expect(within(personal).getByTestId("verification-badge")).toHaveTextContent("Never verified");
    expect(within(personal).queryByTestId("expiry-badge")).not.toBeInTheDocument();
    expect(personal).toHaveTextContent("No connection");
  });

  it("verifies on request and says who it signed in as", async () => {
    const { user, backend } = renderApp({ route: "credentials", registry: true });
    await screen.findByTestId("credentials-table");
    await user.click(within(rowFor("jira-dc-sync (PAT)")).getByRole("button", { name: "Verify jira-dc-sync (PAT)" }));
    expect(await screen.findByText("“jira-dc-sync (PAT)” verified: signed in as sync-user.")).toBeInTheDocument();
    expect(backend.callsTo("verify_credential")[0]?.args).toEqual({ id: 22 });
    await waitFor(() => expect(within(rowFor("jira-dc-sync (PAT)")).getByTestId("verification-badge")).toHaveTextContent("Verified"));
  });

  it("reports a failed verification with its reason", async () => {
    const { user } = renderApp({
      route: "credentials",
      registry: true,
      ipc: {
        verify_credential: () => ({
          ...rowData(22),
          verification: { state: "failed", at: "2026-03-02T09:00:00Z", code: "Network", message: "Connection refused." },
        }),
      },
    });
    await screen.findByTestId("credentials-table");
    await user.click(within(rowFor("jira-dc-sync (PAT)")).getByRole("button", { name: "Verify jira-dc-sync (PAT)" }));
    expect(await screen.findByText("“jira-dc-sync (PAT)” failed verification")).toBeInTheDocument();
    expect(screen.getAllByText(/The server could not be reached\./).length).toBeGreaterThan(0);
  });

  it("asks before removing and names the connections that use the credential", async () => {
    const { user, backend } = renderApp({ route: "credentials", registry: true });
    await screen.findByTestId("credentials-table");
    await user.click(screen.getByRole("button", { name: "More actions for jira-sync (production)" }));
    await user.click(screen.getByRole("menuitem", { name: "Remove" }));

    const dialog = await findDialog();
    expect(dialog).toHaveAccessibleName("Remove “jira-sync (production)”?");
    expect(dialog).toHaveTextContent("This is a service credential");
    expect(dialog).toHaveTextContent("Automatic sync on Jira Cloud (production) cannot run until another service credential is added.");
    expect(within(within(dialog).getByTestId("remove-used-by")).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "Jira Cloud ↔ TimeTracker NX",
      "Asana ↔ Jira Cloud",
    ]);
    const cancel = within(dialog).getByRole("button", { name: "Cancel" });
    await waitFor(() => expect(cancel).toHaveFocus());
    await user.click(cancel);
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(backend.callsTo("remove_credential")).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "More actions for jira-sync (production)" }));
    await user.click(screen.getByRole("menuitem", { name: "Remove" }));
    await user.click(within(await findDialog()).getByTestId("remove-confirm"));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(backend.callsTo("remove_credential")[0]?.args).toEqual({ id: 21 });
    await waitFor(() => expect(screen.getAllByTestId("credential-row")).toHaveLength(5));
    expect(screen.getByText("“jira-sync (production)” was removed.")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId("page-title")).toHaveFocus());
  });

  it("edits label, login and the service flag, and names the service credential it replaced", async () => {
    const { user, backend } = renderApp({ route: "credentials", registry: true });
    await screen.findByTestId("credentials-table");
    await user.click(screen.getByRole("button", { name: "More actions for Tanaka (personal)" }));
    await user.click(screen.getByRole("menuitem", { name: "Edit" }));

    const dialog = await findDialog();
    expect(within(dialog).queryByLabelText(/secret|password/i)).not.toBeInTheDocument();
    const label = within(dialog).getByRole("textbox", { name: "Label" });
    await user.clear(label);
    await user.type(label, "ttnx (Tanaka)");
    await user.click(within(dialog).getByRole("checkbox", { name: "Use as the service credential for this server" }));
    await user.click(within(dialog).getByTestId("edit-save"));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(backend.callsTo("edit_credential")[0]?.args).toEqual({
      id: 26,
      edit: { label: "ttnx (Tanaka)", login: "aiko.tanaka", expiresAt: null, isService: true },
    });
    expect(await screen.findByText("“ttnx (Tanaka)” saved. It replaced “ttnx-sync” as the service credential.")).toBeInTheDocument();
  });

  it("works by keyboard: the row menu opens with Enter and the dialog traps focus and closes with Escape", async () => {
    const { user } = renderApp({ route: "credentials", registry: true });
    await screen.findByTestId("credentials-table");
    const more = screen.getByRole("button", { name: "More actions for ttnx-sync" });
    more.focus();
    await user.keyboard("{Enter}");
    const rotate = await screen.findByRole("menuitem", { name: "Rotate" });
    rotate.focus();
    await user.keyboard("{Enter}");

    const dialog = await findDialog();
    const secret = within(dialog).getByLabelText(/^New API key/);
    await waitFor(() => expect(secret).toHaveFocus());
    for (let i = 0; i < 6; i += 1) {
      await user.tab();
      expect(dialog).toContainElement(document.activeElement as HTMLElement);
    }
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    await waitFor(() => expect(more).toHaveFocus());
  });
});

/** A registry credential as the back end would answer with it. */
function rowData(id: number) {
  const credential = fixtures.registry.credentials.find((item) => item.id === id);
  if (!credential) throw new Error(`no fixture credential ${id}`);
  return structuredClone(credential);
}
