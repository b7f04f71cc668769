// THE event map of the control plane: every fact the gateway appends to the log, by type, with the zod
// schema of its payload. State anywhere (gateway projections, the wall's live views) is a fold of these.
// Payload schemas have no transforms, so an event parses back to exactly what was written (replay-safe).
// To add an event (orders, inspection): add its schema to `eventSchemas`; the types follow.
import type { Result } from "@cw/protocol";
import { fromZod } from "@cw/protocol";
import { z } from "zod";
import {
  zFindingRecorded,
  zInspectionAdHoc,
  zInspectionChecked,
  zInspectionCommitted,
  zInspectionCompleted,
  zInspectionDrawn,
  zInspectionRedrawn,
  zRectificationReviewed,
  zRectificationSubmitted,
} from "./inspection/events";
import {
  zOrderDeliveredEvent,
  zOrderFeedbackEvent,
  zOrderIssuedEvent,
  zOrderRemindedEvent,
  zOrderSignedEvent,
} from "./orders/events";
import { zAlarmType, zDisposition, zSeverity } from "./schemas/alarm";
import { zObligation, zObligationKind } from "./schemas/obligation";
import { zAbsentee } from "./schemas/rollcall";

const zRef = z.string().min(1).max(256);
const zNullableRef = zRef.nullable();

/** Where an alarm came from: a prison system's feed, our own stream health, or a roll-call mismatch. */
export const zAlarmOrigin = z.enum(["feed", "stream_health", "rollcall"]);
export type AlarmOrigin = z.infer<typeof zAlarmOrigin>;

export const zAlarmRaised = z
  .object({
    id: zRef,
    prisonId: zRef,
    sourceId: zRef,
    origin: zAlarmOrigin,
    type: zAlarmType,
    severity: zSeverity,
    occurredAt: z.number(),
    blockId: zNullableRef,
    subBlockId: zNullableRef,
    cameraId: zNullableRef,
    title: z.string().nullable(),
    description: z.string().nullable(),
    /** Bare base64 JPEG, already validated at the feed; the log is the only place it is kept. */
    snapshot: z.string().nullable(),
  })
  .strict();

/**
 * Where an alarm was handled when it was handled at the other level (issue 18): the edge's acknowledgement
 * recorded at the bureau (`prisonId`: that prison's command centre) or the bureau's recorded at an edge
 * (`prisonId: null`: the bureau's command centre), with the person's display name there.
 */
export const zHandledVia = z.object({ prisonId: zNullableRef, name: z.string().max(128) }).strict();
export type HandledVia = z.infer<typeof zHandledVia>;

const zObligationRef = z
  .object({ id: zRef, kind: zObligationKind, subject: zRef, owner: zRef, prisonId: zNullableRef })
  .strict();

export const eventSchemas = {
  "alarm.raised": zAlarmRaised,
  /** The same sourceId again: the same alarm, counted (count is the new total). */
  "alarm.repeated": z
    .object({ id: zRef, sourceId: zRef, count: z.number().int().min(2), occurredAt: z.number() })
    .strict(),
  "alarm.acknowledged": z.object({ id: zRef, note: z.string(), via: zHandledVia.optional() }).strict(),
  "alarm.resolved": z
    .object({ id: zRef, disposition: zDisposition, note: z.string(), via: zHandledVia.optional() })
    .strict(),
  /** The source cleared it (video back): no human disposition. */
  "alarm.cleared": z.object({ id: zRef, reason: z.string() }).strict(),
  "rollcall.reported": z
    .object({
      id: zRef,
      prisonId: zRef,
      sourceId: zRef,
      /** Local date (YYYY-MM-DD) of the checkpoint, in the configured offset. */
      date: z.string(),
      blockId: zRef,
      subBlockId: zNullableRef,
      checkpoint: zRef,
      scheduledAt: z.number(),
      reportedAt: z.number(),
      /** The forwarding gateway's receipt time (a report held at an edge during an outage), if any. */
      heardAt: z.number().optional(),
      expected: z.number().int().min(0),
      present: z.number().int().min(0),
      absentees: z.array(zAbsentee),
    })
    .strict(),
  "obligation.opened": z.object({ obligation: zObligation }).strict(),
  "obligation.fulfilled": zObligationRef,
  "obligation.cancelled": zObligationRef.extend({ reason: z.string() }),
  "deadline.yellow": zObligationRef,
  "deadline.red": zObligationRef,
  "obligation.escalated": zObligationRef.extend({ level: z.number().int().min(0), to: zRef }),
  "order.issued": zOrderIssuedEvent,
  "order.delivered": zOrderDeliveredEvent,
  "order.signed": zOrderSignedEvent,
  "order.feedback": zOrderFeedbackEvent,
  "order.reminded": zOrderRemindedEvent,
  "inspection.committed": zInspectionCommitted,
  "inspection.drawn": zInspectionDrawn,
  "inspection.redrawn": zInspectionRedrawn,
  "inspection.adhoc": zInspectionAdHoc,
  "inspection.checked": zInspectionChecked,
  "inspection.completed": zInspectionCompleted,
  "finding.recorded": zFindingRecorded,
  "rectification.submitted": zRectificationSubmitted,
  "rectification.reviewed": zRectificationReviewed,
} as const;

export type EventSchemas = typeof eventSchemas;
export type EventMap = { [K in keyof EventSchemas]: z.infer<EventSchemas[K]> };
export type EventType = keyof EventMap;

/**
 * Who did something, spelled one way in the log, the domain and the views: a logged-in user
 * (`user:<username>`; usernames never contain ':'), a prison system's feed (`feed:<prisonId>`), the
 * gateway itself (`system`) or one of its parts (`system:tour`, `system:alarm`), or nobody logged in
 * (`anonymous`: a failed login).
 */
export type Actor = `user:${string}` | `feed:${string}` | "system" | `system:${string}` | "anonymous";

/** Whether v is spelled as an Actor (prefix checks, no regex: the replay asks this of every logged row). */
export const isActor = (v: unknown): v is Actor =>
  typeof v === "string" &&
  v.length <= 128 &&
  (v === "system" ||
    v === "anonymous" ||
    (v.startsWith("user:") && v.length > 5 && v.indexOf(":", 5) < 0) ||
    (v.startsWith("feed:") && v.length > 5) ||
    (v.startsWith("system:") && v.length > 7));
export const zActor = z.custom<Actor>(isActor, "an actor is user:<name>, feed:<prison>, system[:<part>] or anonymous");

export const SYSTEM_ACTOR = "system" satisfies Actor;

/** The actor of a logged-in user. */
export const userActor = (username: string): Actor => `user:${username}`;

/**
 * One fact. `at` is when it became true (unix ms; for deadline transitions the threshold instant, not
 * when a tick noticed it, so replays agree). `actor` is who did it (Actor).
 */
export type DomainEvent<K extends EventType = EventType> = {
  [T in K]: { type: T; at: number; actor: Actor; data: EventMap[T] };
}[K];

export function makeEvent<K extends EventType>(type: K, at: number, actor: Actor, data: EventMap[K]): DomainEvent<K> {
  return { type, at, actor, data } as DomainEvent<K>;
}

const zEnvelope = z.object({ type: z.string(), at: z.number(), actor: zActor, data: z.unknown() }).strict();

/** Parses one event from the log or the wire: envelope, known type, payload. Errors as data. */
export function parseEvent(input: unknown): Result<DomainEvent> {
  const env = zEnvelope.safeParse(input);
  if (!env.success) return { ok: false, error: fromZod(env.error) };
  const { type } = env.data;
  if (!Object.hasOwn(eventSchemas, type)) {
    return { ok: false, error: { code: "validation", message: `type: unknown event type ${type}`, field: "type" } };
  }
  const data = eventSchemas[type as EventType].safeParse(env.data.data);
  if (!data.success) {
    const err = fromZod(data.error);
    return { ok: false, error: { ...err, field: err.field === undefined ? "data" : `data.${err.field}` } };
  }
  return { ok: true, value: { ...env.data, type, data: data.data } as DomainEvent };
}
