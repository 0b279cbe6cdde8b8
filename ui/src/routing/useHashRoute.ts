import { useSyncExternalStore } from "react";
import { routeFromHash, type RouteId } from "./routes";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

function currentRoute(): RouteId {
  return routeFromHash(window.location.hash);
}

/** The screen named by the URL hash; links are plain `<a href="#/…">`, so no navigate(). */
export function useHashRoute(): RouteId {
  return useSyncExternalStore(subscribe, currentRoute, currentRoute);
}
