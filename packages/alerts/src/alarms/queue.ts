// Reading alarms: the duty console's queue order and its "severity 1–2 needs a note" rule (shared with
// the wall's duty console, which orders and checks its AlarmViews with these same functions), the GET
// /api/v1/alarms filter (newest first), and who may see what (an operator only their prison). Pure.
import type { AlarmStatus, AlarmType } from "../schemas/alarm";
import type { Light } from "../schemas/obligation";
import type { Alarm, AlarmsState } from "./alarm";
import { alarmLightAt, isActive } from "./alarm";

/** What ordering needs of an alarm: the domain's Alarm and the wire's AlarmView both have it. */
export interface Queued {
  readonly id: string;
  readonly severity: number;
  readonly raisedAt: number;
}

function byId(a: Queued, b: Queued): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Queue order: most severe first, then oldest (longest waiting) first; id breaks ties for stability. */
export function compareQueue(a: Queued, b: Queued): number {
  return a.severity - b.severity || a.raisedAt - b.raisedAt || byId(a, b);
}

/** Listing order: newest first. */
export function compareNewest(a: Queued, b: Queued): number {
  return b.raisedAt - a.raisedAt || byId(b, a);
}

/** Severities at which acknowledging needs a note (who saw what, what was done first). */
export const NOTE_REQUIRED_MAX_SEVERITY = 2;

/** Whether acknowledging this alarm needs a note (resolving always does). */
export const noteRequired = (a: { readonly severity: number }): boolean => a.severity <= NOTE_REQUIRED_MAX_SEVERITY;

export interface Viewer {
  /** The viewer's prison (operators), or null for bureau roles who see the province. */
  prisonId: string | null;
}

export function canSeeAlarm(viewer: Viewer, a: Alarm): boolean {
  return viewer.prisonId === null || viewer.prisonId === a.prisonId;
}

export interface AlarmFilter {
  state?: AlarmStatus;
  prisonId?: string;
  type?: AlarmType;
  light?: Light;
  /** Raised at or after this instant (unix ms). */
  since?: number;
  /** Only alarms escalated to this role (the commander's queue). */
  escalatedTo?: string;
  limit?: number;
}

function matches(a: Alarm, f: AlarmFilter, now: number | undefined): boolean {
  return (
    (f.state === undefined || a.state === f.state) &&
    (f.prisonId === undefined || a.prisonId === f.prisonId) &&
    (f.type === undefined || a.type === f.type) &&
    (f.since === undefined || a.raisedAt >= f.since) &&
    (f.escalatedTo === undefined || a.escalatedTo.includes(f.escalatedTo)) &&
    (f.light === undefined || (now === undefined ? a.light : alarmLightAt(a, now)) === f.light)
  );
}

/**
 * GET /api/v1/alarms: matching alarms, newest first, at most `limit` (default 100). With `now`, the light
 * filter uses the live light; without, the recorded one.
 */
export function selectAlarms(state: AlarmsState, f: AlarmFilter = {}, now?: number): Alarm[] {
  const out = Object.values(state.byId).filter((a) => matches(a, f, now));
  return out.sort(compareNewest).slice(0, f.limit ?? 100);
}

/** The duty console's queue: unresolved alarms (open or acknowledged), in queue order. */
export function alarmQueue(state: AlarmsState, f: Omit<AlarmFilter, "state" | "limit"> = {}, now?: number): Alarm[] {
  return Object.values(state.byId)
    .filter((a) => isActive(a) && matches(a, f, now))
    .sort(compareQueue);
}
