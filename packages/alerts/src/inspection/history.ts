// The weight inputs of a draw, derived from the log: when each block was last inspected before the
// draw date, and how many alarms it raised in the window before it. Both only look at days strictly
// before the draw date, so they are fixed once the day begins: the verify page recomputes them later
// from the same log and gets the same numbers.
import type { AlarmsState } from "../alarms/alarm";
import { localDate } from "../schemas/time";
import { addDays } from "./dates";
import type { DrawHistory } from "./eligibility";
import { blockKey } from "./eligibility";
import type { InspectionState } from "./state";

/** blockKey → latest date of an inspection (drawn target or ad-hoc) strictly before `date`. */
export function lastInspectedBefore(state: InspectionState, date: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const ins of Object.values(state.byId)) {
    if (ins.date >= date) continue;
    const key = blockKey(ins);
    const cur = out[key];
    if (cur === undefined || ins.date > cur) out[key] = ins.date;
  }
  return out;
}

/**
 * blockKey → alarms raised (by our clock, local date at `tzOffsetMin`) on the `windowDays` days before
 * `date`: dates date−windowDays … date−1. Alarms without a block do not count for any block.
 */
export function recentAlarmCounts(
  alarms: AlarmsState,
  date: string,
  windowDays: number,
  tzOffsetMin: number,
): Record<string, number> {
  const from = addDays(date, -windowDays);
  const out: Record<string, number> = {};
  for (const a of Object.values(alarms.byId)) {
    if (a.blockId === null) continue;
    const d = localDate(a.raisedAt, tzOffsetMin);
    if (d < from || d >= date) continue;
    const key = blockKey({ prisonId: a.prisonId, blockId: a.blockId });
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

export function historyAt(state: InspectionState, date: string, recentAlarms: Record<string, number>): DrawHistory {
  return { lastInspected: lastInspectedBefore(state, date), recentAlarms };
}
