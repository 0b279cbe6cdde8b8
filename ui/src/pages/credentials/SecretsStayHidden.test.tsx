import type { QueryClient } from "@tanstack/react-query";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Sensitive } from "../../api/sensitive";
import { findDialog, rowFor, stringsIn } from "../../test/helpers";
import { renderApp } from "../../test/renderApp";
import { addDays, todayUtc } from "./dates";

/**
 * DESIGN §9: no secret in any rendered text or cache. The UI sends secrets to the back
 * end and nothing else: not in the DOM (not even as an input's value attribute), not in
 * the query or mutation cache, where devtools or a persister could read it.
 */
function expectNowhere(secret: string, queryClient: QueryClient) {
  expect(document.body.innerHTML).not.toContain(secret);
  expect(document.body.textContent).not.toContain(secret);
  const queries = queryClient.getQueryCache().getAll().map((query) => query.state);
  const mutations = queryClient.getMutationCache().getAll().map((mutation) => mutation.state);
  for (const state of [...queries, ...mutations]) {
    expect(stringsIn(state).filter((text) => text.includes(secret))).toEqual([]);
    expect(JSON.stringify(state)).not.toContain(secret);
  }
}

/** The mutation that carried the secret is there, holding it only as a Sensitive. */
function expectWrapped(queryClient: QueryClient) {
  const variables = queryClient.getMutationCache().getAll().map((mutation) => mutation.state.variables);
  expect(stringsIn(variables).length + variables.length).toBeGreaterThan(0);
  expect(JSON.stringify(variables)).toContain("[redacted]");
}

describe("secrets typed in a form", () => {
  it("never appear in the page or the caches when adding a credential", async () => {
    const secret = "ATATT3xFfGF0-add-secret-4711";
    const { user, queryClient, backend } = renderApp({ route: "credentials", registry: true });
    await user.click(await screen.findByTestId("add-credential"));
    const dialog = await findDialog();
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Server" }), "11");
    await user.click(within(dialog).getByRole("radio", { name: "Jira Cloud: email + API token" }));
    await user.type(within(dialog).getByRole("textbox", { name: "Label" }), "jira-sync (staging)");
    await user.type(within(dialog).getByRole("textbox", { name: "Email address" }), "sync@example.co.jp");
    const field = within(dialog).getByLabelText(/^API token/);
    await user.type(field, secret);
    expect(field).toHaveValue(secret);
    expectNowhere(secret, queryClient);

    fireEvent.change(within(dialog).getByLabelText(/^Expiry date/), { target: { value: addDays(todayUtc(), 100) } });
    await user.click(within(dialog).getByTestId("credential-save"));
    await within(dialog).findByTestId("saved-result");

    expect(backend.callsTo("add_credential")[0]?.args).toMatchObject({ input: { secret } });
    // The form is gone, and the mutation that carried the secret with it (gcTime 0).
    await waitFor(() => expect(queryClient.getMutationCache().getAll()).toHaveLength(0));
    expectNowhere(secret, queryClient);
  });

  it("never appear when rotating, also after a failed check", async () => {
    const secret = "rotated-secret-0815";
    const { user, queryClient } = renderApp({
      route: "credentials",
      registry: true,
      ipc: {
        rotate_credential: () => {
          throw { code: "Unauthorized", message: "The server refused the new token." };
        },
      },
    });
    await screen.findByTestId("credentials-table");
    await user.click(within(rowFor("ttnx-sync")).getByRole("button", { name: "More actions for ttnx-sync" }));
    await user.click(screen.getByRole("menuitem", { name: "Rotate" }));
    const dialog = await findDialog();
    await user.type(within(dialog).getByLabelText(/^New API key/), secret);
    await user.click(within(dialog).getByTestId("rotate-submit"));
    await within(dialog).findByRole("alert");
    expectWrapped(queryClient);
    expectNowhere(secret, queryClient);
  });

  it("never appear for an OAuth client secret", async () => {
    const clientSecret = "oauth-client-secret-31337";
    const { user, queryClient } = renderApp({ route: "credentials", registry: true });
    await user.click(await screen.findByTestId("add-credential"));
    const dialog = await findDialog();
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Server" }), "12");
    await user.click(within(dialog).getByRole("radio", { name: "Jira Data Center: OAuth 2.0" }));
    await user.type(within(dialog).getByRole("textbox", { name: "Label" }), "DC OAuth");
    await user.type(within(dialog).getByRole("textbox", { name: "Client ID" }), "client");
    await user.type(within(dialog).getByLabelText(/^Client secret/), clientSecret);
    await user.click(within(dialog).getByTestId("oauth-sign-in"));
    await within(dialog).findByTestId("saved-result");
    expectNowhere(clientSecret, queryClient);
  });

  it("never appear for the secrets typed into an import", async () => {
    const secret = "import-pat-2718";
    const { user, queryClient, backend } = renderApp({
      route: "connections",
      registry: true,
      ipc: {
        import_workspace: () => {
          throw { code: "Conflict", message: "A server changed while importing; nothing was imported." };
        },
      },
    });
    await user.click(await screen.findByTestId("import-workspace"));
    const dialog = await findDialog();
    const input = dialog.querySelector<HTMLInputElement>('input[type="file"]');
    if (!input) throw new Error("no file input");
    await user.upload(input, new File(["{}"], "workspace.json", { type: "application/json" }));
    await user.type(await within(dialog).findByLabelText(/^jira-osaka-sync \(PAT\)/), secret);
    await user.type(within(dialog).getByLabelText(/^osaka-admin/), "other");
    expectNowhere(secret, queryClient);
    await user.click(within(dialog).getByTestId("import-confirm"));
    await within(dialog).findByRole("alert");
    expect(backend.callsTo("import_workspace")[0]?.args).toMatchObject({ secrets: [{ index: 0, secret }, { index: 1 }] });
    expectWrapped(queryClient);
    expectNowhere(secret, queryClient);
  });

  it("are wrapped so that nothing but the command call can read them", () => {
    const sensitive = new Sensitive("hunter2");
    expect(String(sensitive)).toBe("[redacted]");
    expect(`${sensitive}`).toBe("[redacted]");
    expect(JSON.stringify({ sensitive })).toBe('{"sensitive":"[redacted]"}');
    expect(Object.values(sensitive)).toEqual([]);
    expect(sensitive.reveal()).toBe("hunter2");
  });
});
