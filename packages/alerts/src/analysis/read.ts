// Reading figures out of the state for a window and a unit: a sum over hour buckets. The window is
// widened to whole local hours ([from, to) → the hours it touches), which is exact for the periods the
// product asks for (days, months, quarters, the last 7 days from midnight). Pure: no clock.
import type { Figures } from "@cw/protocol";
import type { Counters } from "./counters";
import { eachBucket, hourLabel, hourOf } from "./counters";
import type { FiguresState } from "./state";

export interface FigureWindow {
  from: number;
  to: number;
  /** A prison id; absent or null = the province (bureau-level work included). */
  unit?: string | null;
  /** Blocks per prison (from the catalogue) for inspection coverage; absent = coverage unknown. */
  blocks?: Readonly<Record<string, number>>;
}

const ratio = (n: number, d: number): number | null => (d === 0 ? null : Math.min(1, n / d));
const mean = (sum: number, n: number): number | null => (n === 0 ? null : sum / n);

function bump(r: Record<string, number>, k: string, by: number): void {
  if (by !== 0) r[k] = (r[k] ?? 0) + by;
}

/** The summed counters of the window, plus the per-prison/hour/day alarm breakdowns. */
function sumWindow(s: FiguresState, w: FigureWindow) {
  const unit = w.unit ?? null;
  const total: Counters = new Map();
  const byPrison: Record<string, number> = {};
  const byHour: Record<string, number> = {};
  const byDay: Record<string, number> = {};
  const fromHour = hourOf(w.from, s.tzOffsetMin);
  const toHour = hourOf(w.to - 1, s.tzOffsetMin) + 1;
  eachBucket(
    s.buckets,
    fromHour,
    toHour,
    (p) => unit === null || p === unit,
    (hour, prisonId, c) => {
      for (const [name, v] of c) total.set(name, (total.get(name) ?? 0) + v);
      const alarms = c.get("a") ?? 0;
      if (alarms === 0) return;
      bump(byPrison, prisonId, alarms);
      const label = hourLabel(hour);
      bump(byHour, label, alarms);
      bump(byDay, label.slice(0, 10), alarms);
    },
  );
  return { total, byPrison, byHour, byDay };
}

/** counters named `<prefix><key>` as {key: value}. */
function prefixed(c: Counters, prefix: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, v] of c) if (name.startsWith(prefix) && v !== 0) out[name.slice(prefix.length)] = v;
  return out;
}

function countPrefixed(c: Counters, prefix: string): number {
  let n = 0;
  for (const [name, v] of c) if (name.startsWith(prefix) && v > 0) n++;
  return n;
}

function blocksIn(w: FigureWindow): number | null {
  if (w.blocks === undefined) return null;
  const unit = w.unit ?? null;
  if (unit !== null) return w.blocks[unit] ?? 0;
  return Object.values(w.blocks).reduce((a, b) => a + b, 0);
}

export function readFigures(s: FiguresState, w: FigureWindow): Figures {
  const { total: c, byPrison, byHour, byDay } = sumWindow(s, w);
  const n = (name: string) => c.get(name) ?? 0;
  const open = n("a.open");
  const acknowledged = n("a.acknowledged");
  const blocksTotal = blocksIn(w);
  const blocksInspected = countPrefixed(c, "blk:");
  return {
    from: w.from,
    to: w.to,
    tzOffsetMin: s.tzOffsetMin,
    unit: w.unit ?? null,
    alarms: {
      total: n("a"),
      open,
      acknowledged,
      resolved: n("a.resolved"),
      cleared: n("a.cleared"),
      unresolved: open + acknowledged,
      overdue: n("a.over"),
      repeats: n("a.rep"),
      byType: prefixed(c, "a.t:"),
      bySeverity: prefixed(c, "a.s:"),
      byPrison,
      byHour,
      byDay,
      byDisposition: prefixed(c, "a.d:"),
      mttaMs: mean(n("a.ackMs"), n("a.ackN")),
      mttrMs: mean(n("a.resMs"), n("a.resN")),
    },
    rollcalls: {
      expected: n("rc"),
      reported: n("rc.rep"),
      onTime: n("rc.on"),
      late: n("rc.rep") - n("rc.on"),
      missing: n("rc") - n("rc.rep"),
      red: n("rc.red"),
      compliance: ratio(n("rc.on"), n("rc")),
    },
    orders: {
      orders: countPrefixed(c, "ord:"),
      receivers: n("r"),
      signed: n("r.sig"),
      signedLate: n("r.late"),
      fedBack: n("r.fb"),
      overdue: n("o:order.sign.redOpen"),
      signRate: ratio(n("r.sig"), n("r")),
    },
    inspections: {
      inspections: n("i"),
      completed: n("i.done"),
      adhoc: n("i.adhoc"),
      blocksInspected,
      blocksTotal,
      coverage: blocksTotal === null ? null : ratio(blocksInspected, blocksTotal),
      findings: n("f"),
      openRectifications: n("f.open"),
      rectificationsOverdue: n("o:rectification.redOpen"),
    },
  };
}
