import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp } from "../test/renderApp";
import { NAV_ITEMS } from "./navItems";

const ENGLISH_TITLES = {
  home: "Home",
  connections: "Connections",
  profiles: "Sync profiles",
  members: "Members",
  credentials: "Credentials",
  activity: "Activity",
  settings: "Settings",
} as const;

describe("navigation", () => {
  it("opens every screen from the navbar, with one h1 each", async () => {
    const { user } = renderApp();
    const nav = screen.getByRole("navigation", { name: "Main navigation" });

    for (const { route } of [...NAV_ITEMS].reverse()) {
      await user.click(within(nav).getByTestId(`nav-${route}`));
      expect(await screen.findByRole("heading", { level: 1, name: ENGLISH_TITLES[route] })).toHaveAttribute(
        "data-testid",
        "page-title",
      );
      expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1);
      expect(screen.getByTestId(`nav-${route}`)).toHaveAttribute("aria-current", "page");
      expect(window.location.hash).toBe(route === "home" ? "#/" : `#/${route}`);
      expect(document.title).toBe(`${ENGLISH_TITLES[route]} – Kakehashi`);
    }
  });

  it.each(NAV_ITEMS.map(({ route }) => route))("opens %s directly from the URL", async (route) => {
    renderApp({ route });
    expect(await screen.findByTestId("page-title")).toHaveTextContent(ENGLISH_TITLES[route]);
  });

  it("moves focus to the new screen's heading after navigating", async () => {
    const { user } = renderApp();
    await user.click(screen.getByTestId("nav-activity"));
    const heading = await screen.findByRole("heading", { level: 1, name: "Activity" });
    expect(heading).toHaveFocus();
  });

  it("offers a skip link that moves focus to the main content", async () => {
    const { user } = renderApp({ route: "members" });
    await user.tab();
    const skip = screen.getByRole("link", { name: "Skip to content" });
    expect(skip).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(screen.getByRole("main")).toHaveFocus();
    expect(window.location.hash).toBe("#/members");
  });

  it("has the landmarks a screen reader expects", () => {
    renderApp();
    expect(screen.getByRole("banner")).toBeInTheDocument();
    expect(screen.getByRole("navigation", { name: "Main navigation" })).toBeInTheDocument();
    expect(screen.getByRole("main")).toBeInTheDocument();
  });
});
