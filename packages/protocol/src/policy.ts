// Who may do what, once, for the gateway and the wall: the role → capability table and the prison
// scope of a user. Owns: the names of the capabilities (stable: gateway routes, live topics, the wall's
// pages and buttons and docs/api/security.md all read them) and which role holds which. Never: read a
// session store, throw HTTP errors or know routes — the gateway's guard and the wall's hooks do that.
import { type Role, roles } from "./session";

/** Every action the gateway checks. `<area>.<verb>`; add one here before a route or a page asks for it. */
export const capabilities = [
  /** The camera tree, camera search, stream health, live video, presets (read), the console page. */
  "cameras.view",
  /** Add, edit and remove cameras at run time, and see a camera's RTMP publish URL. */
  "cameras.manage",
  /** Look at the output screens (GET /api/v1/wall/screens and the live `wall.screen` topic). */
  "wall.view",
  /** Change what the output screens show: push, follow-and-edit, tour controls. */
  "wall.edit",
  /** Save and delete presets (layouts and tours). */
  "presets.edit",
  /** The alarm queue, alarm details and snapshots, the lights of everything owed. */
  "alarms.view",
  /** Acknowledge (确认) an alarm. */
  "alarms.acknowledge",
  /** Resolve an alarm with a disposition (处置). */
  "alarms.dispose",
  /** The roll-call board and its drill-down. */
  "rollcalls.view",
  /** Read orders through the API (scoped to the prison for prison-bound roles). */
  "orders.view",
  /** The command centre's live receipt matrix of every order (the Orders page). */
  "orders.watch",
  /** Compose orders, remind (催办), keep order templates. */
  "orders.issue",
  /** Sign for an order (签收) on behalf of a unit: the prison centre's terminal. */
  "orders.sign",
  /** Report back (反馈) on an order for a unit. */
  "orders.report",
  /** The daily video inspection: the record, draws, checklist, findings, completion, history, coverage. */
  "inspection.inspect",
  /** Re-run a day's draw verification (open to everyone logged in: that is its point). */
  "inspection.verify",
  /** Read rectifications (整改) and a finding's pictures. */
  "rectifications.view",
  /** Report on a rectification: the prison's own centre. */
  "rectifications.report",
  /** Accept or reject a rectification report: the bureau's inspectors. */
  "rectifications.review",
  /** The overview map, dashboards and period reports (三研判). */
  "reports.view",
  /** Recorded footage: a camera's timeline, playback, instant replay, the evidence list and exports' files. */
  "recordings.view",
  /** Set cameras' recording plans (continuous, schedule, alarm; retention). */
  "recordings.manage",
  /** Mark a recorded span as evidence with a note (protected from retention). */
  "evidence.mark",
  /** Export evidence as a signed MP4 for a court or the procuratorate. */
  "evidence.export",
  /** GB/T 28181 devices and platforms: list, set a device's password, assign a prison, map, re-query. */
  "gb.devices",
  /** Pan, tilt, zoom and presets of a PTZ camera (GB/T 28181 DeviceControl). */
  "cameras.ptz",
  /** The event log as an audit trail. */
  "audit.view",
  /** Create, edit, disable users; reset passwords; see and revoke sessions. */
  "users.manage",
  /** Camera groups: which roles and users may see restricted cameras (重点监舍, 民警区域). */
  "cameraGroups.manage",
] as const;
export type Capability = (typeof capabilities)[number];

/** Where a role's users reach: the whole province, or the one prison their account names. */
export type Reach = "province" | "prison";

export interface RolePolicy {
  readonly reach: Reach;
  readonly can: readonly Capability[];
}

const operations = [
  "cameras.view",
  "alarms.view",
  "rollcalls.view",
  "orders.view",
  "inspection.verify",
  "reports.view",
] as const satisfies readonly Capability[];
const handleAlarms = ["alarms.acknowledge", "alarms.dispose"] as const satisfies readonly Capability[];
const inspect = [
  "inspection.inspect",
  "rectifications.view",
  "rectifications.review",
] as const satisfies readonly Capability[];

/**
 * The one table. `admin` administers users and reads the audit trail; it holds nothing of operations
 * (no cameras, alarms or orders): a user administrator is not a duty officer.
 */
export const policy: Readonly<Record<Role, RolePolicy>> = {
  admin: { reach: "province", can: ["users.manage", "cameraGroups.manage", "audit.view", "inspection.verify"] },
  commander: {
    reach: "province",
    can: [
      ...operations,
      ...handleAlarms,
      ...inspect,
      "cameras.manage",
      "wall.view",
      "wall.edit",
      "presets.edit",
      "orders.watch",
      "orders.issue",
      "recordings.view",
      "recordings.manage",
      "evidence.mark",
      "evidence.export",
      "gb.devices",
      "cameras.ptz",
      "audit.view",
    ],
  },
  chief: {
    reach: "province",
    can: [
      ...operations,
      ...handleAlarms,
      ...inspect,
      "wall.view",
      "wall.edit",
      "orders.watch",
      "orders.issue",
      "recordings.view",
      "evidence.mark",
      "evidence.export",
      "cameras.ptz",
      "audit.view",
    ],
  },
  duty: {
    reach: "province",
    can: [...operations, ...handleAlarms, "wall.view", "wall.edit", "orders.watch", "recordings.view", "evidence.mark"],
  },
  operator: {
    reach: "prison",
    can: [
      ...operations,
      ...handleAlarms,
      "orders.sign",
      "orders.report",
      "rectifications.view",
      "rectifications.report",
      "recordings.view",
      "evidence.mark",
      "evidence.export",
    ],
  },
  viewer: { reach: "province", can: [...operations, "wall.view"] },
};

const granted: ReadonlyMap<Role, ReadonlySet<Capability>> = new Map(roles.map((r) => [r, new Set(policy[r].can)]));

/** Whether `role` holds `capability`. An unknown or missing role holds nothing. */
export function can(role: Role | undefined, capability: Capability): boolean {
  return role !== undefined && (granted.get(role)?.has(capability) ?? false);
}

/** The roles holding a capability, in table order (for messages and the generated docs table). */
export const rolesWith = (capability: Capability): Role[] => roles.filter((r) => can(r, capability));

/** The prisons a user reaches: null is the whole province, a string the one prison. */
export type PrisonScope = string | null;

/** Who asks: the wall's session info, or a gateway session's user. */
export interface Principal {
  readonly role: Role;
  readonly prisonId: string | null;
}

/**
 * The scope of a user (or of a gateway session, `{user}`): province-wide roles get null (every prison),
 * prison-bound roles their account's prison. A prison-bound account without a prison reaches nothing,
 * so it is given an id no prison has.
 */
export function scopeOf(who: Principal | { readonly user: Principal }): PrisonScope {
  const p = "user" in who ? who.user : who;
  if (policy[p.role].reach === "province") return null;
  return p.prisonId ?? noPrison;
}

/** An id no catalogue prison can have (ids match `idPattern`, which has no spaces). */
const noPrison = " none";

/** Whether something in `prisonId` (null: not in a prison, e.g. a bureau-level unit) is within `scope`. */
export const inScope = (scope: PrisonScope, prisonId: string | null | undefined): boolean =>
  scope === null || (prisonId !== null && prisonId !== undefined && prisonId === scope);
