import { NavLink, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { hrefFor, type RouteId } from "../routing/routes";
import { NAV_ITEMS } from "./navItems";

interface NavBarProps {
  current: RouteId;
  /** Called after a link is followed, so the mobile drawer can close. */
  onNavigate: () => void;
}

export function NavBar({ current, onNavigate }: NavBarProps) {
  const { t } = useTranslation();
  return (
    <Stack component="ul" gap={2} m={0} p={0} style={{ listStyle: "none" }}>
      {NAV_ITEMS.map(({ route, labelKey, icon: Icon }) => {
        const active = route === current;
        return (
          <li key={route}>
            <NavLink
              component="a"
              href={hrefFor(route)}
              label={t(labelKey)}
              leftSection={<Icon size={20} stroke={1.6} aria-hidden />}
              active={active}
              aria-current={active ? "page" : undefined}
              data-testid={`nav-${route}`}
              onClick={onNavigate}
            />
          </li>
        );
      })}
    </Stack>
  );
}
