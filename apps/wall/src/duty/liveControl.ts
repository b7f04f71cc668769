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
  const isNew = s.alarms[a.id] === undefined;
  let alarms = { ...s.alarms, [a.id]: a };
  const ids = Object.keys(alarms);
  if (ids.length > maxAlarms) {
    const keep = Object.values(alarms)
      .sort((x, y) => y.raisedAt - x.raisedAt)
      .slice(0, maxAlarms);
    alarms = Object.fromEntries(keep.map((x) => [x.id, x]));
  }
  const arrivals = isNew ? [...s.arrivals.slice(-49), a.id] : s.arrivals;
  return { ...s, alarms, arrivals };
}

export function applyBoardLive(s: LiveControl, cells: readonly BoardCellView[]): LiveControl {
  const next = { ...s.cells };
  for (const c of cells) next[c.key] = c;
  return { ...s, cells: next };
}
