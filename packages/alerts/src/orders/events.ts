// Payload schemas of the order events (the entries of the one event map in ../events.ts). No transforms:
// an event parses back to exactly what was written. Counters (`n`) make repeatable facts (feedback,
// reminders) idempotent under replay: the reducer applies the n-th only once, when it is the next.
import { z } from "zod";
import { zOrderCategory, zOrderPriority } from "./schemas";

const zRef = z.string().min(1).max(256);

export const unitKinds = ["prison", "block", "subBlock"] as const;
export const zUnitKind = z.enum(unitKinds);
export type UnitKind = z.infer<typeof zUnitKind>;

/** A concrete receiving unit, resolved from the tree at issue time (the log never needs the tree again). */
export const zReceiver = z
  .object({
    unitId: zRef,
    unitKind: zUnitKind,
    prisonId: zRef,
    /** Names from the prison down to the unit, as they were when the order was issued. */
    path: z.array(z.string()).min(1).max(3),
  })
  .strict();
export type Receiver = z.infer<typeof zReceiver>;

export const zOrderIssuedEvent = z
  .object({
    id: zRef,
    title: z.string(),
    body: z.string(),
    priority: zOrderPriority,
    category: zOrderCategory,
    /** What the commander picked on the tree (`province`, prisons, blocks, sub-blocks). */
    addressedTo: z.array(zRef),
    receivers: z.array(zReceiver).min(1),
    signDeadline: z.number(),
    feedbackDeadline: z.number().nullable(),
    /** Bare base64 JPEG/PNG, validated at compose; the log is the only place it is kept. */
    attachment: z.string().nullable(),
    templateId: zRef.nullable(),
  })
  .strict();

/** A terminal acknowledged receipt over its live socket (or signing implied it). */
export const zOrderDeliveredEvent = z.object({ id: zRef, unitId: zRef }).strict();

/** 签收. */
export const zOrderSignedEvent = z.object({ id: zRef, unitId: zRef, note: z.string() }).strict();

/** 反馈: the unit's `n`-th report back (0-based). */
export const zOrderFeedbackEvent = z
  .object({ id: zRef, unitId: zRef, n: z.number().int().min(0), text: z.string(), image: z.string().nullable() })
  .strict();

/** 催办: the order's `n`-th reminder (0-based), to the listed laggards. */
export const zOrderRemindedEvent = z
  .object({ id: zRef, n: z.number().int().min(0), unitIds: z.array(zRef).min(1), note: z.string() })
  .strict();
