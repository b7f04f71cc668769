// Recording's facts in the event log, by type, with their payload schemas (no transforms: an event
// parses back to what was written). Plans and evidence are state folded from them; playback, exports
// and downloads are there for the audit trail (全程留痕). Declarations only.
import { zPlanScope, zRecordingPlan } from "@cw/protocol";
import { z } from "zod";

export const recordingEventTypes = {
  planSet: "recording.plan.set",
  scopePlanSet: "recording.scopePlan.set",
  planCleared: "recording.plan.cleared",
  played: "recording.played",
  fault: "recording.fault",
  recovered: "recording.recovered",
  evidenceCreated: "evidence.created",
  evidenceFetched: "evidence.fetched",
  evidenceExported: "evidence.exported",
  evidenceDownloaded: "evidence.downloaded",
} as const;

const zRef = z.string().min(1).max(256);
const zMs = z.number().int().min(0);

export const zPlanSet = z.object({ cameraId: zRef, prisonId: zRef, plan: zRecordingPlan }).strict();

/** A plan on a prison, block or sub-block: every camera below without a nearer plan records by it. */
export const zScopePlanSet = z
  .object({ scope: z.enum(["prison", "block", "subBlock"]), id: zRef, prisonId: zRef, plan: zRecordingPlan })
  .strict();

/** A node's own plan removed: its cameras fall back to the plan of the node above. */
export const zPlanCleared = z.object({ scope: zPlanScope, id: zRef, prisonId: zRef }).strict();

/**
 * Someone opened recorded footage: playback of a window, an instant replay of a live tile, or a playback
 * of what the camera's own device (a GB NVR) recorded.
 */
export const zPlayed = z
  .object({
    cameraId: zRef,
    prisonId: zRef,
    from: zMs,
    to: zMs,
    source: z.enum(["playback", "replay", "device"]),
    ip: z.string().max(64),
    userAgent: z.string().max(256),
  })
  .strict();

export const zFault = z
  .object({ kind: z.string().max(32), message: z.string().max(2000), prisonIds: z.array(zRef) })
  .strict();

export const zEvidenceCreated = z
  .object({
    id: zRef,
    cameraId: zRef,
    prisonId: zRef,
    from: zMs,
    to: zMs,
    note: z.string().max(500),
    kind: z.enum(["alarm", "manual"]),
    alarmId: zRef.nullable(),
    /** The span is fetched from the camera's own device (GB NVR); absent: the gateway's recording. */
    source: z.literal("device").optional(),
  })
  .strict();

/**
 * A device clip's fetch ended: its footage is in the recording store (`ok`, the span it covers), or why
 * not. Logged by the gateway (`system:recording`).
 */
export const zEvidenceFetched = z
  .object({
    evidenceId: zRef,
    cameraId: zRef,
    prisonId: zRef,
    ok: z.boolean(),
    reason: z.string().max(500).nullable(),
    /** The footage stored (ok only). */
    from: zMs.optional(),
    to: zMs.optional(),
    bytes: z.number().int().nonnegative().optional(),
  })
  .strict();

export const zEvidenceExported = z
  .object({
    evidenceId: zRef,
    n: z.number().int().positive(),
    cameraId: zRef,
    prisonId: zRef,
    from: zMs,
    to: zMs,
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    bytes: z.number().int().nonnegative(),
    /** The export carries a visible watermark (re-encoded); absent in exports made before it existed. */
    watermark: z.boolean().optional(),
  })
  .strict();

export const zEvidenceDownloaded = z
  .object({
    evidenceId: zRef,
    n: z.number().int().positive(),
    file: z.enum(["mp4", "manifest"]),
    ip: z.string().max(64),
  })
  .strict();

/** The recording feature's part of the gateway's event map (events/map.ts). */
export const recordingEvents = {
  [recordingEventTypes.planSet]: zPlanSet,
  [recordingEventTypes.scopePlanSet]: zScopePlanSet,
  [recordingEventTypes.planCleared]: zPlanCleared,
  [recordingEventTypes.played]: zPlayed,
  [recordingEventTypes.fault]: zFault,
  [recordingEventTypes.recovered]: z.object({}).strict(),
  [recordingEventTypes.evidenceCreated]: zEvidenceCreated,
  [recordingEventTypes.evidenceFetched]: zEvidenceFetched,
  [recordingEventTypes.evidenceExported]: zEvidenceExported,
  [recordingEventTypes.evidenceDownloaded]: zEvidenceDownloaded,
} as const;
