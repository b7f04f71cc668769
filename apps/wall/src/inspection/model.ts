// Pure helpers of the inspection views: the screen layout that fits a block's cameras, the calendar
// grid of the heat map, the colour level of a count. No React, no DOM, no clock.
import { type LayoutId, layoutTileCount } from "@cw/protocol";

const gridLayouts: LayoutId[] = ["1", "4", "9", "16", "25", "36", "64"];

/** The smallest square layout that holds every camera; tiles padded with empty ones. */
export function screenFor(cameraIds: readonly string[]): { layoutId: LayoutId; tiles: (string | null)[] } {
  const ids = cameraIds.slice(0, 64);
  const layoutId = gridLayouts.find((l) => layoutTileCount[l] >= ids.length) ?? "64";
  const tiles: (string | null)[] = [...ids];
  while (tiles.length < layoutTileCount[layoutId]) tiles.push(null);
  return { layoutId, tiles };
}

export interface HeatCell {
  date: string;
  count: number;
  /** Column (week, from the first) and row (0 = Monday … 6 = Sunday). */
  week: number;
  weekday: number;
}

const DAY_MS = 86_400_000;

function weekday(date: string): number {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  return (Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS) + 3) % 7;
}

/** Lays out a date-ordered heat list as a GitHub-style calendar: one column per week. */
export function heatGrid(heat: readonly { date: string; count: number }[]): HeatCell[] {
  const first = heat[0];
  if (first === undefined) return [];
  const offset = weekday(first.date);
  return heat.map((h, i) => ({ ...h, week: Math.floor((i + offset) / 7), weekday: (i + offset) % 7 }));
}

/** 0 = nothing, 1 = one inspection, 2 = more (an ad-hoc beside the draw). */
export function heatLevel(count: number): 0 | 1 | 2 {
  return count <= 0 ? 0 : count === 1 ? 1 : 2;
}

/** Local YYYY-MM-DD `n` days after `date`. */
export function shiftDate(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}
