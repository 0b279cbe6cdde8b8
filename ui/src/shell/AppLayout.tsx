import { AppShell, Burger, Container, Group, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PAGE_TITLE_ID } from "../components/PageHeader";
import type { RouteId } from "../routing/routes";
import { NavBar } from "./NavBar";
import { MAIN_CONTENT_ID, SkipLink } from "./SkipLink";

interface AppLayoutProps {
  route: RouteId;
  children: ReactNode;
}

/** Header, navigation and main landmark around the current screen. */
export function AppLayout({ route, children }: AppLayoutProps) {
  const { t } = useTranslation();
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  useFocusHeadingOnNavigation(route);

  return (
    <>
      <SkipLink />
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 250, breakpoint: "sm", collapsed: { mobile: !navOpened } }}
        padding="lg"
      >
        <AppShell.Header>
          <Group h="100%" px="md" gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={toggleNav}
              hiddenFrom="sm"
              size="sm"
              aria-label={t("app.toggleNavigation")}
              aria-expanded={navOpened}
              aria-controls="main-navigation"
            />
            <Text component="span" fw={700} size="lg">
              {t("app.name")}
            </Text>
            <Text component="span" size="sm" c="dimmed" visibleFrom="xs" truncate>
              {t("app.tagline")}
            </Text>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar id="main-navigation" p="sm" aria-label={t("app.mainNavigation")}>
          <NavBar current={route} onNavigate={closeNav} />
        </AppShell.Navbar>

        <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1}>
          <Container size="md" px={0}>
            {children}
          </Container>
        </AppShell.Main>
      </AppShell>
    </>
  );
}

/**
 * After a screen change (not on first load), put focus on the new screen's heading so
 * keyboard and screen-reader users start reading the new content, not the old link.
 */
function useFocusHeadingOnNavigation(route: RouteId) {
  const previous = useRef(route);
  useEffect(() => {
    if (previous.current === route) return;
    previous.current = route;
    document.getElementById(PAGE_TITLE_ID)?.focus();
  }, [route]);
}
