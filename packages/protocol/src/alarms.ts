// Alarms, roll-call board cells and obligations on the wire (GET /api/v1/alarms…, the live topics
// `alarm`, `rollcall.board`, `obligation`). The domain (@cw/alerts) owns the rules and the full state;
// these are the read views the gateway sends and the wall renders, validated on both sides. Enumerations
// stay plain strings here so the protocol does not depend on the domain package (it is the other way
// round); the gateway checks at compile time that the domain's records fit these shapes.
import { z } from "zod";

export const zLightWire = z.enum(["green", "yellow", "red"]);
export type LightWire = z.infer<typeof zLightWire>;

/**
 * Handled at the other level (issue 18): at the bureau, by a prison's command centre (`prisonId`, its
 * edge's duty officer `name`); at an edge, by the bureau's centre (`prisonId: null`). Null: handled here.
 */
export const zHandledViaWire = z.object({ prisonId: z.string().nullable(), name: z.string() }).nullable();

/** One alarm as the duty console shows it. No snapshot bytes: GET /api/v1/alarms/{id}/snapshot serves them. */
export const zAlarmView = z.object({
  id: z.string(),
  prisonId: z.string(),
  sourceId: z.string(),
  /** feed | stream_health | rollcall */
  origin: z.string(),
  type: z.string(),
  severity: z.number().int().min(1).max(4),
  occurredAt: z.number(),
  raisedAt: z.number(),
  blockId: z.string().nullable(),
  subBlockId: z.string().nullable(),
  cameraId: z.string().nullable(),
  /**
   * True when the alarm names a camera the reader may not see (camera groups): `cameraId` is then null,
   * the camera's id and name are taken out of `sourceId`, `title` and `description`, and there is no
   * snapshot. The alarm itself is still the reader's (it concerns their prison); the wall shows
   * "受限摄像机" and no player.
   */
  cameraWithheld: z.boolean(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  hasSnapshot: z.boolean(),
  /** open | acknowledged | resolved | cleared */
  state: z.string(),
  count: z.number().int(),
  lastOccurredAt: z.number(),
  ack: z.object({ at: z.number(), by: z.string(), note: z.string(), via: zHandledViaWire }).nullable(),
  resolution: z
    .object({ at: z.number(), by: z.string(), disposition: z.string(), note: z.string(), via: zHandledViaWire })
    .nullable(),
  clearedAt: z.number().nullable(),
  yellowAt: z.number().nullable(),
  redAt: z.number().nullable(),
  /** The light at the time the view was made (by thresholds, frozen once handled). */
  light: zLightWire,
  /** Roles whose queue it reached (e.g. ["commander"] once red). */
  escalatedTo: z.array(z.string()),
});
export type AlarmView = z.infer<typeof zAlarmView>;

export const zAlarmList = z.object({ alarms: z.array(zAlarmView), serverTime: z.number() });
export type AlarmList = z.infer<typeof zAlarmList>;

/** One report of a roll-call slot (drill-down). */
export const zRollCallReportView = z.object({
  id: z.string(),
  sourceId: z.string(),
  subBlockId: z.string().nullable(),
  reportedAt: z.number(),
  receivedAt: z.number(),
  expected: z.number().int(),
  present: z.number().int(),
  absentees: z.array(z.object({ ref: z.string().optional(), reason: z.string() })),
});
export type RollCallReportView = z.infer<typeof zRollCallReportView>;

/** A checkpoint × block cell of the roll-call board. */
export const zBoardCellView = z.object({
  key: z.string(),
  date: z.string(),
  prisonId: z.string(),
  blockId: z.string(),
  checkpointId: z.string(),
  name: z.string(),
  nameEn: z.string(),
  scheduledAt: z.number(),
  /** upcoming | due | reported */
  status: z.string(),
  light: zLightWire,
  expected: z.number().int().nullable(),
  present: z.number().int().nullable(),
  absentees: z.number().int(),
  reportedAt: z.number().nullable(),
  mismatch: z.boolean(),
});
export type BoardCellView = z.infer<typeof zBoardCellView>;

export const zCheckpointView = z.object({ id: z.string(), name: z.string(), nameEn: z.string(), time: z.string() });
export type CheckpointView = z.infer<typeof zCheckpointView>;

export const zRollCallBoard = z.object({
  date: z.string(),
  serverTime: z.number(),
  blocks: z.array(z.object({ prisonId: z.string(), blockId: z.string(), name: z.string() })),
  /** Checkpoints per prison (a prison may have its own schedule). */
  checkpoints: z.record(z.string(), z.array(zCheckpointView)),
  cells: z.array(zBoardCellView),
});
export type RollCallBoard = z.infer<typeof zRollCallBoard>;

export const zSlotReports = z.object({ key: z.string(), reports: z.array(zRollCallReportView) });
export type SlotReports = z.infer<typeof zSlotReports>;

/** An obligation (acknowledge an alarm, report a roll call, sign an order…) and its light. */
export const zObligationView = z.object({
  id: z.string(),
  kind: z.string(),
  subject: z.string(),
  owner: z.string(),
  prisonId: z.string().nullable(),
  status: z.string(),
  openedAt: z.number(),
  yellowAt: z.number(),
  redAt: z.number(),
  light: zLightWire,
  escalatedTo: z.array(z.string()),
});
export type ObligationView = z.infer<typeof zObligationView>;
