import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fixtures } from "../../test/fakeBackend";
import { findDialog } from "../../test/helpers";
import { renderApp } from "../../test/renderApp";

const exportFile = JSON.stringify({ format: "kakehashi-workspace", version: 1, servers: [], credentials: [], connections: [] });

async function chooseFile(user: ReturnType<typeof renderApp>["user"], text = exportFile) {
  await user.click(await screen.findByTestId("import-workspace"));
  const dialog = await findDialog();
  const input = dialog.querySelector<HTMLInputElement>('input[type="file"]');
  if (!input) throw new Error("no file input");
  expect(input).toHaveAttribute("accept", ".json,application/json");
  await user.upload(input, new File([text], "kakehashi-workspace.json", { type: "application/json" }));
  return dialog;
}

describe("Export and import", () => {
  it("exports and says where the file went", async () => {
    const { user } = renderApp({ route: "connections", registry: true });
    await user.click(await screen.findByTestId("export-workspace"));
    const notice = await screen.findByTestId("export-notice");
    expect(notice).toHaveTextContent("Exported 4 servers, 3 connections and 6 credentials.");
    expect(within(notice).getByTestId("export-path")).toHaveTextContent(fixtures.registry.exportSummary.path);
    expect(notice).toHaveTextContent("The file contains no secret.");
  });

  it("previews the file, asks for each secret it cannot contain, imports and summarises", async () => {
    const { user, backend } = renderApp({ route: "connections", registry: true });
    const dialog = await chooseFile(user);

    const preview = await within(dialog).findByTestId("import-preview");
    expect(backend.callsTo("preview_import")[0]?.args).toEqual({ text: exportFile });
    expect(preview).toHaveTextContent("Jira Cloud (production)");
    expect(preview).toHaveTextContent("Already registered — reused");
    expect(preview).toHaveTextContent("Jira Data Center (Osaka)");
    expect(preview).toHaveTextContent("1 connection to add");
    expect(within(preview).getByTestId("import-notes")).toHaveTextContent("exists already and will be skipped");
    expect(within(preview).getByTestId("import-sign-in-later")).toHaveTextContent(
      "Osaka OAuth link (Jira Data Center: OAuth 2.0, Jira Data Center (Osaka))",
    );
    const patField = await within(preview).findByLabelText(/^jira-osaka-sync \(PAT\): Personal access token/);
    const passwordField = within(preview).getByLabelText(/^osaka-admin: Password/);
    expect(passwordField).toHaveAccessibleDescription(/login kakehashi-sync/);
    expect(within(preview).queryByLabelText(/^Osaka OAuth link/)).not.toBeInTheDocument();
    expect(within(preview).queryByLabelText(/^jira-sync \(production\)/)).not.toBeInTheDocument();
    expect(within(preview).getByTestId("import-reused-credentials")).toHaveTextContent("jira-sync (production)");
    expect(within(preview).getByTestId("import-sign-in-later")).not.toHaveTextContent("jira-sync (production)");

    await user.click(within(preview).getByTestId("import-confirm"));
    expect(patField).toHaveAccessibleDescription(/Fill this in\./);
    expect(patField).toHaveFocus();
    expect(backend.callsTo("import_workspace")).toHaveLength(0);

    await user.type(patField, "osaka-pat");
    await user.type(passwordField, "osaka-password");
    await user.click(within(preview).getByTestId("import-confirm"));

    const summary = await within(dialog).findByTestId("import-summary");
    expect(backend.callsTo("import_workspace")[0]?.args).toEqual({
      text: exportFile,
      secrets: [
        { index: 0, secret: "osaka-pat" },
        { index: 1, secret: "osaka-password" },
      ],
    });
    expect(summary).toHaveTextContent("1 server added");
    expect(summary).toHaveTextContent("1 registered server reused");
    expect(summary).toHaveTextContent("3 credentials added");
    expect(summary).toHaveTextContent("1 registered credential reused");
    expect(within(summary).getByTestId("import-skipped")).toHaveTextContent("Jira Cloud ↔ TimeTracker NX");
    expect(summary).toHaveTextContent("Still to sign in (OAuth):Osaka OAuth link");
    await waitFor(() => expect(within(dialog).getByTestId("import-done")).toHaveFocus());
  });

  it("explains a file that is not an export", async () => {
    const { user } = renderApp({
      route: "connections",
      registry: true,
      ipc: {
        preview_import: () => {
          throw { code: "Validation", field: "format", message: "This is not a Kakehashi workspace file (format missing)." };
        },
      },
    });
    const dialog = await chooseFile(user, "{}");
    const alert = await within(dialog).findByRole("alert");
    expect(alert).toHaveTextContent("This file cannot be imported");
    expect(alert).toHaveTextContent("Details: This is not a Kakehashi workspace file (format missing).");
  });
});
