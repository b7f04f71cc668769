// The audit trail on the wire: GET /api/v1/audit reads the event log, newest first, filtered and paged.
// Commanders and bureau chiefs only. Event data is as logged, minus secrets (session hashes, keys).
import { z } from "zod";

export const zAuditEvent = z.object({
  seq: z.number().int().positive(),
  /** Unix ms. */
  at: z.number(),
  type: z.string(),
  actor: z.string().nullable(),
  data: z.unknown(),
});
export type AuditEvent = z.infer<typeof zAuditEvent>;

export const zAuditQuery = z
  .object({
    /** Exact event type ("view.started"), or a prefix ending in '.' ("camera."). */
    type: z.string().min(1).max(64).optional(),
    actor: z.string().min(1).max(64).optional(),
    /** Only events at or after this unix ms. */
    since: z.coerce.number().int().nonnegative().optional(),
    /** Paging cursor: only events with seq below this (the previous page's `next`). */
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type AuditQuery = z.infer<typeof zAuditQuery>;

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
