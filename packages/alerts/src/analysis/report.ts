// The period report (三研判): the figures of a day, month or quarter for the province or one prison,
// the previous period's beside them, and a flat table of unit × metric with the trend (delta) — the
// same rows the wall shows, the CSV exports and a test can recompute from the events it posted.
import type { Figures, Report, ReportPeriod, ReportRow } from "@cw/protocol";
import type { DomainEvent } from "../events";
import { periodWindow, previousPeriod } from "./period";
import { readFigures } from "./read";
import { foldFigures } from "./reduce";
import type { FiguresState } from "./state";

export interface ReportOptions {
  tzOffsetMin: number;
  /** A prison id; absent or null = the province. */
  unit?: string | null;
  /** The prisons to list under the province (catalogue order); prisons seen in events are added. */
  units?: readonly string[];
  /** Blocks per prison, for inspection coverage. */
  blocks?: Readonly<Record<string, number>>;
}

/** The unit name of province-wide rows. */
export const REPORT_PROVINCE = "province";

const round1 = (v: number) => Math.round(v * 10) / 10;
const pct = (r: number | null) => (r === null ? null : round1(r * 100));
const minutes = (ms: number | null) => (ms === null ? null : round1(ms / 60_000));

/** The metrics of one unit's figures, in table order. `withTypes` adds alarm counts per type. */
export function reportMetrics(f: Figures, withTypes: boolean): Array<[string, number | null]> {
  const a = f.alarms;
  const out: Array<[string, number | null]> = [
    ["alarms.total", a.total],
    ["alarms.unresolved", a.unresolved],
    ["alarms.resolved", a.resolved],
    ["alarms.cleared", a.cleared],
    ["alarms.overdue", a.overdue],
    ["alarms.mtta_min", minutes(a.mttaMs)],
    ["alarms.mttr_min", minutes(a.mttrMs)],
  ];
  if (withTypes) {
    for (const s of ["1", "2", "3", "4"]) out.push([`alarms.severity.${s}`, a.bySeverity[s] ?? 0]);
  }
  out.push(
    ["rollcalls.expected", f.rollcalls.expected],
    ["rollcalls.on_time", f.rollcalls.onTime],
    ["rollcalls.late", f.rollcalls.late],
    ["rollcalls.missing", f.rollcalls.missing],
    ["rollcalls.compliance_pct", pct(f.rollcalls.compliance)],
    ["orders.orders", f.orders.orders],
    ["orders.receivers", f.orders.receivers],
    ["orders.signed", f.orders.signed],
    ["orders.overdue", f.orders.overdue],
    ["orders.sign_rate_pct", pct(f.orders.signRate)],
    ["inspections.count", f.inspections.inspections],
    ["inspections.blocks", f.inspections.blocksInspected],
    ["inspections.coverage_pct", pct(f.inspections.coverage)],
    ["findings.count", f.inspections.findings],
    ["rectifications.open", f.inspections.openRectifications],
    ["rectifications.overdue", f.inspections.rectificationsOverdue],
  );
  return out;
}

function rowsOf(unit: string, cur: Figures, prev: Figures, withTypes: boolean): ReportRow[] {
  const previous = new Map(reportMetrics(prev, withTypes));
  const rows = reportMetrics(cur, withTypes).map(([metric, current]): ReportRow => {
    const p = previous.get(metric) ?? null;
    const delta = current === null || p === null ? null : round1(current - p);
    return { unit, metric, current, previous: p, delta };
  });
  if (withTypes) {
    const types = [...new Set([...Object.keys(cur.alarms.byType), ...Object.keys(prev.alarms.byType)])].sort();
    for (const t of types) {
      const c = cur.alarms.byType[t] ?? 0;
      const p = prev.alarms.byType[t] ?? 0;
      rows.push({ unit, metric: `alarms.type.${t}`, current: c, previous: p, delta: c - p });
    }
  }
  return rows;
}

/** The report read from an already folded state (the gateway's live one). */
export function reportFrom(s: FiguresState, period: ReportPeriod, date: string, opts: ReportOptions): Report {
  const w = periodWindow(period, date, opts.tzOffsetMin);
  const pw = previousPeriod(w, opts.tzOffsetMin);
  const unit = opts.unit ?? null;
  const read = (win: { from: number; to: number }, u: string | null) =>
    readFigures(s, { from: win.from, to: win.to, unit: u, ...(opts.blocks ? { blocks: opts.blocks } : {}) });
  const current = read(w, unit);
  const previous = read(pw, unit);
  const rows = rowsOf(unit ?? REPORT_PROVINCE, current, previous, true);
  if (unit === null) {
    const seen = [...Object.keys(current.alarms.byPrison), ...Object.keys(previous.alarms.byPrison)];
    const units = [...new Set([...(opts.units ?? []), ...seen.sort()])].filter((p) => p !== "");
    for (const p of units) rows.push(...rowsOf(p, read(w, p), read(pw, p), false));
  }
  return { period, date: w.date, label: w.label, previousLabel: pw.label, unit, current, previous, rows };
}

/** The report of an event log for the period containing local date `date`. */
export function report(events: Iterable<DomainEvent>, period: ReportPeriod, date: string, opts: ReportOptions): Report {
  return reportFrom(foldFigures(events, { tzOffsetMin: opts.tzOffsetMin }), period, date, opts);
}
