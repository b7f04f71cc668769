// The whole control plane as one state: alarms, roll calls, obligations and orders, folded from one log.
// `reduceControl` is the pure reducer (new state per event, for the wall); `foldControl` folds many
// events through one private draft (linear time, for the gateway's replay). `tick` is what a timer calls:
// it opens due roll-call obligations and returns every deadline transition due, as events.

import type { AlarmsState } from "./alarms/alarm";
import { cloneAlarmsState, emptyAlarmsState } from "./alarms/alarm";
import { applyAlarmEvent } from "./alarms/reduce";
import type { DomainEvent } from "./events";
import { due } from "./obligation";
import type { ObligationState } from "./obligationState";
import {
  applyObligationEvent,
  cloneObligationState,
  dueObligations,
  emptyObligationState,
  openObligations,
} from "./obligationState";
import type { OrdersState } from "./orders/order";
import { cloneOrdersState, emptyOrdersState } from "./orders/order";
import { applyOrderEvent } from "./orders/reduce";
import type { AlertsPolicy } from "./policy";
import { defaultPolicy } from "./policy";
import { decideRollCallTick } from "./rollcalls/due";
import type { BlockRef } from "./rollcalls/slot";
import type { RollCallsState } from "./rollcalls/state";
import { applyRollCallEvent, cloneRollCallsState, emptyRollCallsState } from "./rollcalls/state";
import type { RollCallConfig } from "./schemas/rollcall";

export interface ControlState {
  alarms: AlarmsState;
  rollcalls: RollCallsState;
  obligations: ObligationState;
  orders: OrdersState;
}

export function emptyControlState(): ControlState {
  return {
    alarms: emptyAlarmsState(),
    rollcalls: emptyRollCallsState(),
    obligations: emptyObligationState(),
    orders: emptyOrdersState(),
  };
}

function cloneControlState(s: ControlState): ControlState {
  return {
    alarms: cloneAlarmsState(s.alarms),
    rollcalls: cloneRollCallsState(s.rollcalls),
    obligations: cloneObligationState(s.obligations),
    orders: cloneOrdersState(s.orders),
  };
}

function apply(draft: ControlState, e: DomainEvent): void {
  applyAlarmEvent(draft.alarms, e);
  applyRollCallEvent(draft.rollcalls, e);
  applyObligationEvent(draft.obligations, e);
  applyOrderEvent(draft.orders, e);
}

export function reduceControl(state: ControlState, e: DomainEvent): ControlState {
  const next = cloneControlState(state);
  apply(next, e);
  return next;
}

/** Folds events onto `from` (default: empty) without touching `from`. */
export function foldControl(events: Iterable<DomainEvent>, from: ControlState = emptyControlState()): ControlState {
  const draft = cloneControlState(from);
  for (const e of events) apply(draft, e);
  return draft;
}

export interface TickContext {
  now: number;
  rollcalls: RollCallConfig;
  /** The blocks that report roll calls. */
  blocks: readonly BlockRef[];
  policy?: AlertsPolicy;
}

/** Everything time alone makes true at `now`: roll-call obligations opened, then lights and escalations. */
export function tick(state: ControlState, ctx: TickContext): DomainEvent[] {
  const policy = ctx.policy ?? defaultPolicy;
  const opened = decideRollCallTick(state, ctx.rollcalls, ctx.blocks, ctx.now, policy);
  // Most ticks open nothing: then the state's own obligations are read as they are. Copying every
  // obligation ever opened each second stalled the gateway for ~100 ms at tens of thousands of alarms.
  if (opened.length === 0) return due(dueObligations(state.obligations, ctx.now), ctx.now);
  const obligations = cloneObligationState(state.obligations);
  for (const e of opened) applyObligationEvent(obligations, e);
  return [...opened, ...due(openObligations(obligations), ctx.now)];
}
