// The daily inspection on the wire (视频督查): what GET /api/v1/inspections/* and /rectifications return.
// The gateway builds these views from the inspection record (@cw/alerts) and the catalogue; the wall
// parses them with the same schemas. Views only: the event payloads live in @cw/alerts. No I/O.
import { z } from "zod";

export const zLight = z.enum(["green", "yellow", "red"]);
export type Light = z.infer<typeof zLight>;

const zNamed = { prisonId: z.string(), prisonName: z.string(), blockId: z.string(), blockName: z.string() };

export const zRectificationView = z.object({
  state: z.enum(["open", "submitted", "accepted", "returned"]),
  round: z.number().int(),
  deadlineDays: z.number().int(),
  deadline: z.number(),
  /** null once accepted (nothing is owed any more). */
  light: zLight.nullable(),
  reports: z.array(
    z.object({
      at: z.number(),
      by: z.string(),
      round: z.number().int(),
      text: z.string(),
      photoUrl: z.string().nullable(),
    }),
  ),
  reviews: z.array(
    z.object({
      at: z.number(),
      by: z.string(),
      round: z.number().int(),
      decision: z.enum(["accept", "return"]),
      note: z.string(),
    }),
  ),
});
export type RectificationView = z.infer<typeof zRectificationView>;

export const zFindingView = z.object({
  id: z.string(),
  inspectionId: z.string(),
  date: z.string(),
  ...zNamed,
  cameraId: z.string().nullable(),
  cameraName: z.string().nullable(),
  /** The finding names a camera the reader may not see: cameraId, cameraName and the snapshot withheld. */
  cameraWithheld: z.boolean(),
  note: z.string(),
  severity: z.number().int(),
  snapshotUrl: z.string().nullable(),
  recordedAt: z.number(),
  by: z.string(),
  rectification: zRectificationView,
});
export type FindingView = z.infer<typeof zFindingView>;

export const zBlockFactsView = z.object({
  lastRollCall: z
    .object({
      checkpoint: z.string(),
      date: z.string(),
      scheduledAt: z.number(),
      expected: z.number(),
      present: z.number(),
    })
    .nullable(),
  openAlarms: z.array(z.object({ id: z.string(), type: z.string(), severity: z.number(), raisedAt: z.number() })),
  openOrders: z.array(z.object({ id: z.string(), subject: z.string(), redAt: z.number() })),
  /** False when the gateway has no control-plane projection (alarms, roll calls, orders) wired. */
  available: z.boolean(),
});
export type BlockFactsView = z.infer<typeof zBlockFactsView>;

export const zInspectionCamera = z.object({ id: z.string(), name: z.string(), kind: z.string() });

export const zInspectionView = z.object({
  id: z.string(),
  date: z.string(),
  kind: z.enum(["drawn", "adhoc"]),
  ...zNamed,
  attempt: z.number().int(),
  redraws: z.array(
    z.object({
      at: z.number(),
      by: z.string(),
      reason: z.string(),
      previous: z.object({ attempt: z.number().int(), prisonId: z.string(), blockId: z.string() }),
    }),
  ),
  reason: z.string(),
  startedAt: z.number(),
  checklist: z.record(
    z.string(),
    z.object({ result: z.enum(["pass", "issue"]), note: z.string(), at: z.number(), by: z.string() }),
  ),
  rating: z.enum(["excellent", "good", "fair", "poor"]).nullable(),
  summary: z.string(),
  completedAt: z.number().nullable(),
  completedBy: z.string().nullable(),
  cameras: z.array(zInspectionCamera),
  facts: zBlockFactsView,
  findings: z.array(zFindingView),
});
export type InspectionView = z.infer<typeof zInspectionView>;

export const zChecklistItemView = z.object({ id: z.string(), name: z.string(), nameEn: z.string() });

export const zInspectionDay = z.object({
  date: z.string(),
  today: z.boolean(),
  /** Local HH:MM of the daily draw and the UTC offset dates are in. */
  drawTime: z.string(),
  tzOffsetMin: z.number(),
  commitment: z.object({ at: z.number(), commitment: z.string() }).nullable(),
  /** The commitment of the next day (published before it begins). */
  nextCommitment: z.object({ date: z.string(), commitment: z.string() }).nullable(),
  inspections: z.array(zInspectionView),
  checklist: z.array(zChecklistItemView),
});
export type InspectionDay = z.infer<typeof zInspectionDay>;

const zCheck = z.object({ name: z.string(), ok: z.boolean(), detail: z.string() });

/** GET /inspections/{date}/verify: the server's checks, and the raw events to re-check in a browser. */
export const zInspectionVerify = z.object({
  date: z.string(),
  ok: z.boolean(),
  commitment: z.object({ at: z.number(), commitment: z.string() }).nullable(),
  draws: z.array(
    z.object({
      attempt: z.number().int(),
      prisonId: z.string(),
      blockId: z.string(),
      verification: z.object({ ok: z.boolean(), checks: z.array(zCheck) }),
    }),
  ),
  events: z.object({
    committed: z.object({ at: z.number(), data: z.unknown() }).nullable(),
    drawn: z.array(z.object({ at: z.number(), data: z.unknown() })),
    redrawn: z.array(z.object({ at: z.number(), by: z.string(), reason: z.string() })),
  }),
  /** The catalogue and history as of the date, for the eligible-list check (null: no draw). */
  inputs: z
    .object({
      blocks: z.array(z.object({ prisonId: z.string(), blockId: z.string() })),
      lastInspected: z.record(z.string(), z.string()),
      recentAlarms: z.record(z.string(), z.number()),
    })
    .nullable(),
});
export type InspectionVerify = z.infer<typeof zInspectionVerify>;

export const zInspectionSummaryView = z.object({
  id: z.string(),
  date: z.string(),
  kind: z.enum(["drawn", "adhoc"]),
  ...zNamed,
  redraws: z.number().int(),
  rating: z.enum(["excellent", "good", "fair", "poor"]).nullable(),
  completed: z.boolean(),
  findings: z.array(
    z.object({
      id: z.string(),
      severity: z.number(),
      state: z.enum(["open", "submitted", "accepted", "returned"]),
      deadline: z.number(),
    }),
  ),
});
export type InspectionSummaryView = z.infer<typeof zInspectionSummaryView>;

export const zInspectionHistory = z.object({
  from: z.string(),
  to: z.string(),
  days: z.array(z.object({ date: z.string(), inspections: z.array(zInspectionSummaryView) })),
});
export type InspectionHistory = z.infer<typeof zInspectionHistory>;

export const zInspectionCoverage = z.object({
  from: z.string(),
  to: z.string(),
  heat: z.array(z.object({ date: z.string(), count: z.number().int() })),
  blocks: z.array(z.object({ ...zNamed, dates: z.array(z.string()), adHocDates: z.array(z.string()) })),
  never: z.array(z.object(zNamed)),
});
export type InspectionCoverage = z.infer<typeof zInspectionCoverage>;

/** Live topic `inspection`: something changed; clients re-fetch what they show. */
export const zInspectionChange = z.object({
  type: z.string(),
  date: z.string().nullable(),
  inspectionId: z.string().nullable(),
  findingId: z.string().nullable(),
  prisonId: z.string().nullable(),
});
export type InspectionChange = z.infer<typeof zInspectionChange>;
