import { screen, within } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";

/** Searches for a project by `text` and opens the one whose name is `name`; resolves with the table. */
export async function openProject(user: UserEvent, text: string, name: string): Promise<HTMLElement> {
  const search = await screen.findByTestId("project-search");
  await user.clear(search);
  await user.type(search, text);
  const option = await screen.findByRole("button", { name: new RegExp(name) });
  await user.click(option);
  return screen.findByTestId("members-table");
}

/** The table row whose row header starts with `name`. */
export function memberRow(name: string): HTMLElement {
  const row = screen
    .getAllByTestId("member-row")
    .find((candidate) => within(candidate).getByRole("rowheader").textContent?.startsWith(name));
  if (!row) throw new Error(`no member row for ${name}`);
  return row;
}

/** The names in the table, top to bottom. */
export function memberNames(): string[] {
  return screen.getAllByTestId("member-row").map((row) => {
    const header = within(row).getByRole("rowheader");
    const badge = within(header).queryByTestId("change-badge")?.textContent ?? "";
    return (header.textContent ?? "").slice(0, (header.textContent ?? "").length - badge.length);
  });
}

/** The cell text of one column for a row: 0 checkbox, 1 login, 2 organisation, 3 cost, 4 since. */
export function cellText(row: HTMLElement, index: number): string {
  return within(row).getAllByRole("cell")[index]?.textContent ?? "";
}

/** Render options for the app in `language`, as the back end's preferences say (the UI follows them once read). */
export const inLanguage = (language: "ja" | "sv") => ({
  language,
  ipc: { get_preferences: () => ({ language, effectiveLanguage: language, closeToTray: true, notifyManualSync: false }) },
});
