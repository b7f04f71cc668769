// Coverage of the province by inspections: per block the dates it was inspected (which blocks when,
// which never) and a per-date count for the calendar heat map; the day's record for history lists.
// Projections of InspectionState only.
import type { BlockRef } from "../rollcalls/slot";
import { dateRange } from "./dates";
import { blockKey, compareKeys } from "./eligibility";
import type { Inspection, InspectionState, RectificationState } from "./state";

export interface BlockCoverage {
  prisonId: string;
  blockId: string;
  /** Dates in range with an inspection, ascending (a date once even with several inspections). */
  dates: string[];
  adHocDates: string[];
}

export interface Coverage {
  blocks: BlockCoverage[];
  /** Blocks with no inspection in the range. */
  never: BlockRef[];
}

function inRange(state: InspectionState, from: string, to: string): Inspection[] {
  return Object.values(state.byId).filter((i) => i.date >= from && i.date <= to);
}

export function coverage(
  state: InspectionState,
  blocks: readonly BlockRef[],
  fromDate: string,
  toDate: string,
): Coverage {
  const byKey = new Map<string, { dates: Set<string>; adHoc: Set<string> }>();
  for (const ins of inRange(state, fromDate, toDate)) {
    const k = blockKey(ins);
    const cur = byKey.get(k) ?? { dates: new Set<string>(), adHoc: new Set<string>() };
    cur.dates.add(ins.date);
    if (ins.kind === "adhoc") cur.adHoc.add(ins.date);
    byKey.set(k, cur);
  }
  const sorted = [...blocks].sort((a, b) => compareKeys(blockKey(a), blockKey(b)));
  const out: BlockCoverage[] = sorted.map((b) => {
    const c = byKey.get(blockKey(b));
    return {
      prisonId: b.prisonId,
      blockId: b.blockId,
      dates: c === undefined ? [] : [...c.dates].sort(),
      adHocDates: c === undefined ? [] : [...c.adHoc].sort(),
    };
  });
  return {
    blocks: out,
    never: out.filter((b) => b.dates.length === 0).map(({ prisonId, blockId }) => ({ prisonId, blockId })),
  };
}

/** Inspections per date (drawn and ad-hoc), every date of the range present. */
export function heatMap(state: InspectionState, fromDate: string, toDate: string): { date: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const ins of inRange(state, fromDate, toDate)) counts.set(ins.date, (counts.get(ins.date) ?? 0) + 1);
  return dateRange(fromDate, toDate).map((date) => ({ date, count: counts.get(date) ?? 0 }));
}

export interface InspectionSummary {
  id: string;
  date: string;
  kind: "drawn" | "adhoc";
  prisonId: string;
  blockId: string;
  redraws: number;
  rating: Inspection["rating"];
  completed: boolean;
  findings: { id: string; severity: number; state: RectificationState; deadline: number }[];
}

/** The day's inspections (drawn first) with rating, findings and rectification states. */
export function inspectionsOn(state: InspectionState, date: string): InspectionSummary[] {
  return (state.byDate[date] ?? []).flatMap((id) => {
    const ins = state.byId[id];
    if (ins === undefined) return [];
    const findings = ins.findingIds.flatMap((fid) => {
      const f = state.findings[fid];
      return f === undefined
        ? []
        : [{ id: f.id, severity: f.severity, state: f.rectification.state, deadline: f.rectification.deadline }];
    });
    return [
      {
        id: ins.id,
        date: ins.date,
        kind: ins.kind,
        prisonId: ins.prisonId,
        blockId: ins.blockId,
        redraws: ins.redraws.length,
        rating: ins.rating,
        completed: ins.completedAt !== null,
        findings,
      },
    ];
  });
}

/** History: every date of the range that has an inspection, newest first. */
export function inspectionHistory(state: InspectionState, fromDate: string, toDate: string): InspectionSummary[][] {
  return Object.keys(state.byDate)
    .filter((d) => d >= fromDate && d <= toDate)
    .sort()
    .reverse()
    .map((d) => inspectionsOn(state, d));
}
