// The facts the figures count, one record per thing (an alarm, a roll-call slot, an order receiver, an
// obligation, an inspection, a finding), and what each contributes to its hour bucket (counters.ts) and,
// for the map, to its prison's live counts. Contributions are pure functions of a record, so a change is
// "take the old contribution out, put the new one in" and any order of folding gives the same sums.
import type { AlarmStatus, Disposition } from "../schemas/alarm";
import type { ObligationKind } from "../schemas/obligation";
import type { Contribution } from "./counters";

/** Where a fact is counted: its local hour and its prison ("" for bureau-level work). */
export interface Placed {
  hour: number;
  prisonId: string;
}

export interface AlarmFact extends Placed {
  id: string;
  type: string;
  severity: number;
  raisedAt: number;
  state: AlarmStatus;
  ackAt: number | null;
  resolvedAt: number | null;
  disposition: Disposition | null;
  repeats: number;
  overdue: boolean;
}

export function alarmContribution(a: AlarmFact): Contribution {
  const out: Array<[string, number]> = [
    ["a", 1],
    [`a.t:${a.type}`, 1],
    [`a.s:${a.severity}`, 1],
    [`a.${a.state}`, 1],
  ];
  // As stats/timing.ts: a direct resolve counts as the acknowledgement.
  const ackAt = a.ackAt ?? a.resolvedAt;
  if (ackAt !== null) out.push(["a.ackN", 1], ["a.ackMs", ackAt - a.raisedAt]);
  if (a.resolvedAt !== null) out.push(["a.resN", 1], ["a.resMs", a.resolvedAt - a.raisedAt]);
  if (a.disposition !== null) out.push([`a.d:${a.disposition}`, 1]);
  if (a.repeats > 0) out.push(["a.rep", a.repeats]);
  if (a.overdue) out.push(["a.over", 1]);
  return out;
}

/** What an alarm adds to its prison's current state (the map): only while it is not closed. */
export function alarmLiveContribution(a: AlarmFact): Contribution {
  if (a.state !== "open" && a.state !== "acknowledged") return [];
  const out: Array<[string, number]> = [[`u:${a.severity}`, 1]];
  if (a.type === "video_loss") out.push(["vl", 1]);
  return out;
}

export interface SlotFact extends Placed {
  key: string;
  /** The slot's yellow threshold, known once its obligation is opened (a report before it needs none). */
  yellowAt: number | null;
  firstReportAt: number | null;
  red: boolean;
}

export function slotContribution(s: SlotFact): Contribution {
  const out: Array<[string, number]> = [["rc", 1]];
  if (s.firstReportAt !== null) {
    out.push(["rc.rep", 1]);
    if (s.yellowAt === null || s.firstReportAt <= s.yellowAt) out.push(["rc.on", 1]);
  }
  if (s.red) out.push(["rc.red", 1]);
  return out;
}

/** Obligations other than alarm acknowledgements and roll calls (those live on their own facts). */
export interface ObligationFact extends Placed {
  id: string;
  kind: ObligationKind;
  status: "open" | "fulfilled" | "cancelled";
  red: boolean;
}

export function obligationContribution(o: ObligationFact): Contribution {
  const out: Array<[string, number]> = [[`o:${o.kind}`, 1]];
  if (o.status === "fulfilled") out.push([`o:${o.kind}.done`, 1]);
  if (o.red) out.push([`o:${o.kind}.red`, 1]);
  if (o.red && o.status === "open") out.push([`o:${o.kind}.redOpen`, 1]);
  return out;
}

export interface ReceiverFact extends Placed {
  orderId: string;
  signDeadline: number;
  signedAt: number | null;
  fedBack: boolean;
}

export function receiverContribution(r: ReceiverFact): Contribution {
  // "ord:<id>" makes the number of distinct orders summable per unit (an order to 3 prisons is 1 order).
  const out: Array<[string, number]> = [
    ["r", 1],
    [`ord:${r.orderId}`, 1],
  ];
  if (r.signedAt !== null) out.push(["r.sig", 1]);
  if (r.signedAt !== null && r.signedAt > r.signDeadline) out.push(["r.late", 1]);
  if (r.fedBack) out.push(["r.fb", 1]);
  return out;
}

/** What a receipt adds to its prison's current state: an order waiting to be signed for. */
export function receiverLiveContribution(r: ReceiverFact): Contribution {
  return r.signedAt === null ? [["op", 1]] : [];
}

export interface InspectionFact extends Placed {
  id: string;
  blockId: string;
  adhoc: boolean;
  completed: boolean;
}

export function inspectionContribution(i: InspectionFact): Contribution {
  const out: Array<[string, number]> = [
    ["i", 1],
    [`blk:${i.prisonId}/${i.blockId}`, 1],
  ];
  if (i.completed) out.push(["i.done", 1]);
  if (i.adhoc) out.push(["i.adhoc", 1]);
  return out;
}

export interface FindingFact extends Placed {
  id: string;
  accepted: boolean;
}

export function findingContribution(f: FindingFact): Contribution {
  return f.accepted
    ? [["f", 1]]
    : [
        ["f", 1],
        ["f.open", 1],
      ];
}
