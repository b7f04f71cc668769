// THE obligation engine: something someone owes by a deadline (acknowledge an alarm, report a roll call,
// sign for an order, rectify a finding). Its light moves green → yellow → red and then up an escalation
// ladder, on its own, by time alone. Pure: `now` is an argument, the transitions it finds are returned as
// events for the log, and the state only changes when those events are folded (obligationState.ts).
// Must never read a clock or keep state of its own: replaying the log must give the same lights.
import type { DomainEvent } from "./events";
import { makeEvent, SYSTEM_ACTOR } from "./events";
import type { EscalationLevel, Light, Obligation, ObligationKind } from "./schemas/obligation";
import { lightRank } from "./schemas/obligation";

/** What it takes to open an obligation; the policy helpers (obligationPolicy.ts) build these. */
export interface ObligationSpec {
  id: string;
  kind: ObligationKind;
  subject: string;
  owner: string;
  prisonId: string | null;
  yellowAt: number;
  redAt: number;
  escalation: readonly EscalationLevel[];
  /** When the clock started; defaults to `now` (a roll-call slot starts at its checkpoint, not at the tick). */
  openedAt?: number;
}

/** Opens an obligation at `now`. Thresholds are normalised: openedAt ≤ yellowAt ≤ redAt, levels sorted. */
export function open(spec: ObligationSpec, now: number): Obligation {
  const openedAt = spec.openedAt ?? now;
  const redAt = Math.max(spec.redAt, openedAt);
  const yellowAt = Math.min(Math.max(spec.yellowAt, openedAt), redAt);
  return {
    id: spec.id,
    kind: spec.kind,
    subject: spec.subject,
    owner: spec.owner,
    prisonId: spec.prisonId,
    openedAt,
    yellowAt,
    redAt,
    escalation: [...spec.escalation].sort((a, b) => a.afterMs - b.afterMs),
    light: "green",
    escalatedTo: [],
    status: "open",
    fulfilledAt: null,
  };
}

/** The instant the clock stops: fulfilment freezes the light (a late fulfilment stays on record as late). */
function clockAt(ob: Obligation, now: number): number {
  if (ob.status === "fulfilled" && ob.fulfilledAt !== null) return Math.min(now, ob.fulfilledAt);
  if (ob.status === "cancelled") return Number.NEGATIVE_INFINITY;
  return now;
}

function maxLight(a: Light, b: Light): Light {
  return lightRank[a] >= lightRank[b] ? a : b;
}

/** The light at `now`: by thresholds, never below what events already recorded (monotonic in time). */
export function lightAt(ob: Obligation, now: number): Light {
  const t = clockAt(ob, now);
  const byTime: Light = t >= ob.redAt ? "red" : t >= ob.yellowAt ? "yellow" : "green";
  return maxLight(byTime, ob.light);
}

/** Roles the obligation sits with at `now` by the escalation ladder (at least those already recorded). */
export function escalatedAt(ob: Obligation, now: number): string[] {
  const t = clockAt(ob, now);
  const passed = ob.escalation.filter((l) => t >= ob.redAt + l.afterMs).map((l) => l.to);
  return passed.length >= ob.escalatedTo.length ? passed : [...ob.escalatedTo];
}

/** Milliseconds until the next transition, or null when none is left (the gateway's timer hint). */
export function nextTransitionAt(ob: Obligation): number | null {
  if (ob.status !== "open") return null;
  if (lightRank[ob.light] < lightRank.yellow) return ob.yellowAt;
  if (lightRank[ob.light] < lightRank.red) return ob.redAt;
  const level = ob.escalation[ob.escalatedTo.length];
  return level === undefined ? null : ob.redAt + level.afterMs;
}

function ref(ob: Obligation) {
  return { id: ob.id, kind: ob.kind, subject: ob.subject, owner: ob.owner, prisonId: ob.prisonId };
}

/** The transitions of one open obligation that are due at `now` and not yet recorded, in order. */
export function transitionsDue(ob: Obligation, now: number): DomainEvent[] {
  if (ob.status !== "open") return [];
  const out: DomainEvent[] = [];
  if (lightRank[ob.light] < lightRank.yellow && now >= ob.yellowAt) {
    out.push(makeEvent("deadline.yellow", ob.yellowAt, SYSTEM_ACTOR, ref(ob)));
  }
  if (lightRank[ob.light] < lightRank.red && now >= ob.redAt) {
    out.push(makeEvent("deadline.red", ob.redAt, SYSTEM_ACTOR, ref(ob)));
  }
  for (let level = ob.escalatedTo.length; level < ob.escalation.length; level++) {
    const step = ob.escalation[level]!;
    const at = ob.redAt + step.afterMs;
    if (now < at) break;
    out.push(makeEvent("obligation.escalated", at, SYSTEM_ACTOR, { ...ref(ob), level, to: step.to }));
  }
  return out;
}

/**
 * Every transition due at `now` across obligations, ordered by (at, obligation id). Deterministic and
 * idempotent: once the returned events are folded, calling again (at the same or a later time) never
 * returns them again. Each event's `at` is its threshold, so a late tick records the same facts.
 */
export function due(obligations: Iterable<Obligation>, now: number): DomainEvent[] {
  const out: DomainEvent[] = [];
  for (const ob of obligations) out.push(...transitionsDue(ob, now));
  // Array.prototype.sort is stable: one obligation's yellow < red < escalations keep their order.
  return out.sort((a, b) => a.at - b.at || cmp(idOf(a), idOf(b)));
}

function idOf(e: DomainEvent): string {
  return (e.data as { id: string }).id;
}
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Fulfils an open obligation at `now`; the light freezes at its value then. Closed ones are unchanged. */
export function fulfil(ob: Obligation, now: number): Obligation {
  if (ob.status !== "open") return ob;
  // escalatedTo stays as recorded: it lists queues the obligation actually reached, not ones it would have.
  const done: Obligation = { ...ob, status: "fulfilled", fulfilledAt: now };
  return { ...done, light: lightAt(done, now) };
}

/** Cancels an open obligation (an order withdrawn): its light stays as recorded. */
export function cancel(ob: Obligation): Obligation {
  return ob.status === "open" ? { ...ob, status: "cancelled" } : ob;
}

/** Applies a recorded transition event to its obligation (used by the reducer; idempotent). */
export function applyTransition(ob: Obligation, e: DomainEvent): Obligation {
  if (ob.status !== "open") return ob;
  switch (e.type) {
    case "deadline.yellow":
      return lightRank[ob.light] < lightRank.yellow ? { ...ob, light: "yellow" } : ob;
    case "deadline.red":
      return lightRank[ob.light] < lightRank.red ? { ...ob, light: "red" } : ob;
    case "obligation.escalated":
      // Only the next level applies: a replayed or out-of-order duplicate is ignored.
      return e.data.level === ob.escalatedTo.length ? { ...ob, escalatedTo: [...ob.escalatedTo, e.data.to] } : ob;
    default:
      return ob;
  }
}
