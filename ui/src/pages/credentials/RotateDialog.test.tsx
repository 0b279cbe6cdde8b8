import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Credential } from "../../bindings";
import { fixtures } from "../../test/fakeBackend";
import { findDialog, rowFor } from "../../test/helpers";
import { renderApp } from "../../test/renderApp";
import { addDays, todayUtc } from "./dates";

const jiraSync = fixtures.registry.credentials.find((credential) => credential.id === 21) as Credential;

async function openRotate(user: ReturnType<typeof renderApp>["user"], label: string) {
  await screen.findByTestId("credentials-table");
  await user.click(within(rowFor(label)).getByRole("button", { name: `More actions for ${label}` }));
  await user.click(screen.getByRole("menuitem", { name: "Rotate" }));
  return findDialog();
}

describe("Rotate", () => {
  it("shows a failed check in the dialog, lets the user try again, then shows who it signed in as", async () => {
    const answers: Credential[] = [
      {
        ...jiraSync,
        verification: {
          state: "failed",
          at: "2026-03-02T09:00:00Z",
          code: "Unauthorized",
          message: "Jira answered 401: the email address and the API token do not belong together.",
        },
      },
      { ...jiraSync, verification: { state: "verified", at: "2026-03-02T09:01:00Z", identity: "Kakehashi Sync" } },
    ];
    const { user, backend } = renderApp({
      route: "credentials",
      registry: true,
      ipc: { rotate_credential: () => answers.shift() },
    });
    const dialog = await openRotate(user, "jira-sync (production)");
    expect(dialog).toHaveAccessibleName("Rotate “jira-sync (production)”");
    const secret = within(dialog).getByLabelText(/^New API token/);
    await waitFor(() => expect(secret).toHaveFocus());

    await user.type(secret, "wrong-token");
    await user.click(within(dialog).getByTestId("rotate-submit"));
    const failure = await within(dialog).findByTestId("verification-outcome");
    expect(failure).toHaveTextContent("Verification failed");
    expect(failure).toHaveTextContent("The server did not accept the sign-in.");
    expect(failure).toHaveTextContent("Details: Jira answered 401: the email address and the API token do not belong together.");
    expect(within(dialog).getByText(/The new secret is stored, but it did not work/)).toBeInTheDocument();
    expect(secret).toHaveValue("");
    expect(secret).toHaveFocus();
    expect(within(dialog).getByTestId("rotate-submit")).toHaveTextContent("Try again");

    await user.type(secret, "right-token");
    const expiresAt = addDays(todayUtc(), 300);
    fireEvent.change(within(dialog).getByLabelText(/^New expiry date/), { target: { value: expiresAt } });
    await user.click(within(dialog).getByTestId("rotate-submit"));
    expect(await within(dialog).findByText("Kakehashi signed in as Kakehashi Sync.")).toBeInTheDocument();
    expect(within(dialog).queryByTestId("rotate-form")).not.toBeInTheDocument();
    await waitFor(() => expect(within(dialog).getByTestId("rotate-done")).toHaveFocus());

    expect(backend.callsTo("rotate_credential").map((call) => call.args)).toEqual([
      { id: 21, secret: "wrong-token", expiresAt: null },
      { id: 21, secret: "right-token", expiresAt },
    ]);
    await user.click(within(dialog).getByTestId("rotate-done"));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("asks for the new secret before sending anything, and says an empty date keeps the current one", async () => {
    const { user, backend } = renderApp({ route: "credentials", registry: true });
    const dialog = await openRotate(user, "jira-sync (production)");
    expect(within(dialog).getByLabelText(/^New expiry date/)).toHaveAccessibleDescription(/Leave empty to keep the current date/);
    await user.click(within(dialog).getByTestId("rotate-submit"));
    expect(within(dialog).getByLabelText(/^New API token/)).toHaveAccessibleDescription(/Fill this in\./);
    expect(backend.callsTo("rotate_credential")).toHaveLength(0);
  });

  it("keeps the dialog open with the reason when the back end refuses", async () => {
    const { user } = renderApp({
      route: "credentials",
      registry: true,
      ipc: {
        rotate_credential: () => {
          throw { code: "KeychainUnavailable", message: "Unlock GNOME Keyring, then try again." };
        },
      },
    });
    const dialog = await openRotate(user, "ttnx-sync");
    await user.type(within(dialog).getByLabelText(/^New API key/), "key");
    await user.click(within(dialog).getByTestId("rotate-submit"));
    const alert = await within(dialog).findByRole("alert");
    expect(alert).toHaveTextContent("The secret was not replaced");
    expect(alert).toHaveTextContent("Details: Unlock GNOME Keyring, then try again.");
  });
});
