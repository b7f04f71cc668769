// The transcode budget as the console's badge reads it: slots used of TRANSCODE_MAX, how close to full,
// and which cameras hold them, by name (prison and camera: "大门" alone names a gate in every prison).
// Pure: no fetching, no rendering (useTranscodeBudget.ts fetches, TranscodeBudget.tsx draws).
import type { TranscodeBudget } from "@cw/protocol";

export type BudgetLevel = "ok" | "high" | "full";

export interface BudgetView {
  used: number;
  max: number;
  level: BudgetLevel;
  /** One name per camera holding a transcoder (a camera can hold two: main and sub), in the gateway's order. */
  names: string[];
  /** The names the badge shows inline (the rest are counted and listed in its tooltip). */
  shown: string[];
  more: number;
}

/** Inline names on the badge; the toolbar has room for a few, the tooltip holds them all. */
export const SHOWN_NAMES = 3;

/** null when there is nothing to show: not loaded yet, or transcoding off on this gateway (max 0). */
export function budgetView(b: TranscodeBudget | null): BudgetView | null {
  if (b === null || b.max <= 0) return null;
  const names: string[] = [];
  const seen = new Set<string>();
  for (const s of b.streams) {
    if (seen.has(s.cameraId)) continue;
    seen.add(s.cameraId);
    names.push(s.prison ? `${s.prison} ${s.name}` : s.name);
  }
  const level: BudgetLevel = b.running >= b.max ? "full" : b.running >= 0.75 * b.max ? "high" : "ok";
  const shown = names.slice(0, SHOWN_NAMES);
  return { used: b.running, max: b.max, level, names, shown, more: names.length - shown.length };
}
