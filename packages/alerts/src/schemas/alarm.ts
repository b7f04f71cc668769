// Alarm schemas: types, severity, the feed payload prison systems POST, and the duty console's ack and
// resolve bodies. Shape only: rules that need state (a note is required for severity 1–2, the state
// machine) live in the deciders (src/alarms/), so these schemas stay reusable by the wall's forms.
import { zId } from "@cw/protocol";
import { z } from "zod";
import { zSnapshot } from "./snapshot";
import { zInstant } from "./time";

export const alarmTypes = [
  "perimeter_intrusion",
  "climbing",
  "fighting",
  "gathering",
  "fall",
  "absence_from_post", // 离岗
  "emergency_button", // 一键报警
  "door_forced",
  "fire_smoke",
  "video_loss",
  "video_tamper",
  "headcount_mismatch",
  /** Our own equipment failed (recording stopped: disk full, quota reached, writes failing). */
  "device_fault",
  "other",
] as const;
export const zAlarmType = z.enum(alarmTypes);
export type AlarmType = z.infer<typeof zAlarmType>;

/** 1 is the most severe, 4 the least. */
export const severities = [1, 2, 3, 4] as const;
export const zSeverity = z.literal(severities);
export type Severity = z.infer<typeof zSeverity>;

export const alarmStatuses = ["open", "acknowledged", "resolved", "cleared"] as const;
export const zAlarmStatus = z.enum(alarmStatuses);
/** open → acknowledged → resolved; open|acknowledged → cleared when the source clears it (video back). */
export type AlarmStatus = z.infer<typeof zAlarmStatus>;

export const dispositions = ["real", "false_alarm", "handled"] as const;
export const zDisposition = z.enum(dispositions);
export type Disposition = z.infer<typeof zDisposition>;

/** A source system's own alarm id: printable ASCII without spaces (vendors use ':' '/' '.' freely). */
export const zSourceId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\x21-\x7e]+$/, "a sourceId is 1-128 printable ASCII characters without spaces");

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 2000;
export const NOTE_MAX = 2000;

// Vendors send null as often as they omit a field: both mean "none".
const zOptId = zId.nullish();

/** POST /api/v1/feeds/{prisonId}/alarms body. */
export const zAlarmFeed = z
  .object({
    sourceId: zSourceId,
    type: zAlarmType,
    severity: zSeverity,
    occurredAt: zInstant,
    blockId: zOptId,
    subBlockId: zOptId,
    cameraId: zOptId,
    title: z.string().trim().max(TITLE_MAX).nullish(),
    description: z.string().trim().max(DESCRIPTION_MAX).nullish(),
    snapshot: zSnapshot.nullish(),
  })
  .strict();
export type AlarmFeedInput = z.input<typeof zAlarmFeed>;
export type AlarmFeed = z.output<typeof zAlarmFeed>;

/** POST /api/v1/alarms/{id}/ack body. The note may be empty here; the decider requires it for 1–2. */
export const zAlarmAck = z.object({ note: z.string().trim().max(NOTE_MAX).default("") }).strict();
export type AlarmAck = z.output<typeof zAlarmAck>;

/** POST /api/v1/alarms/{id}/resolve body. The decider requires a non-empty note. */
export const zAlarmResolve = z
  .object({ disposition: zDisposition, note: z.string().trim().max(NOTE_MAX).default("") })
  .strict();
export type AlarmResolve = z.output<typeof zAlarmResolve>;

/** 202 answer of the feeds API. */
export const zFeedAccepted = z.object({ id: z.string(), duplicate: z.boolean() });
export type FeedAccepted = z.infer<typeof zFeedAccepted>;

/** GET /api/v1/alarms query (strings on the wire, coerced here). */
export const zAlarmQuery = z
  .object({
    state: zAlarmStatus.optional(),
    prisonId: zId.optional(),
    type: zAlarmType.optional(),
    light: z.enum(["green", "yellow", "red"]).optional(),
    since: z.coerce.number().int().nonnegative().optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();
export type AlarmQuery = z.output<typeof zAlarmQuery>;
