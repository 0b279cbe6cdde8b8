import type { ConnectionOverview } from "../../bindings";
import { useConnections } from "../../api/workspace";
import type { Side } from "../../api/syncTypes";

/** The two servers' names of a connection: every "left"/"right" on screen is said with these. */
export interface SideNames {
  left: string;
  right: string;
}

export const isJiraTtnx = (connection: ConnectionOverview) => {
  const kinds = [connection.left.server.kind, connection.right.server.kind];
  return kinds.includes("timeTrackerNx") && kinds.some((kind) => kind === "jiraCloud" || kind === "jiraDataCenter");
};

export function sideNamesOf(connection: ConnectionOverview | undefined): SideNames | null {
  return connection ? { left: connection.left.server.name, right: connection.right.server.name } : null;
}

/** The server names of a profile's connection; neutral words until the list has loaded. */
export function useSideNames(connectionId: number | null, fallback: SideNames): SideNames {
  const connections = useConnections();
  return sideNamesOf(connections.data?.find((item) => item.id === connectionId)) ?? fallback;
}

export const sideName = (names: SideNames, side: Side) => (side === "left" ? names.left : names.right);
