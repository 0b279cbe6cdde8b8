/**
 * The app's screens. Hash routing (`#/settings`) keeps deep links working under Tauri's
 * custom protocol and from a plain file server, with no router dependency.
 */
export const ROUTE_IDS = [
  "home",
  "connections",
  "profiles",
  "members",
  "credentials",
  "activity",
  "settings",
] as const;

export type RouteId = (typeof ROUTE_IDS)[number];

export function isRouteId(value: string): value is RouteId {
  return (ROUTE_IDS as readonly string[]).includes(value);
}

/** `#/settings` → "settings"; anything unknown or empty opens Home. */
export function routeFromHash(hash: string): RouteId {
  const match = /^#\/([a-z-]*)/.exec(hash);
  const segment = match?.[1] ?? "";
  return isRouteId(segment) ? segment : "home";
}

export function hrefFor(route: RouteId): string {
  return route === "home" ? "#/" : `#/${route}`;
}
