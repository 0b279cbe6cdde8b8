import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { findDialog } from "../../test/helpers";
import { renderApp } from "../../test/renderApp";

describe("Home: credential alerts", () => {
  it("is not there when no credential expires soon", async () => {
    renderApp();
    await screen.findByTestId("scheduler-state");
    expect(screen.queryByTestId("credential-alerts")).not.toBeInTheDocument();
  });

  it("lists expiring and expired credentials, with the syncs an expired one paused", async () => {
    renderApp({ registry: true });
    const card = await screen.findByTestId("credential-alerts");
    expect(within(card).getByRole("heading", { name: "Credentials that need attention" })).toBeInTheDocument();
    const [expired, soon] = within(card).getAllByTestId("credential-alert");
    expect(expired).toHaveTextContent("Assets adapter (CMDB import)");
    expect(expired).toHaveTextContent("Expired 3 days ago");
    expect(within(expired!).getByTestId("credential-alert-paused")).toHaveTextContent("Expired — syncs paused: Assets CMDB import");
    expect(soon).toHaveTextContent("jira-sync (production)");
    expect(soon).toHaveTextContent("Expires soon: in 6 days");
    expect(within(soon!).queryByTestId("credential-alert-paused")).not.toBeInTheDocument();
  });

  it("opens the same Rotate dialog, and the alert goes once the secret is replaced", async () => {
    const { user, backend } = renderApp({ registry: true });
    const card = await screen.findByTestId("credential-alerts");
    await user.click(within(card).getByRole("button", { name: "Rotate jira-sync (production)" }));
    const dialog = await findDialog();
    expect(dialog).toHaveAccessibleName("Rotate “jira-sync (production)”");
    await user.type(await within(dialog).findByLabelText(/^New API token/), "fresh-token");
    await user.click(within(dialog).getByTestId("rotate-submit"));
    expect(await within(dialog).findByText("Kakehashi signed in as kakehashi-sync@example.co.jp.")).toBeInTheDocument();
    expect(backend.callsTo("rotate_credential")[0]?.args).toEqual({ id: 21, secret: "fresh-token", expiresAt: null });
    await user.click(within(dialog).getByTestId("rotate-done"));
    await waitFor(() => expect(screen.getAllByTestId("credential-alert")).toHaveLength(1));
  });

  it("is translated", async () => {
    renderApp({ registry: true, language: "ja", ipc: { get_preferences: () => ({ language: "ja", effectiveLanguage: "ja", closeToTray: true, notifyManualSync: false }) } });
    const card = await screen.findByTestId("credential-alerts");
    expect(card).toHaveTextContent("対応が必要な認証情報");
    expect(card).toHaveTextContent("期限切れ — 一時停止中の同期: Assets CMDB import");
  });
});
