// Who may be drawn on a date, and with what weight: the public inputs of the draw. Integer arithmetic
// only, so Node and every browser compute the same weights (no floats, no Math.pow). Sorted by block
// key (ASCII ids, so code-unit order is the same everywhere). Pure: the history is an argument.
import type { BlockRef } from "../rollcalls/slot";
import { daysBetween } from "./dates";
import type { DrawRules } from "./rules";

/** The facts the weights come from, as of a draw date (see historyAt / recentAlarmCounts). */
export interface DrawHistory {
  /** blockKey → date (YYYY-MM-DD) of the last inspection, drawn or ad-hoc, strictly before the draw date. */
  lastInspected: Readonly<Record<string, string>>;
  /** blockKey → alarms raised in the block in the rules' alarm window before the draw date. */
  recentAlarms: Readonly<Record<string, number>>;
}

/** One candidate as recorded in the draw: the weight and the inputs it is computed from. */
export interface EligibleEntry {
  prisonId: string;
  blockId: string;
  lastInspected: string | null;
  /** Whole days from lastInspected to the draw date; null when never inspected. */
  daysSince: number | null;
  recentAlarms: number;
  weight: number;
}

/**
 * How the candidates were chosen: `normal` (gap rule), `relaxed` (nothing passed the gap rule: the least
 * recently inspected), `overdue` (some blocks reached forceAfterDays: only the most overdue).
 */
export type DrawMode = "normal" | "relaxed" | "overdue";

export interface Eligibility {
  mode: DrawMode;
  eligible: EligibleEntry[];
}

/** `prisonId/blockId`: '/' never occurs in ids, so the key is unambiguous and sorts by prison first. */
export function blockKey(b: BlockRef): string {
  return `${b.prisonId}/${b.blockId}`;
}

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Weight = (1 + min(daysSince, cap)) × (100 + alarmPct × min(alarms, alarmCap)); never = cap. */
export function weightOf(daysSince: number | null, recentAlarms: number, rules: DrawRules): number {
  const days = daysSince === null ? rules.dayCap : Math.min(daysSince, rules.dayCap);
  return (1 + days) * (100 + rules.alarmPct * Math.min(recentAlarms, rules.alarmCap));
}

/** Staleness for ordering: never inspected is more overdue than any number of days. */
function staleness(e: EligibleEntry): number {
  return e.daysSince === null ? Number.POSITIVE_INFINITY : e.daysSince;
}

function mostStale(entries: EligibleEntry[]): EligibleEntry[] {
  const top = Math.max(...entries.map(staleness));
  return entries.filter((e) => staleness(e) === top);
}

/**
 * The candidates for `date`: every block (deduplicated, sorted by key) except `exclude` (keys of the
 * day's earlier targets on a redraw), with weights from `history`. Empty only when `blocks` minus
 * `exclude` is empty.
 */
export function eligibleFor(
  date: string,
  blocks: readonly BlockRef[],
  history: DrawHistory,
  rules: DrawRules,
  exclude: readonly string[] = [],
): Eligibility {
  const seen = new Set(exclude);
  const all: EligibleEntry[] = [];
  for (const b of [...blocks].sort((x, y) => compareKeys(blockKey(x), blockKey(y)))) {
    const key = blockKey(b);
    if (seen.has(key)) continue;
    seen.add(key);
    const last = history.lastInspected[key] ?? null;
    const daysSince = last === null ? null : daysBetween(last, date);
    const recentAlarms = history.recentAlarms[key] ?? 0;
    const weight = weightOf(daysSince, recentAlarms, rules);
    all.push({ prisonId: b.prisonId, blockId: b.blockId, lastInspected: last, daysSince, recentAlarms, weight });
  }
  if (all.length === 0) return { mode: "normal", eligible: [] };
  const passing = all.filter((e) => staleness(e) >= rules.minGapDays);
  if (passing.length === 0) return { mode: "relaxed", eligible: mostStale(all) };
  const overdue = passing.filter((e) => staleness(e) >= rules.forceAfterDays);
  if (overdue.length > 0) return { mode: "overdue", eligible: mostStale(overdue) };
  return { mode: "normal", eligible: passing };
}
