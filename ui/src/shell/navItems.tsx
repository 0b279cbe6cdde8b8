import {
  IconActivity,
  IconArrowsExchange,
  IconHome,
  IconKey,
  IconPlugConnected,
  IconSettings,
  IconUsers,
  type Icon,
} from "@tabler/icons-react";
import type { RouteId } from "../routing/routes";

interface NavItem {
  route: RouteId;
  /** Key under `nav.` in the locale files. */
  labelKey: `nav.${RouteId}`;
  icon: Icon;
}

/** Navbar order follows the setup order on Home: credentials → connections → profiles. */
export const NAV_ITEMS: readonly NavItem[] = [
  { route: "home", labelKey: "nav.home", icon: IconHome },
  { route: "connections", labelKey: "nav.connections", icon: IconPlugConnected },
  { route: "profiles", labelKey: "nav.profiles", icon: IconArrowsExchange },
  { route: "members", labelKey: "nav.members", icon: IconUsers },
  { route: "credentials", labelKey: "nav.credentials", icon: IconKey },
  { route: "activity", labelKey: "nav.activity", icon: IconActivity },
  { route: "settings", labelKey: "nav.settings", icon: IconSettings },
];
