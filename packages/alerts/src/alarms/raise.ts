// Raising an alarm, whoever raises it (a feed, our stream health, a roll-call mismatch): the
// alarm.raised event plus the obligation to acknowledge it, whose thresholds come from the policy.
import type { Actor, DomainEvent, EventMap } from "../events";
import { makeEvent, SYSTEM_ACTOR } from "../events";
import { open } from "../obligation";
import type { ObligationPolicy } from "../obligationPolicy";
import { alarmAckSpec } from "../obligationPolicy";
import type { Alarm } from "./alarm";

export type AlarmRaisedData = EventMap["alarm.raised"];

export function raiseAlarm(data: AlarmRaisedData, policy: ObligationPolicy, now: number, actor: Actor): DomainEvent[] {
  const ob = open(alarmAckSpec(policy, data, now), now);
  return [
    makeEvent("alarm.raised", now, actor, data),
    // The system opens the obligation: the feed only reported a fact, the duty to act is ours.
    makeEvent("obligation.opened", now, SYSTEM_ACTOR, { obligation: ob }),
  ];
}

/** Closing an alarm that is still open fulfils its acknowledge obligation (no event if there is none). */
export function fulfilAck(a: Alarm, at: number, actor: Actor): DomainEvent[] {
  if (a.state !== "open" || a.ackObligationId === null) return [];
  const ref = {
    id: a.ackObligationId,
    kind: "alarm.ack" as const,
    subject: a.id,
    owner: a.prisonId,
    prisonId: a.prisonId,
  };
  return [makeEvent("obligation.fulfilled", at, actor, ref)];
}
