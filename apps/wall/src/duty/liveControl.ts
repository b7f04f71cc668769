// The live slice of the control plane in the wall: alarms (upserts of one view each), roll-call board
// cells and obligations as the gateway pushes them. Pure reducers; the duty page merges this over what
// it fetched. Keeps at most `maxAlarms` alarms (the newest by raisedAt) so a long shift stays small.
import type { AlarmView, BoardCellView, ObligationView } from "@cw/protocol";

export interface LiveControl {
  alarms: Record<string, AlarmView>;
  cells: Record<string, BoardCellView>;
  obligations: Record<string, ObligationView>;
  /** Ids of alarms first seen live (not in a fetch): the new-alarm sound plays for these. */
  arrivals: string[];
}

export const maxAlarms = 2000;

export function emptyLiveControl(): LiveControl {
  return { alarms: {}, cells: {}, obligations: {}, arrivals: [] };
}

export function applyAlarmLive(s: LiveControl, a: AlarmView): LiveControl {
  return applyAlarmsLive(s, [a]);
}

/**
 * Upserts many alarm views with one copy of the map and at most one trim: under an alarm storm the
 * socket delivers hundreds a second, and copying (and re-sorting) 2000 alarms per message saturated
 * the page's main thread (~270 messages/s). The trim keeps the newest by raisedAt.
 */
export function applyAlarmsLive(s: LiveControl, list: readonly AlarmView[]): LiveControl {
  if (list.length === 0) return s;
  let alarms: Record<string, AlarmView> = { ...s.alarms };
  const fresh = new Set<string>();
  for (const a of list) {
    if (alarms[a.id] === undefined) fresh.add(a.id);
    alarms[a.id] = a;
  }
  const all = Object.values(alarms);
  if (all.length > maxAlarms) {
    const keep = all.sort((x, y) => y.raisedAt - x.raisedAt).slice(0, maxAlarms);
    alarms = Object.fromEntries(keep.map((x) => [x.id, x]));
  }
  const arrivals = fresh.size === 0 ? s.arrivals : [...s.arrivals, ...fresh].slice(-50);
  return { ...s, alarms, arrivals };
}

export function applyBoardLive(s: LiveControl, cells: readonly BoardCellView[]): LiveControl {
  const next = { ...s.cells };
  for (const c of cells) next[c.key] = c;
  return { ...s, cells: next };
}
