import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp } from "../../test/renderApp";

async function problemCard(id: number): Promise<HTMLElement> {
  const cards = await screen.findAllByTestId("problem");
  const card = cards.find((candidate) => candidate.getAttribute("data-problem-id") === String(id));
  if (!card) throw new Error(`no problem ${id}`);
  return card;
}

describe("Activity: the problems inbox", () => {
  it("groups open problems by profile and says each cause in words", async () => {
    renderApp({ route: "activity", demo: true });
    const group = await screen.findByTestId("problem-group");
    expect(within(group).getByRole("heading", { name: "WEB: 7 open problems" })).toBeInTheDocument();
    expect(within(group).getAllByTestId("problem-cause").map((cause) => cause.textContent)).toEqual([
      "Sara Nilsson on Demo: Jira Cloud has no match in the user map.",
      "The Status value Blocked on Demo: Jira Cloud has no match in the value map.",
      "The sync account lacks the permission WORK_ON_ISSUES on Demo: Jira Cloud.",
      "The layout does not fit the profile: A task sits directly under the folder WEB 開発, where only versions belong.",
      "Both sides changed Summary: Demo: Jira Cloud has “Session timeout”, Demo: TimeTracker NX has “セッションタイムアウト”.",
      "Demo: TimeTracker NX refused the write (HTTP 422).",
      "Demo: TimeTracker NX could not be reached, even after retries.",
    ]);
    expect(within(await problemCard(3)).getByTestId("grant-permission")).toHaveTextContent(
      "Grant WORK_ON_ISSUES to the sync account on Demo: Jira Cloud",
    );
  });

  it("maps an unmapped person to a user of the other server in one step", async () => {
    const { user, backend } = renderApp({ route: "activity", demo: true });
    const card = await problemCard(1);
    await user.click(within(card).getByRole("button", { name: "Map this person" }));
    const pick = await within(card).findByRole("combobox", { name: "User on Demo: TimeTracker NX for Sara Nilsson" });
    await user.selectOptions(pick, "212");
    await user.click(within(card).getByRole("button", { name: "Map" }));
    await waitFor(() =>
      expect(backend.callsTo("sync_resolve_problem")[0]?.args).toEqual({ problemId: 1, action: { kind: "mapUser", right: "212", rightName: "吉田 蓮" } }),
    );
    await waitFor(() => expect(screen.getByTestId("problems-announcement")).toHaveTextContent("Sara Nilsson is mapped to 吉田 蓮"));
    await waitFor(() => expect(screen.getAllByTestId("problem")).toHaveLength(6));
    expect(backend.sync.profiles[0]?.userMap.at(-1)).toMatchObject({ left: "712020:9a7e55d0-sara", right: "212" });
  });

  it("maps an unmapped value, retries, skips and settles a conflict with the matching action", async () => {
    const { user, backend } = renderApp({ route: "activity", demo: true });
    const value = await problemCard(2);
    await user.click(within(value).getByRole("button", { name: "Map this value" }));
    await user.selectOptions(await within(value).findByRole("combobox", { name: "Value on Demo: TimeTracker NX for Blocked" }), "4");
    await user.click(within(value).getByRole("button", { name: "Map" }));
    await waitFor(() => expect(backend.callsTo("sync_resolve_problem")).toHaveLength(1));

    await user.click(within(await problemCard(3)).getByRole("button", { name: "Granted: retry now" }));
    await waitFor(() => expect(backend.callsTo("sync_resolve_problem")).toHaveLength(2));
    await user.click(within(await problemCard(5)).getByRole("button", { name: "Keep Demo: TimeTracker NX's value" }));
    await waitFor(() => expect(backend.callsTo("sync_resolve_problem")).toHaveLength(3));
    await user.click(within(await problemCard(7)).getByRole("button", { name: "Skip this item" }));
    await waitFor(() => expect(backend.callsTo("sync_resolve_problem")).toHaveLength(4));

    expect(backend.callsTo("sync_resolve_problem").map((call) => call.args)).toEqual([
      { problemId: 2, action: { kind: "mapValue", other: "4" } },
      { problemId: 3, action: { kind: "retry" } },
      { problemId: 5, action: { kind: "keepRight" } },
      { problemId: 7, action: { kind: "skip" } },
    ]);
    await waitFor(() => expect(screen.getAllByTestId("problem").map((card) => card.getAttribute("data-problem-id"))).toEqual(["1", "4", "6"]));
  });
});
