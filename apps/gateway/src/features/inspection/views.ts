// The inspection API's answers, built from the record (InspectionState), the catalogue and, when
// wired, the control state (facts). Pure: `now`, names and cameras come in through `Lookup`; nothing
// here reads the clock, the log or the network.
import {
  blockFacts,
  type Checklist,
  type ControlState,
  coverage,
  DAY_MS,
  type Finding,
  heatMap,
  type Inspection,
  type InspectionState,
  inspectionHistory,
} from "@cw/alerts";
import type {
  BlockFactsView,
  FindingView,
  InspectionCoverage,
  InspectionDay,
  InspectionHistory,
  InspectionView,
  Light,
  RectificationView,
} from "@cw/protocol";

export interface BlockRefs {
  prisonId: string;
  blockId: string;
}

/** What the views need from the catalogue. */
export interface Lookup {
  prisonName(id: string): string;
  blockName(id: string): string;
  cameraName(id: string): string | null;
  cameras(prisonId: string, blockId: string): { id: string; name: string; kind: string }[];
  blocks(): BlockRefs[];
}

const names = (l: Lookup, r: BlockRefs) => ({
  prisonId: r.prisonId,
  prisonName: l.prisonName(r.prisonId),
  blockId: r.blockId,
  blockName: l.blockName(r.blockId),
});

/** Yellow a day before the deadline, red after; frozen at the report while it waits for review. */
export function rectificationLight(f: Finding, now: number): Light | null {
  const r = f.rectification;
  if (r.state === "accepted") return null;
  const at = r.state === "submitted" ? (r.reports[r.reports.length - 1]?.at ?? now) : now;
  if (at >= r.deadline) return "red";
  return at >= r.deadline - DAY_MS ? "yellow" : "green";
}

function rectificationView(f: Finding, now: number): RectificationView {
  const r = f.rectification;
  return {
    state: r.state,
    round: r.round,
    deadlineDays: r.deadlineDays,
    deadline: r.deadline,
    light: rectificationLight(f, now),
    reports: r.reports.map((p) => ({
      ...p,
      photoUrl: p.hasPhoto ? `/api/v1/rectifications/${f.id}/photos/${p.round}` : null,
    })),
    reviews: r.reviews.map((v) => ({ ...v })),
  };
}

export function findingView(f: Finding, l: Lookup, now: number): FindingView {
  return {
    id: f.id,
    inspectionId: f.inspectionId,
    date: f.date,
    ...names(l, f),
    cameraId: f.cameraId,
    cameraName: f.cameraId === null ? null : l.cameraName(f.cameraId),
    cameraWithheld: false,
    note: f.note,
    severity: f.severity,
    snapshotUrl: f.hasSnapshot || f.snapshotRef !== null ? `/api/v1/findings/${f.id}/snapshot` : null,
    recordedAt: f.recordedAt,
    by: f.by,
    rectification: rectificationView(f, now),
  };
}

export function factsView(control: ControlState | null, target: BlockRefs): BlockFactsView {
  if (control === null) return { lastRollCall: null, openAlarms: [], openOrders: [], available: false };
  const f = blockFacts(control, target);
  return {
    lastRollCall: f.lastRollCall,
    openAlarms: f.openAlarms.map((a) => ({ id: a.id, type: a.type, severity: a.severity, raisedAt: a.raisedAt })),
    openOrders: f.openOrders.map((o) => ({ id: o.id, subject: o.subject, redAt: o.redAt })),
    available: true,
  };
}

export function inspectionView(
  s: InspectionState,
  ins: Inspection,
  l: Lookup,
  control: ControlState | null,
  now: number,
): InspectionView {
  const findings = ins.findingIds.flatMap((id) => {
    const f = s.findings[id];
    return f === undefined ? [] : [findingView(f, l, now)];
  });
  return {
    id: ins.id,
    date: ins.date,
    kind: ins.kind,
    ...names(l, ins),
    attempt: ins.attempt,
    redraws: ins.redraws.map((r) => ({ at: r.at, by: r.by, reason: r.reason, previous: { ...r.previous } })),
    reason: ins.reason,
    startedAt: ins.startedAt,
    checklist: { ...ins.checklist },
    rating: ins.rating,
    summary: ins.summary,
    completedAt: ins.completedAt,
    completedBy: ins.completedBy,
    cameras: l.cameras(ins.prisonId, ins.blockId),
    facts: factsView(control, ins),
    findings,
  };
}

export interface DayContext {
  date: string;
  today: boolean;
  drawTime: string;
  tzOffsetMin: number;
  nextDate: string;
  checklist: Checklist;
  now: number;
}

export function dayView(s: InspectionState, l: Lookup, control: ControlState | null, c: DayContext): InspectionDay {
  const commitment = s.commitments[c.date];
  const next = s.commitments[c.nextDate];
  return {
    date: c.date,
    today: c.today,
    drawTime: c.drawTime,
    tzOffsetMin: c.tzOffsetMin,
    commitment: commitment === undefined ? null : { at: commitment.at, commitment: commitment.data.commitment },
    nextCommitment: next === undefined ? null : { date: c.nextDate, commitment: next.data.commitment },
    inspections: (s.byDate[c.date] ?? []).flatMap((id) => {
      const ins = s.byId[id];
      return ins === undefined ? [] : [inspectionView(s, ins, l, control, c.now)];
    }),
    checklist: c.checklist.map((i) => ({ ...i })),
  };
}

export function historyView(s: InspectionState, l: Lookup, from: string, to: string): InspectionHistory {
  return {
    from,
    to,
    days: inspectionHistory(s, from, to).map((list) => ({
      date: list[0]?.date ?? "",
      inspections: list.map((i) => ({ ...i, ...names(l, i) })),
    })),
  };
}

export function coverageView(s: InspectionState, l: Lookup, from: string, to: string): InspectionCoverage {
  const c = coverage(s, l.blocks(), from, to);
  return {
    from,
    to,
    heat: heatMap(s, from, to),
    blocks: c.blocks.map((b) => ({ ...b, ...names(l, b) })),
    never: c.never.map((b) => names(l, b)),
  };
}

/** Rectifications (findings) a caller may see, newest deadline last; an operator only its prison's. */
export function rectificationList(s: InspectionState, l: Lookup, scope: string | null, now: number): FindingView[] {
  return Object.values(s.findings)
    .filter((f) => scope === null || f.prisonId === scope)
    .sort((a, b) => a.rectification.deadline - b.rectification.deadline || (a.id < b.id ? -1 : 1))
    .map((f) => findingView(f, l, now));
}
