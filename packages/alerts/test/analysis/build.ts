// Event builders for the analysis tests: terse, valid domain events (every payload field filled).
import type { DomainEvent, Obligation, ObligationKind } from "../../src/index";
import { makeEvent } from "../../src/index";

/** 2025-03-03 00:00 in Beijing (UTC+8), a Monday. */
export const T0 = Date.parse("2025-03-03T00:00:00+08:00");
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
export const TZ = 480;

type Sev = 1 | 2 | 3 | 4;

export function raised(
  id: string,
  at: number,
  over: { prisonId?: string; type?: string; severity?: Sev; sourceId?: string; cameraId?: string | null } = {},
): DomainEvent {
  const prisonId = over.prisonId ?? "pj";
  return makeEvent("alarm.raised", at, `feed:${prisonId}`, {
    id,
    prisonId,
    sourceId: over.sourceId ?? `src-${id}`,
    origin: "feed",
    type: (over.type ?? "fighting") as "fighting",
    severity: over.severity ?? 2,
    occurredAt: at,
    blockId: null,
    subBlockId: null,
    cameraId: over.cameraId ?? null,
    title: null,
    description: null,
    snapshot: null,
  });
}

export const acked = (id: string, at: number) => makeEvent("alarm.acknowledged", at, "user:duty", { id, note: "ok" });
export const resolved = (id: string, at: number, disposition: "real" | "false_alarm" | "handled" = "handled") =>
  makeEvent("alarm.resolved", at, "user:duty", { id, disposition, note: "done" });
export const cleared = (id: string, at: number) => makeEvent("alarm.cleared", at, "system", { id, reason: "back" });
export const repeated = (id: string, at: number, count: number) =>
  makeEvent("alarm.repeated", at, "feed:pj", { id, sourceId: `src-${id}`, count, occurredAt: at });

export function obligation(
  kind: ObligationKind,
  subject: string,
  prisonId: string | null,
  openedAt: number,
  yellowAt: number,
  redAt: number,
): Obligation {
  return {
    id: `${kind}.${subject}`,
    kind,
    subject,
    owner: prisonId ?? "bureau",
    prisonId,
    openedAt,
    yellowAt,
    redAt,
    escalation: [],
    light: "green",
    escalatedTo: [],
    status: "open",
    fulfilledAt: null,
  };
}

export const opened = (ob: Obligation, at = ob.openedAt) =>
  makeEvent("obligation.opened", at, "system", { obligation: ob });
const ref = (ob: Obligation) => ({
  id: ob.id,
  kind: ob.kind,
  subject: ob.subject,
  owner: ob.owner,
  prisonId: ob.prisonId,
});
export const red = (ob: Obligation) => makeEvent("deadline.red", ob.redAt, "system", ref(ob));
export const fulfilled = (ob: Obligation, at: number) => makeEvent("obligation.fulfilled", at, "system", ref(ob));

export function report(prisonId: string, blockId: string, checkpoint: string, scheduledAt: number, at: number) {
  return makeEvent("rollcall.reported", at, `feed:${prisonId}`, {
    id: `rc-${prisonId}-${blockId}-${checkpoint}-${at}`,
    prisonId,
    sourceId: `rc-${blockId}-${checkpoint}-${at}`,
    date: new Date(scheduledAt + TZ * MIN).toISOString().slice(0, 10),
    blockId,
    subBlockId: null,
    checkpoint,
    scheduledAt,
    reportedAt: at,
    expected: 10,
    present: 10,
    absentees: [],
  });
}

export function issued(id: string, at: number, signDeadline: number, receivers: Array<[string, string]>) {
  return makeEvent("order.issued", at, "user:commander", {
    id,
    title: "t",
    body: "b",
    priority: "routine",
    category: "custody_security",
    addressedTo: receivers.map(([, unit]) => unit),
    receivers: receivers.map(([prisonId, unitId]) => ({
      unitId,
      unitKind: "prison" as const,
      prisonId,
      path: [prisonId],
    })),
    signDeadline,
    feedbackDeadline: null,
    attachment: null,
    templateId: null,
  } as never);
}
export const signed = (id: string, unitId: string, at: number) =>
  makeEvent("order.signed", at, `user:op-${unitId}`, { id, unitId, note: "" });

export function adhoc(id: string, at: number, prisonId: string, blockId: string) {
  const date = new Date(at + TZ * MIN).toISOString().slice(0, 10);
  return makeEvent("inspection.adhoc", at, "user:chief", { id, date, prisonId, blockId, reason: "spot" });
}
export const completed = (inspectionId: string, at: number) =>
  makeEvent("inspection.completed", at, "user:chief", { inspectionId, rating: "good", summary: "" } as never);
export function finding(id: string, at: number, prisonId: string) {
  const date = new Date(at + TZ * MIN).toISOString().slice(0, 10);
  return makeEvent("finding.recorded", at, "user:chief", {
    id,
    inspectionId: "i1",
    date,
    prisonId,
    blockId: "b1",
    cameraId: null,
    note: "n",
    severity: 1,
    snapshot: null,
    snapshotRef: null,
    deadlineDays: 3,
    deadline: at + 3 * DAY,
  });
}
export const accepted = (findingId: string, at: number) =>
  makeEvent("rectification.reviewed", at, "user:chief", {
    findingId,
    round: 0,
    decision: "accept",
    note: "",
    deadline: null,
  });
