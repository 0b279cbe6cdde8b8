import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Staged } from "../../api/membersTypes";
import { findDialog } from "../../test/helpers";
import { renderApp } from "../../test/renderApp";
import { cellText, memberRow, openProject } from "./testing";
import type { SeedActionsProps } from "./seed/SeedActions";

/** What a seeding dialog hands over: an add, an add of a member at a new cost, a removal. */
const SEEDED: Staged = {
  adds: [
    { userId: "219", name: "清水 さくら", unitCost: 4600 },
    { userId: "202", name: "佐藤 健", unitCost: 6200 },
  ],
  updates: [],
  removes: ["6004"],
};

const seen: SeedActionsProps[] = [];

// UI-SEED's real toolbar is replaced by one button that stages SEEDED, so this file tests
// the slot's contract (its props, and that onStage merges into the staging) on its own.
vi.mock("./seed/SeedActions", () => ({
  SeedActions: (props: SeedActionsProps) => {
    seen.push(props);
    return (
      <button type="button" onClick={() => props.onStage(SEEDED)}>
        Seed for test
      </button>
    );
  },
}));

describe("Members: the seeding slot", () => {
  it("gets the server, the loaded members and the permission, and merges what it stages", async () => {
    const { user } = renderApp({ route: "members", registry: true });
    await openProject(user, "MOB", "モバイルアプリ");
    const props = seen.at(-1);
    expect(props?.serverId).toBe(13);
    expect(props?.canManage).toBe(true);
    expect(props?.project.project.code).toBe("MOB");
    expect(props?.project.members).toHaveLength(4);

    // Already staged here: 佐藤 at 7,000; the seed's 6,200 wins.
    await user.click(within(memberRow("佐藤 健")).getByTestId("cost-edit"));
    await user.type(screen.getByTestId("cost-input"), "{Control>}a{/Control}7000{Enter}");
    await user.click(screen.getByRole("button", { name: "Seed for test" }));
    expect(screen.getByTestId("staged-count")).toHaveTextContent("3 changes staged");
    expect(cellText(memberRow("佐藤 健"), 3)).toBe("5,800 → 6,200");
    expect(memberRow("清水 さくら")).toHaveAttribute("data-change", "add");
    expect(memberRow("木村 葵")).toHaveAttribute("data-change", "remove");
    expect(screen.getByTestId("members-announcer")).toHaveTextContent("3 changes staged.");

    // "Discard changes" asks, then empties the staging and says so.
    await user.click(screen.getByTestId("staging-discard"));
    await user.click(within(await findDialog()).getByTestId("discard-confirm"));
    await waitFor(() => expect(screen.getByTestId("staged-count")).toHaveTextContent("No changes staged"));
    expect(screen.queryByText("清水 さくら")).not.toBeInTheDocument();
    expect(screen.getByTestId("members-announcer")).toHaveTextContent("No changes staged.");
  });

  it("is told when the account may not manage the project", async () => {
    const { user } = renderApp({ route: "members", registry: true });
    await openProject(user, "OPS", "社内運用");
    expect(seen.at(-1)?.canManage).toBe(false);
  });
});
