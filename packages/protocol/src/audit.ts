// The audit trail on the wire: GET /api/v1/audit reads the event log, newest first, filtered and paged.
// Commanders and bureau chiefs only. Event data is as logged, minus secrets (session hashes, keys).
import { z } from "zod";
import { zId } from "./ids";

export const zAuditEvent = z.object({
  seq: z.number().int().positive(),
  /** Unix ms. */
  at: z.number(),
  type: z.string(),
  actor: z.string().nullable(),
  data: z.unknown(),
});
export type AuditEvent = z.infer<typeof zAuditEvent>;

const auditFilters = {
  /** A person as the trail shows them: a username ("operator-pj"), or "system", "feed:pj". */
  actor: z.string().min(1).max(64).optional(),
  /** Events about this prison (its cameras, alarms, plans…). */
  prisonId: zId.optional(),
  /** Events about this camera (views, playback, alarms on it, PTZ, its edits). */
  cameraId: zId.optional(),
  /** Exact event type ("view.started"), or a prefix ending in '.' ("camera."). */
  type: z.string().min(1).max(64).optional(),
  /** Only events at or after this unix ms. */
  from: z.coerce.number().int().nonnegative().optional(),
  /** Only events before this unix ms. */
  to: z.coerce.number().int().nonnegative().optional(),
};

/** `GET /api/v1/audit`: the filters, a page size and the paging cursor. */
export const zAuditQuery = z
  .object({
    ...auditFilters,
    limit: z.coerce.number().int().min(1).max(500).default(100),
    /** Paging cursor: only events with seq below this (the previous page's `next`). */
    before: z.coerce.number().int().positive().optional(),
  })
  .strict();
export type AuditQuery = z.infer<typeof zAuditQuery>;

/** `GET /api/v1/audit.csv`: the same filters (every matching row, newest first), and the header language. */
export const zAuditCsvQuery = z
  .object({
    ...auditFilters,
    before: z.coerce.number().int().positive().optional(),
    lang: z.enum(["zh-CN", "en"]).default("zh-CN"),
  })
  .strict();
export type AuditCsvQuery = z.infer<typeof zAuditCsvQuery>;

/** `GET /api/v1/audit/names`: who and what the trail's rows and filters name, by id (names on screen). */
export const zAuditNames = z.object({
  actors: z.array(z.object({ id: z.string(), name: z.string() })),
  prisons: z.array(z.object({ id: zId, name: z.string() })),
  cameras: z.array(z.object({ id: zId, name: z.string(), label: z.string(), prisonId: zId })),
  /** Event types in the trail (for the action filter). */
  types: z.array(z.string()),
});
export type AuditNames = z.infer<typeof zAuditNames>;

export const zAuditPage = z.object({
  events: z.array(zAuditEvent),
  /** Pass as `before` for the next (older) page; null when there is none. */
  next: z.number().nullable(),
});
export type AuditPage = z.infer<typeof zAuditPage>;

/** What a view.started event records: who (actor), camera, when (at), from where. */
export const zViewStarted = z.object({
  cameraId: z.string(),
  prisonId: z.string(),
  variant: z.enum(["main", "sub"]),
  ip: z.string(),
  userAgent: z.string(),
});
export type ViewStarted = z.infer<typeof zViewStarted>;

/** A live view ended (its play URL went quiet): how long it lasted, for "who viewed … and for how long". */
export const zViewEnded = z.object({
  cameraId: z.string(),
  prisonId: z.string(),
  variant: z.enum(["main", "sub"]),
  startedAt: z.number(),
  durationMs: z.number().int().nonnegative(),
});
export type ViewEnded = z.infer<typeof zViewEnded>;

/** What a logged event is about: the camera, prison, alarm and order its data names (null: none). */
export interface AuditSubject {
  cameraId: string | null;
  prisonId: string | null;
  alarmId: string | null;
  orderId: string | null;
}

const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);

/**
 * Read from the data's own fields (cameraId, prisonId, a camera edit's camera, an alarm's or an order's
 * id), so a new event type with those fields is found without a line here. The gateway indexes by it; the
 * wall links a row by it. Pure.
 */
export function auditSubject(type: string, data: unknown): AuditSubject {
  const d = (typeof data === "object" && data !== null ? data : {}) as Record<string, unknown>;
  const camera = (typeof d.camera === "object" && d.camera !== null ? d.camera : {}) as Record<string, unknown>;
  const family = type.slice(0, type.indexOf("."));
  const cameraId = str(d.cameraId) ?? str(camera.id) ?? (type === "camera.removed" ? str(d.id) : null);
  const prisonId = str(d.prisonId) ?? str(camera.prisonId);
  const alarmId = family === "alarm" ? str(d.id) : str(d.alarmId);
  const orderId = family === "order" ? (str(d.orderId) ?? str(d.id)) : null;
  return { cameraId, prisonId, alarmId, orderId };
}
