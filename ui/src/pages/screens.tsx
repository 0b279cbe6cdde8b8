import type { ComponentType } from "react";
import type { RouteId } from "../routing/routes";
import { ActivityPage } from "./ActivityPage";
import { ConnectionsPage } from "./ConnectionsPage";
import { CredentialsPage } from "./CredentialsPage";
import { HomePage } from "./HomePage";
import { MembersPage } from "./MembersPage";
import { ProfilesPage } from "./ProfilesPage";
import { SettingsPage } from "./SettingsPage";

/** Which component renders which route; a missing entry is a compile error. */
export const SCREENS: Record<RouteId, ComponentType> = {
  home: HomePage,
  connections: ConnectionsPage,
  profiles: ProfilesPage,
  members: MembersPage,
  credentials: CredentialsPage,
  activity: ActivityPage,
  settings: SettingsPage,
};
