// Thresholds of the obligation engine, per kind and (for alarms) per severity, with the defaults the
// product ships; and the helpers that turn "this alarm / slot / order target / finding" into an
// ObligationSpec. Config only: the gateway loads a partial override with zObligationPolicy.
import { z } from "zod";
import type { ObligationSpec } from "./obligation";
import type { Severity } from "./schemas/alarm";
import type { EscalationLevel, ObligationKind } from "./schemas/obligation";
import { zEscalationLevel } from "./schemas/obligation";
import { DAY_MS, MINUTE_MS } from "./schemas/time";

const zMs = z.number().int().min(0);
const zLadder = z.array(zEscalationLevel).max(8);

export const zAckThresholds = z
  .object({ yellowMs: zMs, redMs: zMs, escalation: zLadder })
  .strict()
  .refine((t) => t.redMs >= t.yellowMs, { message: "redMs must not be below yellowMs", path: ["redMs"] });
export type AckThresholds = z.infer<typeof zAckThresholds>;

const toCommander: EscalationLevel[] = [{ afterMs: 0, to: "commander" }];
const toCommanderThenChief: EscalationLevel[] = [
  { afterMs: 0, to: "commander" },
  { afterMs: DAY_MS, to: "chief" },
];
const ack = (yellowMin: number, redMin: number): AckThresholds => ({
  yellowMs: yellowMin * MINUTE_MS,
  redMs: redMin * MINUTE_MS,
  escalation: toCommander,
});

export const defaultObligationPolicy = {
  /** Acknowledge an alarm: by severity, minutes from when it was raised; red lands in the commander's queue. */
  alarmAck: { 1: ack(1, 3), 2: ack(3, 10), 3: ack(10, 30), 4: ack(30, 120) },
  /** Report a roll call: yellow/red come from the checkpoint (graceMin, redAfterMin); this is the ladder. */
  rollcall: { escalation: toCommander },
  /** Sign for / report back on an order: yellow at `yellowFraction` of the window or `yellowBeforeMs` before. */
  order: { yellowFraction: 0.75, yellowBeforeMs: DAY_MS, escalation: toCommanderThenChief },
  /** Rectify a finding: yellow one day before the deadline, red after it (seed 004, 双色灯). */
  rectification: { yellowBeforeMs: DAY_MS, escalation: toCommanderThenChief },
};

export const zObligationPolicy = z
  .object({
    alarmAck: z
      .object({ 1: zAckThresholds, 2: zAckThresholds, 3: zAckThresholds, 4: zAckThresholds })
      .strict()
      .default(defaultObligationPolicy.alarmAck),
    rollcall: z.object({ escalation: zLadder }).strict().default(defaultObligationPolicy.rollcall),
    order: z
      .object({ yellowFraction: z.number().min(0).max(1), yellowBeforeMs: zMs, escalation: zLadder })
      .strict()
      .default(defaultObligationPolicy.order),
    rectification: z
      .object({ yellowBeforeMs: zMs, escalation: zLadder })
      .strict()
      .default(defaultObligationPolicy.rectification),
  })
  .strict();
export type ObligationPolicy = z.output<typeof zObligationPolicy>;

/** Obligation ids derive from kind and subject ('.' never occurs in ids), so retries name the same one. */
const prefix: Record<ObligationKind, string> = {
  "alarm.ack": "ack",
  "rollcall.report": "rc",
  "order.sign": "sign",
  "order.feedback": "feedback",
  rectification: "rect",
};
export function obligationId(kind: ObligationKind, subject: string): string {
  return `${prefix[kind]}.${subject}`;
}

/** Acknowledge alarm `id` of `prisonId`: owned by the prison's duty desk, clock from `raisedAt`. */
export function alarmAckSpec(
  policy: ObligationPolicy,
  alarm: { id: string; prisonId: string; severity: Severity },
  raisedAt: number,
): ObligationSpec {
  const t = policy.alarmAck[alarm.severity];
  return {
    id: obligationId("alarm.ack", alarm.id),
    kind: "alarm.ack",
    subject: alarm.id,
    owner: alarm.prisonId,
    prisonId: alarm.prisonId,
    openedAt: raisedAt,
    yellowAt: raisedAt + t.yellowMs,
    redAt: raisedAt + t.redMs,
    escalation: t.escalation,
  };
}

/** Report roll-call slot `slotKey`: owned by the block, clock from the checkpoint's scheduled instant. */
export function rollCallSpec(
  policy: ObligationPolicy,
  slot: { key: string; prisonId: string; blockId: string; scheduledAt: number; graceMin: number; redAfterMin: number },
): ObligationSpec {
  return {
    id: obligationId("rollcall.report", slot.key),
    kind: "rollcall.report",
    subject: slot.key,
    owner: slot.blockId,
    prisonId: slot.prisonId,
    openedAt: slot.scheduledAt,
    yellowAt: slot.scheduledAt + slot.graceMin * MINUTE_MS,
    redAt: slot.scheduledAt + slot.redAfterMin * MINUTE_MS,
    escalation: policy.rollcall.escalation,
  };
}

export interface DeadlineTarget {
  /** The order target id (order × unit) or finding id. */
  subject: string;
  owner: string;
  prisonId: string | null;
  deadline: number;
}

/**
 * Sign for / report back on an order. Yellow at the later of `yellowFraction` of the window and
 * `yellowBeforeMs` before the deadline: hour-scale orders warn at 75 %, day-scale ones a day ahead
 * (seed 004), and the two rules meet smoothly at a 4-day window. Red at the deadline.
 */
export function orderSpec(
  policy: ObligationPolicy,
  kind: "order.sign" | "order.feedback",
  target: DeadlineTarget,
  now: number,
): ObligationSpec {
  const window = Math.max(0, target.deadline - now);
  const yellowAt = Math.max(
    now + Math.round(window * policy.order.yellowFraction),
    target.deadline - policy.order.yellowBeforeMs,
  );
  return {
    id: obligationId(kind, target.subject),
    kind,
    subject: target.subject,
    owner: target.owner,
    prisonId: target.prisonId,
    yellowAt,
    redAt: target.deadline,
    escalation: policy.order.escalation,
  };
}

/** Rectify a finding: yellow `yellowBeforeMs` (a day) before the deadline, red after it. */
export function rectificationSpec(policy: ObligationPolicy, target: DeadlineTarget, now: number): ObligationSpec {
  return {
    id: obligationId("rectification", target.subject),
    kind: "rectification",
    subject: target.subject,
    owner: target.owner,
    prisonId: target.prisonId,
    yellowAt: Math.max(now, target.deadline - policy.rectification.yellowBeforeMs),
    redAt: target.deadline,
    escalation: policy.rectification.escalation,
  };
}
