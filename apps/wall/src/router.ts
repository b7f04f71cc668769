// A tiny router on the history API: the app has a handful of routes and needs no router library.
import { useSyncExternalStore } from "react";

export type Route =
  | { name: "console" }
  | { name: "screen"; n: number }
  | { name: "orders"; id: string | null }
  | { name: "unit" }
  | { name: "inspection" }
  | { name: "inspectionVerify"; date: string }
  | { name: "inspectionRecord"; date: string }
  | { name: "duty" }
  | { name: "rollcalls" }
  | { name: "overview" }
  | { name: "reports" }
  | { name: "dashboard" }
  | { name: "notFound" };

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, "") || "/";
  if (path === "/") return { name: "console" };
  if (path === "/unit") return { name: "unit" };
  if (path === "/overview") return { name: "overview" };
  if (path === "/reports") return { name: "reports" };
  if (path === "/screen/dashboard") return { name: "dashboard" };
  if (path === "/duty") return { name: "duty" };
  if (path === "/rollcalls") return { name: "rollcalls" };
  if (path === "/inspection") return { name: "inspection" };
  const inspection = /^\/inspection\/(verify|record)\/(\d{4}-\d{2}-\d{2})$/.exec(path);
  if (inspection) {
    return { name: inspection[1] === "verify" ? "inspectionVerify" : "inspectionRecord", date: inspection[2]! };
  }
  if (path === "/orders") return { name: "orders", id: null };
  const order = /^\/orders\/([A-Za-z0-9_-]{1,64})$/.exec(path);
  if (order) return { name: "orders", id: order[1]! };
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
