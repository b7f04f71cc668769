// Folding events into the figures state, one event at a time: the live gateway applies each appended
// event (O(1) apart from the ticker) instead of refolding the log, and figures(events) is the same fold
// from empty, so incremental = batch by construction (and by property test). Mirrors the domain's state
// machines: an acknowledgement only of an open alarm, duplicates are no-ops, events about unknown
// things are ignored, so any log folds deterministically.
import { sourceKey } from "../alarms/alarm";
import type { DomainEvent } from "../events";
import { slotKey } from "../rollcalls/slot";
import { heardAt } from "../rollcalls/state";
import type { Contribution } from "./counters";
import { addContribution, bumpCounter, hourOf } from "./counters";
import type { AlarmFact, Placed } from "./facts";
import {
  alarmContribution,
  alarmLiveContribution,
  findingContribution,
  inspectionContribution,
  obligationContribution,
  receiverContribution,
  receiverLiveContribution,
  slotContribution,
} from "./facts";
import type { FiguresConfig, FiguresState } from "./state";
import { cloneFigures, emptyFigures } from "./state";

type Counted<F> = { map: Map<string, F>; contrib: (f: F) => Contribution; live?: (f: F) => Contribution };

function addLive(s: FiguresState, prisonId: string, contrib: Contribution, sign: 1 | -1): void {
  if (contrib.length === 0) return;
  let c = s.live.get(prisonId);
  if (c === undefined) {
    c = new Map();
    s.live.set(prisonId, c);
  }
  for (const [name, v] of contrib) bumpCounter(c, name, sign * v);
  if (c.size === 0) s.live.delete(prisonId);
}

/** Replaces a fact (or adds it when prev is undefined): its old contributions out, the new ones in. */
function put<F extends Placed>(s: FiguresState, kind: Counted<F>, key: string, prev: F | undefined, next: F): void {
  if (prev !== undefined) {
    addContribution(s.buckets, prev.hour, prev.prisonId, kind.contrib(prev), -1);
    if (kind.live) addLive(s, prev.prisonId, kind.live(prev), -1);
  }
  kind.map.set(key, next);
  addContribution(s.buckets, next.hour, next.prisonId, kind.contrib(next), 1);
  if (kind.live) addLive(s, next.prisonId, kind.live(next), 1);
}

function update<F extends Placed>(s: FiguresState, kind: Counted<F>, key: string, f: (x: F) => F | null): void {
  const prev = kind.map.get(key);
  if (prev === undefined) return;
  const next = f(prev);
  if (next !== null) put(s, kind, key, prev, next);
}

function kinds(s: FiguresState) {
  return {
    alarm: { map: s.alarms, contrib: alarmContribution, live: alarmLiveContribution },
    slot: { map: s.slots, contrib: slotContribution },
    obligation: { map: s.obligations, contrib: obligationContribution },
    receiver: { map: s.receivers, contrib: receiverContribution, live: receiverLiveContribution },
    inspection: { map: s.inspections, contrib: inspectionContribution },
    finding: { map: s.findings, contrib: findingContribution },
  } as const;
}

const active = (a: AlarmFact) => a.state === "open" || a.state === "acknowledged";

function applyAlarm(s: FiguresState, e: DomainEvent): void {
  const k = kinds(s).alarm;
  switch (e.type) {
    case "alarm.raised": {
      const d = e.data;
      const src = sourceKey(d.prisonId, d.sourceId);
      if (s.alarms.has(d.id) || s.alarmSources.has(src)) return;
      s.alarmSources.add(src);
      const hour = hourOf(e.at, s.tzOffsetMin);
      put(s, k, d.id, undefined, {
        hour,
        prisonId: d.prisonId,
        id: d.id,
        type: d.type,
        severity: d.severity,
        raisedAt: e.at,
        state: "open",
        ackAt: null,
        resolvedAt: null,
        disposition: null,
        repeats: 0,
        overdue: false,
      });
      const last = s.lastAlarm.get(d.prisonId);
      if (last === undefined || last.at <= e.at) s.lastAlarm.set(d.prisonId, { id: d.id, at: e.at });
      const tick = {
        id: d.id,
        prisonId: d.prisonId,
        type: d.type,
        severity: d.severity,
        at: e.at,
        title: d.title,
        cameraId: d.cameraId,
      };
      s.ticker = [tick, ...s.ticker].sort((a, b) => b.at - a.at).slice(0, s.tickerSize);
      return;
    }
    case "alarm.repeated":
      update(s, k, e.data.id, (a) => (e.data.count - 1 > a.repeats ? { ...a, repeats: e.data.count - 1 } : null));
      return;
    case "alarm.acknowledged":
      update(s, k, e.data.id, (a) =>
        a.state === "open" ? { ...a, state: "acknowledged" as const, ackAt: e.at } : null,
      );
      return;
    case "alarm.resolved":
      update(s, k, e.data.id, (a) =>
        active(a) ? { ...a, state: "resolved" as const, resolvedAt: e.at, disposition: e.data.disposition } : null,
      );
      return;
    case "alarm.cleared":
      update(s, k, e.data.id, (a) => (active(a) ? { ...a, state: "cleared" as const } : null));
      return;
    default:
      return;
  }
}

function applyObligation(s: FiguresState, e: DomainEvent): void {
  const k = kinds(s);
  switch (e.type) {
    case "obligation.opened": {
      const ob = e.data.obligation;
      if (s.obligationIds.has(ob.id)) return;
      s.obligationIds.add(ob.id);
      const prisonId = ob.prisonId ?? "";
      const red = ob.light === "red";
      if (ob.status === "open") s.openDeadlines.set(ob.id, { prisonId, redAt: ob.redAt, red });
      const hour = hourOf(ob.openedAt, s.tzOffsetMin);
      if (ob.kind === "alarm.ack") return;
      if (ob.kind === "rollcall.report") {
        const prev = s.slots.get(ob.subject);
        if (prev === undefined) {
          put(s, k.slot, ob.subject, undefined, {
            hour,
            prisonId,
            key: ob.subject,
            yellowAt: ob.yellowAt,
            firstReportAt: null,
            red,
          });
        } else if (prev.yellowAt === null) put(s, k.slot, ob.subject, prev, { ...prev, yellowAt: ob.yellowAt });
        return;
      }
      put(s, k.obligation, ob.id, undefined, { hour, prisonId, id: ob.id, kind: ob.kind, status: ob.status, red });
      return;
    }
    case "obligation.fulfilled":
    case "obligation.cancelled": {
      s.openDeadlines.delete(e.data.id);
      const status = e.type === "obligation.fulfilled" ? ("fulfilled" as const) : ("cancelled" as const);
      update(s, k.obligation, e.data.id, (o) => (o.status === "open" ? { ...o, status } : null));
      return;
    }
    case "deadline.red": {
      const d = e.data;
      const open = s.openDeadlines.get(d.id);
      if (open === undefined) return;
      if (!open.red) s.openDeadlines.set(d.id, { ...open, red: true });
      if (d.kind === "alarm.ack") update(s, k.alarm, d.subject, (a) => (a.overdue ? null : { ...a, overdue: true }));
      else if (d.kind === "rollcall.report") update(s, k.slot, d.subject, (x) => (x.red ? null : { ...x, red: true }));
      else update(s, k.obligation, d.id, (o) => (o.red ? null : { ...o, red: true }));
      return;
    }
    default:
      return;
  }
}

function applyWork(s: FiguresState, e: DomainEvent): void {
  const k = kinds(s);
  switch (e.type) {
    case "rollcall.reported": {
      const d = e.data;
      const key = slotKey(d.date, d.prisonId, d.blockId, d.checkpoint);
      const prev = s.slots.get(key);
      if (prev === undefined) {
        const hour = hourOf(d.scheduledAt, s.tzOffsetMin);
        put(s, k.slot, key, undefined, {
          hour,
          prisonId: d.prisonId,
          key,
          yellowAt: null,
          firstReportAt: heardAt(e),
          red: false,
        });
      } else if (prev.firstReportAt === null) put(s, k.slot, key, prev, { ...prev, firstReportAt: heardAt(e) });
      applyHeadcount(s, e.data, e.at);
      return;
    }
    case "order.issued": {
      const d = e.data;
      const hour = hourOf(e.at, s.tzOffsetMin);
      for (const r of d.receivers) {
        const key = `${d.id}|${r.unitId}`;
        if (s.receivers.has(key)) continue;
        const fact = {
          hour,
          prisonId: r.prisonId,
          orderId: d.id,
          signDeadline: d.signDeadline,
          signedAt: null,
          fedBack: false,
        };
        put(s, k.receiver, key, undefined, fact);
      }
      return;
    }
    case "order.signed":
      update(s, k.receiver, `${e.data.id}|${e.data.unitId}`, (r) =>
        r.signedAt === null ? { ...r, signedAt: e.at } : null,
      );
      return;
    case "order.feedback":
      // Feedback implies signing (the domain's rule), so a feedback-only receiver counts as signed then.
      update(s, k.receiver, `${e.data.id}|${e.data.unitId}`, (r) =>
        r.fedBack ? null : { ...r, fedBack: true, signedAt: r.signedAt ?? e.at },
      );
      return;
    case "inspection.drawn":
    case "inspection.adhoc": {
      const d = e.data;
      const prev = s.inspections.get(d.id);
      if (prev === undefined) {
        const hour = hourOf(e.at, s.tzOffsetMin);
        const adhoc = e.type === "inspection.adhoc";
        put(s, k.inspection, d.id, undefined, {
          hour,
          prisonId: d.prisonId,
          id: d.id,
          blockId: d.blockId,
          adhoc,
          completed: false,
        });
      } else if (e.type === "inspection.drawn" && !prev.completed) {
        // A redraw keeps the day's inspection and moves its target.
        put(s, k.inspection, d.id, prev, { ...prev, prisonId: d.prisonId, blockId: d.blockId });
      }
      return;
    }
    case "inspection.completed":
      update(s, k.inspection, e.data.inspectionId, (i) => (i.completed ? null : { ...i, completed: true }));
      return;
    case "finding.recorded": {
      const d = e.data;
      if (s.findings.has(d.id)) return;
      put(s, k.finding, d.id, undefined, {
        hour: hourOf(e.at, s.tzOffsetMin),
        prisonId: d.prisonId,
        id: d.id,
        accepted: false,
      });
      return;
    }
    case "rectification.reviewed":
      if (e.data.decision !== "accept") return;
      update(s, k.finding, e.data.findingId, (f) => (f.accepted ? null : { ...f, accepted: true }));
      return;
    default:
      return;
  }
}

/** The block's latest checkpoint wins; within it a later report of the same part replaces the earlier. */
function applyHeadcount(
  s: FiguresState,
  d: {
    prisonId: string;
    blockId: string;
    subBlockId: string | null;
    scheduledAt: number;
    expected: number;
    present: number;
  },
  at: number,
): void {
  const key = `${d.prisonId}/${d.blockId}`;
  const prev = s.headcount.get(key);
  if (prev !== undefined && prev.scheduledAt > d.scheduledAt) return;
  const parts = prev !== undefined && prev.scheduledAt === d.scheduledAt ? prev.parts : {};
  s.headcount.set(key, {
    prisonId: d.prisonId,
    scheduledAt: d.scheduledAt,
    reportedAt: Math.max(prev?.scheduledAt === d.scheduledAt ? prev.reportedAt : 0, at),
    parts: { ...parts, [d.subBlockId ?? ""]: { expected: d.expected, present: d.present } },
  });
}

/** Applies one event to a state the caller owns (the gateway's live draft, a fold's accumulator). */
export function applyFigures(draft: FiguresState, e: DomainEvent): void {
  draft.version += 1;
  applyAlarm(draft, e);
  applyObligation(draft, e);
  applyWork(draft, e);
}

/** Pure reducer: a new state, the old one untouched. */
export function reduceFigures(state: FiguresState, e: DomainEvent): FiguresState {
  const next = cloneFigures(state);
  applyFigures(next, e);
  return next;
}

/** Folds events onto `from` (default: empty) without touching `from`. */
export function foldFigures(events: Iterable<DomainEvent>, from?: FiguresState | FiguresConfig): FiguresState {
  const draft = from !== undefined && "buckets" in from ? cloneFigures(from) : emptyFigures(from);
  for (const e of events) applyFigures(draft, e);
  return draft;
}
