// A tiny router on the history API: the app has a handful of routes and needs no router library.
import { useSyncExternalStore } from "react";

export type Route = { name: "console" } | { name: "screen"; n: number } | { name: "notFound" };

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, "") || "/";
  if (path === "/") return { name: "console" };
  const screen = /^\/screen\/(\d{1,2})$/.exec(path);
  if (screen) {
    const n = Number(screen[1]);
    if (n >= 1 && n <= 16) return { name: "screen", n };
  }
  return { name: "notFound" };
}

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

export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, () => location.pathname);
  return matchRoute(pathname);
}
