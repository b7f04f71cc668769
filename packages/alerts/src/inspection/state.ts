// The inspection record, folded from inspection/finding/rectification events: commitments, the day's
// drawn inspection (with every attempt, for verification), ad-hoc inspections, findings and their
// rectification rounds. `applyInspectionEvent` writes only into a draft the caller owns; duplicates and
// events the state machine does not allow are ignored, so any log folds deterministically.
import type { Actor, DomainEvent, EventMap } from "../events";
import type { CheckResult, Rating } from "./checklist";

export type DrawnRecord = { at: number; actor: Actor; data: EventMap["inspection.drawn"] };
export type CommitmentRecord = { at: number; actor: Actor; data: EventMap["inspection.committed"] };

export interface Redraw {
  at: number;
  by: string;
  reason: string;
  previous: { attempt: number; prisonId: string; blockId: string };
}

export interface Inspection {
  id: string;
  date: string;
  kind: "drawn" | "adhoc";
  prisonId: string;
  blockId: string;
  /** The current draw attempt (0 unless redrawn); 0 for ad-hoc. */
  attempt: number;
  redraws: Redraw[];
  /** Ad-hoc only: why this block. */
  reason: string;
  startedAt: number;
  checklist: Record<string, { result: CheckResult; note: string; at: number; by: string }>;
  rating: Rating | null;
  summary: string;
  findingIds: string[];
  completedAt: number | null;
  completedBy: string | null;
}

export type RectificationState = "open" | "submitted" | "accepted" | "returned";

export interface Rectification {
  deadlineDays: number;
  /** The deadline of the current round. */
  deadline: number;
  round: number;
  state: RectificationState;
  reports: { at: number; by: string; round: number; text: string; hasPhoto: boolean }[];
  reviews: { at: number; by: string; round: number; decision: "accept" | "return"; note: string }[];
}

export interface Finding {
  id: string;
  inspectionId: string;
  date: string;
  prisonId: string;
  blockId: string;
  cameraId: string | null;
  note: string;
  severity: number;
  hasSnapshot: boolean;
  snapshotRef: string | null;
  recordedAt: number;
  by: string;
  rectification: Rectification;
}

export interface InspectionState {
  commitments: Record<string, CommitmentRecord>;
  /** date → every draw attempt of the day, in order (verification re-computes each). */
  draws: Record<string, DrawnRecord[]>;
  byId: Record<string, Inspection>;
  /** date → ids of that day's inspections (the drawn one first, then ad-hoc in order). */
  byDate: Record<string, string[]>;
  findings: Record<string, Finding>;
  /** finding id → base64 JPEG; `${findingId}-r${round}` → report photo. Kept beside records, lists stay small. */
  images: Record<string, string>;
  /** The latest date with a draw: earlier days can no longer be redrawn. */
  lastDrawDate: string | null;
}

export function emptyInspectionState(): InspectionState {
  return { commitments: {}, draws: {}, byId: {}, byDate: {}, findings: {}, images: {}, lastDrawDate: null };
}

export function cloneInspectionState(s: InspectionState): InspectionState {
  return {
    commitments: { ...s.commitments },
    draws: { ...s.draws },
    byId: { ...s.byId },
    byDate: { ...s.byDate },
    findings: { ...s.findings },
    images: { ...s.images },
    lastDrawDate: s.lastDrawDate,
  };
}

/** The id of a day's drawn inspection. */
export function drawInspectionId(date: string): string {
  return `draw-${date}`;
}

/** The obligation subject of a rectification round ('.' never occurs, so it is a valid subject). */
export function rectificationSubject(findingId: string, round: number): string {
  return round === 0 ? findingId : `${findingId}-r${round}`;
}

function newInspection(
  base: Pick<Inspection, "id" | "date" | "kind" | "prisonId" | "blockId" | "attempt" | "reason" | "startedAt">,
): Inspection {
  return {
    ...base,
    redraws: [],
    checklist: {},
    rating: null,
    summary: "",
    findingIds: [],
    completedAt: null,
    completedBy: null,
  };
}

function addToDate(draft: InspectionState, date: string, id: string, first: boolean): void {
  const ids = draft.byDate[date] ?? [];
  draft.byDate[date] = first ? [id, ...ids] : [...ids, id];
}

function applyDrawn(draft: InspectionState, e: DomainEvent<"inspection.drawn">): void {
  const d = e.data;
  const prev = draft.byId[d.id];
  const draws = draft.draws[d.date] ?? [];
  if (prev === undefined) {
    if (d.attempt !== 0) return;
    draft.byId[d.id] = newInspection({ ...d, kind: "drawn", reason: "", startedAt: e.at });
    addToDate(draft, d.date, d.id, true);
  } else {
    // A redraw applies only after its inspection.redrawn and only as the next attempt.
    if (d.attempt !== prev.attempt + 1 || prev.redraws.length !== d.attempt || prev.completedAt !== null) return;
    draft.byId[d.id] = { ...prev, prisonId: d.prisonId, blockId: d.blockId, attempt: d.attempt, checklist: {} };
  }
  draft.draws[d.date] = [...draws, { at: e.at, actor: e.actor, data: d }];
  if (draft.lastDrawDate === null || d.date > draft.lastDrawDate) draft.lastDrawDate = d.date;
}

function updateFinding(draft: InspectionState, id: string, f: (x: Finding) => Finding | undefined): void {
  const cur = draft.findings[id];
  if (cur === undefined) return;
  const next = f(cur);
  if (next !== undefined) draft.findings[id] = next;
}

/** Applies one event to a draft the caller owns. Unrelated events are ignored; duplicates are no-ops. */
export function applyInspectionEvent(draft: InspectionState, e: DomainEvent): void {
  switch (e.type) {
    case "inspection.committed":
      if (draft.commitments[e.data.date] === undefined)
        draft.commitments[e.data.date] = { at: e.at, actor: e.actor, data: e.data };
      return;
    case "inspection.drawn":
      applyDrawn(draft, e);
      return;
    case "inspection.redrawn": {
      const ins = draft.byId[e.data.id];
      if (ins === undefined || ins.completedAt !== null || ins.redraws.length !== ins.attempt) return;
      if (e.data.previous.attempt !== ins.attempt) return;
      draft.byId[ins.id] = {
        ...ins,
        redraws: [...ins.redraws, { at: e.at, by: e.actor, reason: e.data.reason, previous: e.data.previous }],
      };
      return;
    }
    case "inspection.adhoc":
      if (draft.byId[e.data.id] !== undefined) return;
      draft.byId[e.data.id] = newInspection({ ...e.data, kind: "adhoc", attempt: 0, startedAt: e.at });
      addToDate(draft, e.data.date, e.data.id, false);
      return;
    case "inspection.checked": {
      const ins = draft.byId[e.data.inspectionId];
      if (ins === undefined || ins.completedAt !== null) return;
      const checklist = { ...ins.checklist };
      for (const it of e.data.items) checklist[it.itemId] = { result: it.result, note: it.note, at: e.at, by: e.actor };
      draft.byId[ins.id] = { ...ins, checklist };
      return;
    }
    case "inspection.completed": {
      const ins = draft.byId[e.data.inspectionId];
      if (ins === undefined || ins.completedAt !== null) return;
      const { rating, summary } = e.data;
      draft.byId[ins.id] = { ...ins, rating, summary, completedAt: e.at, completedBy: e.actor };
      return;
    }
    case "finding.recorded": {
      const d = e.data;
      const ins = draft.byId[d.inspectionId];
      if (ins === undefined || draft.findings[d.id] !== undefined) return;
      draft.findings[d.id] = {
        id: d.id,
        inspectionId: d.inspectionId,
        date: d.date,
        prisonId: d.prisonId,
        blockId: d.blockId,
        cameraId: d.cameraId,
        note: d.note,
        severity: d.severity,
        hasSnapshot: d.snapshot !== null,
        snapshotRef: d.snapshotRef,
        recordedAt: e.at,
        by: e.actor,
        rectification: {
          deadlineDays: d.deadlineDays,
          deadline: d.deadline,
          round: 0,
          state: "open",
          reports: [],
          reviews: [],
        },
      };
      if (d.snapshot !== null) draft.images[d.id] = d.snapshot;
      draft.byId[ins.id] = { ...ins, findingIds: [...ins.findingIds, d.id] };
      return;
    }
    case "rectification.submitted": {
      const d = e.data;
      updateFinding(draft, d.findingId, (f) => {
        const r = f.rectification;
        if (d.round !== r.round || (r.state !== "open" && r.state !== "returned")) return undefined;
        if (d.photo !== null) draft.images[`${f.id}-r${d.round}`] = d.photo;
        const report = { at: e.at, by: e.actor, round: d.round, text: d.text, hasPhoto: d.photo !== null };
        return { ...f, rectification: { ...r, state: "submitted", reports: [...r.reports, report] } };
      });
      return;
    }
    case "rectification.reviewed": {
      const d = e.data;
      updateFinding(draft, d.findingId, (f) => {
        const r = f.rectification;
        if (d.round !== r.round || r.state !== "submitted") return undefined;
        const review = { at: e.at, by: e.actor, round: d.round, decision: d.decision, note: d.note };
        const reviews = [...r.reviews, review];
        if (d.decision === "accept") return { ...f, rectification: { ...r, state: "accepted", reviews } };
        const deadline = d.deadline ?? r.deadline;
        return { ...f, rectification: { ...r, state: "returned", round: r.round + 1, deadline, reviews } };
      });
      return;
    }
    default:
      return;
  }
}

/** Folds events onto `from` (default: empty) through one private draft: linear over long logs. */
export function foldInspections(
  events: Iterable<DomainEvent>,
  from: InspectionState = emptyInspectionState(),
): InspectionState {
  const draft = cloneInspectionState(from);
  for (const e of events) applyInspectionEvent(draft, e);
  return draft;
}
