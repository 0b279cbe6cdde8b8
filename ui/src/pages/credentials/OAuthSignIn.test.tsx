import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Saved } from "../../bindings";
import { fixtures } from "../../test/fakeBackend";
import { deferred, expectFieldError, findDialog, rowFor } from "../../test/helpers";
import { renderApp } from "../../test/renderApp";

/** Add → Asana → OAuth 2.0, with label, client ID and (unless null) the client secret filled in. */
async function startOAuth(user: ReturnType<typeof renderApp>["user"], clientSecret: string | null = "asana-client-secret") {
  await user.click(await screen.findByTestId("add-credential"));
  const dialog = await findDialog();
  await user.selectOptions(within(dialog).getByRole("combobox", { name: "Server" }), "14");
  await user.click(within(dialog).getByRole("radio", { name: "Asana: OAuth 2.0" }));
  await user.type(within(dialog).getByRole("textbox", { name: "Label" }), "Asana (OAuth)");
  await user.type(within(dialog).getByRole("textbox", { name: "Client ID" }), "1209876543210987");
  if (clientSecret !== null) await user.type(within(dialog).getByLabelText(/^Client secret/), clientSecret);
  return dialog;
}

describe("OAuth sign-in", () => {
  it("shows the exact redirect URL for the port, and refuses ports it cannot listen on", async () => {
    const { user } = renderApp({ route: "credentials", registry: true });
    const dialog = await startOAuth(user);
    const url = within(dialog).getByRole("textbox", { name: "Redirect URL" });
    await waitFor(() => expect(url).toHaveValue("http://127.0.0.1:47813/callback"));
    expect(url).toHaveAttribute("readonly");
    expect(within(dialog).getByRole("button", { name: "Copy redirect URL" })).toBeInTheDocument();

    const port = within(dialog).getByRole("textbox", { name: "Redirect port" });
    await user.clear(port);
    await user.type(port, "50123");
    await waitFor(() => expect(url).toHaveValue("http://127.0.0.1:50123/callback"));

    await user.clear(port);
    await user.type(port, "80");
    expect(url).toHaveValue("");
    await user.click(within(dialog).getByTestId("oauth-sign-in"));
    expectFieldError(port, "Enter a port number from 1024 to 65535.");
  });

  it("waits for the browser, and Cancel stops the sign-in without an error", async () => {
    const browser = deferred<Saved>();
    const { user, backend } = renderApp({
      route: "credentials",
      registry: true,
      ipc: {
        sign_in_oauth: () => browser.promise,
        cancel_oauth_sign_in: () => {
          // The back end stops the loopback listener; the pending sign-in then fails.
          browser.reject({ code: "Conflict", message: "The sign-in was cancelled." });
          return null;
        },
      },
    });
    const dialog = await startOAuth(user);
    await user.click(within(dialog).getByTestId("oauth-sign-in"));

    const waiting = await within(dialog).findByTestId("oauth-waiting");
    expect(waiting).toHaveTextContent("Waiting for the browser…");
    expect(backend.callsTo("sign_in_oauth")[0]?.args).toEqual({
      input: {
        serverId: 14,
        kind: "asana-oauth",
        label: "Asana (OAuth)",
        clientId: "1209876543210987",
        clientSecret: "asana-client-secret",
        redirectPort: 47813,
        isService: false,
        credentialId: null,
      },
    });

    await user.click(within(waiting).getByRole("button", { name: "Cancel sign-in" }));
    expect(await within(dialog).findByTestId("oauth-cancelled")).toHaveTextContent("Sign-in cancelled. Nothing was saved.");
    expect(within(dialog).queryByTestId("oauth-waiting")).not.toBeInTheDocument();
    expect(within(dialog).queryByRole("alert")).not.toBeInTheDocument();
    expect(backend.callsTo("cancel_oauth_sign_in")).toHaveLength(1);
  });

  it("cancels the wait when the dialog is closed", async () => {
    const browser = deferred<Saved>();
    const { user, backend } = renderApp({
      route: "credentials",
      registry: true,
      ipc: { sign_in_oauth: () => browser.promise },
    });
    const dialog = await startOAuth(user);
    await user.click(within(dialog).getByTestId("oauth-sign-in"));
    await within(dialog).findByTestId("oauth-waiting");
    await user.keyboard("{Escape}");
    await waitFor(() => expect(backend.callsTo("cancel_oauth_sign_in")).toHaveLength(1));
  });

  it("says clearly when access was denied in the browser", async () => {
    const { user } = renderApp({
      route: "credentials",
      registry: true,
      ipc: {
        sign_in_oauth: () => {
          throw { code: "Forbidden", permission: null, message: "Asana answered access_denied: the user did not allow access." };
        },
      },
    });
    const dialog = await startOAuth(user);
    await user.click(within(dialog).getByTestId("oauth-sign-in"));
    const alert = await within(dialog).findByRole("alert");
    expect(alert).toHaveTextContent("Sign-in did not complete");
    expect(alert).toHaveTextContent("The sign-in was refused: access was denied in the browser");
    expect(alert).toHaveTextContent("Details: Asana answered access_denied: the user did not allow access.");
  });

  it("asks Asana sign-ins for the client secret before the browser opens, then shows who it signed in as", async () => {
    const { user, backend } = renderApp({ route: "credentials", registry: true });
    const dialog = await startOAuth(user, null);
    await user.click(within(dialog).getByTestId("oauth-sign-in"));
    const secret = within(dialog).getByLabelText(/^Client secret/);
    expectFieldError(secret, "Fill this in.");
    expect(secret).toHaveFocus();
    expect(backend.callsTo("sign_in_oauth")).toHaveLength(0);

    await user.type(secret, "asana-client-secret");
    await user.click(within(dialog).getByTestId("oauth-sign-in"));
    expect(await within(dialog).findByTestId("verification-outcome")).toHaveTextContent("Kakehashi signed in as Aiko Tanaka.");
    expect(backend.callsTo("sign_in_oauth")[0]?.args).toMatchObject({ input: { clientSecret: "asana-client-secret" } });
  });

  it("leaves the client secret optional for a Jira Data Center link", async () => {
    const { user, backend } = renderApp({ route: "credentials", registry: true });
    await user.click(await screen.findByTestId("add-credential"));
    const dialog = await findDialog();
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Server" }), "12");
    await user.click(within(dialog).getByRole("radio", { name: "Jira Data Center: OAuth 2.0" }));
    expect(within(dialog).getByLabelText(/^Client secret \(optional\)/)).not.toBeRequired();
    await user.type(within(dialog).getByRole("textbox", { name: "Label" }), "Jira DC link");
    await user.type(within(dialog).getByRole("textbox", { name: "Client ID" }), "2f6c0a0e");
    await user.click(within(dialog).getByTestId("oauth-sign-in"));
    await within(dialog).findByTestId("verification-outcome");
    expect(backend.callsTo("sign_in_oauth")[0]?.args).toMatchObject({
      input: { serverId: 12, kind: "jira-dc-oauth", clientSecret: null },
    });
  });

  it("signs in again into a credential that needs it, keeping its client ID and port", async () => {
    const { user, backend } = renderApp({ route: "credentials", registry: true });
    await screen.findByTestId("credentials-table");
    const row = rowFor("Asana marketing (OAuth)");
    expect(within(row).getByTestId("verification-badge")).toHaveTextContent("Needs sign-in");
    await user.click(within(row).getByRole("button", { name: "More actions for Asana marketing (OAuth)" }));
    expect(screen.queryByRole("menuitem", { name: "Sign out" })).not.toBeInTheDocument();
    await user.click(await screen.findByRole("menuitem", { name: "Sign in" }));

    const dialog = await findDialog();
    expect(dialog).toHaveAccessibleName("Sign in to “Asana marketing (OAuth)”");
    expect(within(dialog).getByRole("textbox", { name: "Client ID" })).toHaveValue("1209876543210987");
    expect(within(dialog).getByLabelText(/^Client secret/)).toHaveAccessibleDescription("Leave empty to keep the stored client secret.");
    await user.click(within(dialog).getByTestId("oauth-sign-in"));
    await within(dialog).findByTestId("verification-outcome");
    expect(backend.callsTo("sign_in_oauth")[0]?.args).toMatchObject({ input: { credentialId: 24, redirectPort: 47813 } });
    await user.click(within(dialog).getByTestId("saved-done"));
    await waitFor(() => expect(within(rowFor("Asana marketing (OAuth)")).getByTestId("verification-badge")).toHaveTextContent("Verified"));
  });

  it("signs out after asking, naming the connections that pause", async () => {
    const signedIn = (signed: boolean) =>
      fixtures.registry.credentials
        .filter((credential) => credential.id === 24)
        .map((credential) => ({
          ...credential,
          oauth: credential.oauth && { ...credential.oauth, signedIn: signed },
          verification: signed
            ? { state: "verified" as const, at: "2026-03-02T00:00:00Z", identity: "Aiko Tanaka" }
            : credential.verification,
        }));
    let list = signedIn(true);
    const { user, backend } = renderApp({
      route: "credentials",
      registry: true,
      ipc: {
        list_credentials: () => list,
        sign_out_credential: () => {
          list = signedIn(false);
          return {
            outcome: { state: "forgotten", advice: "Asana could not be reached to revoke it: revoke it under My apps in Asana." },
            credential: list[0],
          };
        },
      },
    });
    await screen.findByTestId("credentials-table");
    await user.click(screen.getByRole("button", { name: "More actions for Asana marketing (OAuth)" }));
    expect(await screen.findByRole("menuitem", { name: "Switch account" })).toBeInTheDocument();
    await user.click(screen.getByRole("menuitem", { name: "Sign out" }));

    const dialog = await findDialog();
    expect(dialog).toHaveAccessibleName("Sign out of “Asana marketing (OAuth)”?");
    expect(dialog).toHaveTextContent("These connections pause until someone signs in again:");
    expect(dialog).toHaveTextContent("Asana ↔ Jira Cloud");
    await user.click(within(dialog).getByTestId("sign-out-confirm"));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(backend.callsTo("sign_out_credential")[0]?.args).toEqual({ id: 24 });
    expect(await screen.findByText("Signed out of “Asana marketing (OAuth)” on this computer")).toBeInTheDocument();
    expect(screen.getByText("Asana could not be reached to revoke it: revoke it under My apps in Asana.")).toBeInTheDocument();
    await waitFor(() => expect(within(rowFor("Asana marketing (OAuth)")).getByTestId("verification-badge")).toHaveTextContent("Needs sign-in"));
  });
});
