// A tiny router on the history API: the app has a handful of routes and needs no router library. The
// routes themselves are the table in shell/routes.ts.
import { useSyncExternalStore } from "react";

import { matchRoute, type Route } from "./shell/routes";

export type { Route };
export { matchRoute };

const listeners = new Set<() => void>();
function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  window.addEventListener("popstate", fn);
  return () => {
    listeners.delete(fn);
    window.removeEventListener("popstate", fn);
  };
}

export function navigate(path: string): void {
  if (path === location.pathname) return;
  history.pushState(null, "", path);
  for (const fn of listeners) fn();
}

/** Replaces the current entry (no new history step): a redirect, e.g. to a role's start page. */
export function redirect(path: string): void {
  if (path === location.pathname) return;
  history.replaceState(null, "", path);
  for (const fn of listeners) fn();
}

export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, () => location.pathname);
  return matchRoute(pathname);
}
