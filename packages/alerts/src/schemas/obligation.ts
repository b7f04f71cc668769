// The obligation record (something someone owes by a deadline) and its light. Schema only: the engine
// that moves lights lives in src/obligation.ts. Kept apart so the event map can embed it without a cycle.
import { z } from "zod";

export const obligationKinds = [
  "alarm.ack",
  "rollcall.report",
  "order.sign",
  "order.feedback",
  "rectification",
] as const;
export const zObligationKind = z.enum(obligationKinds);
export type ObligationKind = z.infer<typeof zObligationKind>;

/** 双色灯: green (in time), yellow (reminder, 催办), red (overdue, 超期). Escalation is on top of red. */
export const lights = ["green", "yellow", "red"] as const;
export const zLight = z.enum(lights);
export type Light = z.infer<typeof zLight>;

/** Rank for comparisons: a light only ever moves up while the obligation is open. */
export const lightRank: Record<Light, number> = { green: 0, yellow: 1, red: 2 };

/** One escalation step: `afterMs` after the red deadline, the obligation lands in `to`'s queue (a role). */
export const zEscalationLevel = z.object({ afterMs: z.number().int().min(0), to: z.string().min(1).max(64) }).strict();
export type EscalationLevel = z.infer<typeof zEscalationLevel>;

export const obligationStatuses = ["open", "fulfilled", "cancelled"] as const;
export const zObligationStatus = z.enum(obligationStatuses);
export type ObligationStatus = z.infer<typeof zObligationStatus>;

export const zObligation = z
  .object({
    /** Deterministic from its subject (e.g. `ack.<alarmId>`), so replays and retries name the same one. */
    id: z.string().min(1).max(256),
    kind: zObligationKind,
    /** What is owed: the alarm id, the roll-call slot key, the order target id, the finding id. */
    subject: z.string().min(1).max(256),
    /** Who owes it: a unit id (prison, block) or a role. */
    owner: z.string().min(1).max(128),
    /** The prison it belongs to, for scoping operators to their prison; null for bureau-level work. */
    prisonId: z.string().nullable(),
    openedAt: z.number(),
    yellowAt: z.number(),
    redAt: z.number(),
    /** Levels in increasing afterMs order. */
    escalation: z.array(zEscalationLevel),
    /** The last light recorded by events (lightAt() gives the live one). */
    light: zLight,
    /** Roles it has been escalated to, in level order (escalatedTo.length = levels passed). */
    escalatedTo: z.array(z.string()),
    status: zObligationStatus,
    fulfilledAt: z.number().nullable(),
  })
  .strict();
export type Obligation = z.infer<typeof zObligation>;
