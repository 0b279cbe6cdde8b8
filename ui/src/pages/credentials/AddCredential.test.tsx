import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp } from "../../test/renderApp";
import { expectFieldError, findDialog } from "../../test/helpers";
import { addDays, todayUtc } from "./dates";

/** Opens "Add credential" and picks the server and kind, as a user would. */
async function startAdding(user: ReturnType<typeof renderApp>["user"], serverId: string, kind: string) {
  await user.click(await screen.findByTestId("add-credential"));
  const dialog = await findDialog();
  await user.selectOptions(within(dialog).getByRole("combobox", { name: "Server" }), serverId);
  await user.click(within(dialog).getByRole("radio", { name: kind }));
  return dialog;
}

describe("Add credential", () => {
  it("offers only the kinds that fit the server, each with its guidance", async () => {
    const { user } = renderApp({ route: "credentials", registry: true });
    await user.click(await screen.findByTestId("add-credential"));
    const dialog = await findDialog();
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Server" }), "12");
    const kinds = within(dialog).getAllByRole("radio").map((radio) => radio.getAttribute("value"));
    expect(kinds).toEqual(["jira-dc-password", "jira-dc-pat", "jira-dc-oauth"]);
    expect(within(dialog).getByRole("radio", { name: "Jira Data Center: personal access token" })).toHaveAccessibleDescription(
      /Recommended for Data Center 8\.14 and later/,
    );
  });

  it("validates before sending, lands on the first problem, then saves and shows the verification", async () => {
    const { user, backend } = renderApp({ route: "credentials", registry: true });
    const dialog = await startAdding(user, "11", "Jira Cloud: email + API token");

    await user.click(within(dialog).getByTestId("credential-save"));
    const label = within(dialog).getByRole("textbox", { name: "Label" });
    await waitFor(() => expect(label).toHaveFocus());
    expectFieldError(label, "Fill this in.");
    expectFieldError(within(dialog).getByRole("textbox", { name: "Email address" }), "Fill this in.");
    expectFieldError(within(dialog).getByLabelText(/^API token/), "Fill this in.");
    expectFieldError(within(dialog).getByLabelText(/^Expiry date/), "Fill this in.");

    await user.type(label, "jira-sync (staging)");
    await user.type(within(dialog).getByRole("textbox", { name: "Email address" }), "kakehashi-sync@");
    await user.type(within(dialog).getByLabelText(/^API token/), "cloud-token-1");
    const expiry = within(dialog).getByLabelText(/^Expiry date/);
    fireEvent.change(expiry, { target: { value: addDays(todayUtc(), 400) } });
    await user.click(within(dialog).getByTestId("credential-save"));

    expect(await within(dialog).findByText("Enter an email address, such as name@example.com.")).toBeInTheDocument();
    expectFieldError(expiry, /Tokens of this kind last at most 365 days\. Choose .* or earlier\./);
    expect(backend.callsTo("add_credential")).toHaveLength(0);

    const email = within(dialog).getByRole("textbox", { name: "Email address" });
    await user.clear(email);
    await user.type(email, "kakehashi-sync@example.co.jp");
    const expiresAt = addDays(todayUtc(), 200);
    fireEvent.change(expiry, { target: { value: expiresAt } });
    await user.click(within(dialog).getByTestId("credential-save"));

    const outcome = await within(dialog).findByTestId("verification-outcome");
    expect(outcome).toHaveTextContent("Kakehashi signed in as kakehashi-sync@example.co.jp.");
    expect(within(dialog).queryByTestId("replaced-notice")).not.toBeInTheDocument();
    expect(backend.callsTo("add_credential")[0]?.args).toEqual({
      input: {
        serverId: 11,
        kind: "jira-cloud-token",
        label: "jira-sync (staging)",
        login: "kakehashi-sync@example.co.jp",
        expiresAt,
        isService: false,
        secret: "cloud-token-1",
      },
    });
    await waitFor(() => expect(within(dialog).getByTestId("saved-done")).toHaveFocus());
    await user.click(within(dialog).getByTestId("saved-done"));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(await screen.findByText("jira-sync (staging)")).toBeInTheDocument();
  });

  it("prefills the Assets expiry with three months", async () => {
    const { user } = renderApp({ route: "credentials", registry: true });
    const dialog = await startAdding(user, "11", "Assets Data Manager: Adapters client token");
    expect(within(dialog).getByLabelText(/^Expiry date/)).toHaveValue(addDays(todayUtc(), 90));
    expect(within(dialog).queryByRole("textbox", { name: "Email address" })).not.toBeInTheDocument();
    expect(within(dialog).getByTestId("credential-save")).toHaveTextContent("Save");
  });

  it("says which service credential a new one replaced", async () => {
    const { user, backend } = renderApp({ route: "credentials", registry: true });
    const dialog = await startAdding(user, "11", "Jira Cloud: email + API token");
    await user.type(within(dialog).getByRole("textbox", { name: "Label" }), "jira-sync (new admin)");
    await user.type(within(dialog).getByRole("textbox", { name: "Email address" }), "admin@example.co.jp");
    await user.type(within(dialog).getByLabelText(/^API token/), "t0ken");
    fireEvent.change(within(dialog).getByLabelText(/^Expiry date/), { target: { value: addDays(todayUtc(), 30) } });
    await user.click(within(dialog).getByRole("checkbox", { name: "Use as the service credential for this server" }));
    await user.click(within(dialog).getByTestId("credential-save"));

    expect(await within(dialog).findByTestId("replaced-notice")).toHaveTextContent(
      "Replaced the previous service credential “jira-sync (production)”.",
    );
    expect(backend.credentials().some((credential) => credential.id === 21)).toBe(false);
  });

  it("puts the back end's Validation error on its field and explains a missing keychain", async () => {
    let answer: unknown = { code: "Validation", field: "login", message: "Jira Cloud wants the account's email address." };
    const { user } = renderApp({
      route: "credentials",
      registry: true,
      ipc: {
        add_credential: () => {
          throw answer;
        },
      },
    });
    const dialog = await startAdding(user, "13", "TimeTracker NX: login + password");
    await user.type(within(dialog).getByRole("textbox", { name: "Label" }), "ttnx");
    await user.type(within(dialog).getByRole("textbox", { name: "User name" }), "sync");
    await user.type(within(dialog).getByLabelText(/^Password/), "pw");
    await user.click(within(dialog).getByTestId("credential-save"));
    expectFieldError(await within(dialog).findByRole("textbox", { name: "User name" }), "Not accepted: Jira Cloud wants the account's email address.");
    expect(within(dialog).queryByRole("alert")).not.toBeInTheDocument();

    answer = { code: "KeychainUnavailable", message: "Install or unlock GNOME Keyring or KWallet, then try again." };
    await user.click(within(dialog).getByTestId("credential-save"));
    const alert = await within(dialog).findByRole("alert");
    expect(alert).toHaveTextContent("The credential was not saved");
    expect(alert).toHaveTextContent("The system keychain cannot be reached");
    expect(alert).toHaveTextContent("Details: Install or unlock GNOME Keyring or KWallet, then try again.");
  });

  it("adds a service credential from the administrator section, with the server and flag filled in", async () => {
    const { user, backend } = renderApp({ route: "credentials", registry: true });
    const row = (await screen.findAllByTestId("service-row")).find((candidate) => candidate.textContent?.includes("Asana"));
    if (!row) throw new Error("no Asana row");
    expect(within(row).getByTestId("service-none")).toHaveTextContent("None — automatic sync on this server cannot run");
    await user.click(within(row).getByRole("button", { name: "Add service credential for Asana (marketing)" }));

    const dialog = await findDialog();
    expect(dialog).toHaveAccessibleName("Add a service credential");
    expect(within(dialog).getByRole("combobox", { name: "Server" })).toHaveValue("14");
    await user.click(within(dialog).getByRole("radio", { name: "Asana: personal access token" }));
    expect(within(dialog).getByRole("checkbox", { name: "Use as the service credential for this server" })).toBeChecked();
    await user.type(within(dialog).getByRole("textbox", { name: "Label" }), "asana-sync");
    await user.type(within(dialog).getByLabelText(/^Personal access token/), "2/1209/abc");
    await user.click(within(dialog).getByTestId("credential-save"));
    await within(dialog).findByTestId("saved-result");
    expect(backend.callsTo("add_credential")[0]?.args).toMatchObject({ input: { serverId: 14, isService: true } });
  });
});
