// The wall's route table: every page's path, who may open it, where it sits in the navigation, whether
// it has the shell's chrome, and which live topics it listens to. The shell (AppShell), the navigation
// (ShellNav) and the "no access" answer all read this one table, so a page is added in one place.
// Owns: path → route matching and page access. Never renders anything (pages are bound in pages.tsx).
import { type Capability, can, type LiveTopic, type Role } from "@cw/protocol";
import type { MessageKey } from "../i18n/i18n";

export type RouteName =
  | "console"
  | "screen"
  | "dashboard"
  | "duty"
  | "rollcalls"
  | "orders"
  | "unit"
  | "inspection"
  | "inspectionVerify"
  | "inspectionRecord"
  | "overview"
  | "reports"
  | "playback"
  | "verifyExport"
  | "devices"
  | "recordingPlans"
  | "users"
  | "audit"
  | "cameraGroups"
  | "notFound";

export type Route =
  | { name: "screen"; n: number }
  | { name: "orders"; id: string | null }
  | { name: "inspectionVerify" | "inspectionRecord"; date: string }
  | { name: Exclude<RouteName, "screen" | "orders" | "inspectionVerify" | "inspectionRecord"> };

/** Navigation groups, in the order the bar shows them. */
export type NavGroup = "live" | "duty" | "command" | "inspection" | "analysis" | "admin";
export const navGroups: readonly NavGroup[] = ["live", "duty", "command", "inspection", "analysis", "admin"];

export interface RouteDef {
  name: RouteName;
  /** The canonical path the navigation links to. */
  path: string;
  title: MessageKey;
  /** What a role must hold to open the page (the policy table in @cw/protocol; the gateway refuses the
   *  page's data by the same capability). Absent: any logged-in user. */
  needs?: Capability;
  /** In the bar's navigation, under this group (absent: reached by links only). */
  nav?: NavGroup;
  /** false: a big-screen output, drawn full-bleed with no bar. */
  chrome: boolean;
  /** Live topics the page needs (absent: every topic, the default subscription). */
  topics?: readonly LiveTopic[];
}

export const routeTable: readonly RouteDef[] = [
  { name: "console", path: "/", title: "nav.console", needs: "cameras.view", nav: "live", chrome: true },
  { name: "duty", path: "/duty", title: "nav.duty", needs: "alarms.view", nav: "duty", chrome: true },
  { name: "rollcalls", path: "/rollcalls", title: "nav.rollcalls", needs: "rollcalls.view", nav: "duty", chrome: true },
  {
    name: "orders",
    path: "/orders",
    title: "nav.orders",
    needs: "orders.watch",
    nav: "command",
    chrome: true,
  },
  { name: "unit", path: "/unit", title: "nav.unit", needs: "orders.sign", nav: "command", chrome: true },
  {
    name: "inspection",
    path: "/inspection",
    title: "nav.inspection",
    needs: "inspection.inspect",
    nav: "inspection",
    chrome: true,
  },
  {
    name: "inspectionVerify",
    path: "/inspection/verify",
    title: "insp.verify.title",
    needs: "inspection.verify",
    chrome: true,
  },
  {
    name: "inspectionRecord",
    path: "/inspection/record",
    title: "insp.record.title",
    needs: "inspection.inspect",
    chrome: true,
  },
  {
    name: "overview",
    path: "/overview",
    title: "ov.nav",
    needs: "reports.view",
    nav: "analysis",
    chrome: true,
    topics: ["overview"],
  },
  { name: "reports", path: "/reports", title: "ov.reports", needs: "reports.view", nav: "analysis", chrome: true },
  { name: "playback", path: "/playback", title: "nav.playback", needs: "recordings.view", nav: "live", chrome: true },
  {
    name: "recordingPlans",
    path: "/recording-plans",
    title: "nav.recordingPlans",
    needs: "recordings.manage",
    nav: "live",
    chrome: true,
  },
  { name: "verifyExport", path: "/evidence/verify", title: "nav.verifyExport", chrome: true },
  { name: "devices", path: "/devices", title: "nav.devices", needs: "gb.devices", nav: "live", chrome: true },
  { name: "users", path: "/users", title: "nav.users", needs: "users.manage", nav: "admin", chrome: true },
  { name: "audit", path: "/audit", title: "nav.audit", needs: "audit.view", nav: "admin", chrome: true, topics: [] },
  {
    name: "cameraGroups",
    path: "/camera-groups",
    title: "nav.cameraGroups",
    needs: "cameraGroups.manage",
    nav: "admin",
    chrome: true,
    topics: [],
  },
  { name: "screen", path: "/screen/1", title: "nav.screens", needs: "wall.view", chrome: false },
  {
    name: "dashboard",
    path: "/screen/dashboard",
    title: "ov.bigScreen",
    needs: "reports.view",
    chrome: false,
    topics: ["overview"],
  },
  { name: "notFound", path: "/404", title: "notFound.title", chrome: true },
];

const byName = new Map(routeTable.map((r) => [r.name, r]));

export function routeDef(name: RouteName): RouteDef {
  const def = byName.get(name);
  if (def === undefined) throw new Error(`no route ${name}`);
  return def;
}

export function canOpen(role: Role | undefined, name: RouteName): boolean {
  const needs = routeDef(name).needs;
  return role !== undefined && (needs === undefined || can(role, needs));
}

/** Where a role starts after logging in (the console for the big-screen roles). */
export const landing: Readonly<Record<Role, string>> = {
  admin: "/users",
  commander: "/",
  viewer: "/",
  duty: "/duty",
  chief: "/inspection",
  operator: "/unit",
};

/** The pages a role sees in the bar, grouped and in table order. */
export function navFor(role: Role | undefined): Array<{ group: NavGroup; routes: RouteDef[] }> {
  return navGroups
    .map((group) => ({ group, routes: routeTable.filter((r) => r.nav === group && canOpen(role, r.name)) }))
    .filter((g) => g.routes.length > 0);
}

const parametrised = new Set<RouteName>(["screen", "orders", "inspectionVerify", "inspectionRecord", "notFound"]);
type SimpleName = Exclude<RouteName, "screen" | "orders" | "inspectionVerify" | "inspectionRecord">;
const isSimple = (name: RouteName): name is SimpleName => !parametrised.has(name);
const simplePaths = new Map<string, SimpleName>();
for (const r of routeTable) if (isSimple(r.name)) simplePaths.set(r.path, r.name);

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, "") || "/";
  const simple = simplePaths.get(path);
  if (simple !== undefined) return { name: simple };
  if (path === "/orders") return { name: "orders", id: null };
  const order = /^\/orders\/([A-Za-z0-9_-]{1,64})$/.exec(path);
  if (order) return { name: "orders", id: order[1]! };
  const inspection = /^\/inspection\/(verify|record)\/(\d{4}-\d{2}-\d{2})$/.exec(path);
  if (inspection) {
    return { name: inspection[1] === "verify" ? "inspectionVerify" : "inspectionRecord", date: inspection[2]! };
  }
  const screen = /^\/screen\/(\d{1,2})$/.exec(path);
  if (screen) {
    const n = Number(screen[1]);
    if (n >= 1 && n <= 16) return { name: "screen", n };
  }
  return { name: "notFound" };
}
