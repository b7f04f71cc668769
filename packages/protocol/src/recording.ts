// Recording, playback and evidence on the wire (issue 16's interface, used exactly): recording plans,
// the recordings timeline, playback and replay URLs, evidence and its signed export manifest. Owns the
// canonical bytes a manifest's signature covers, so the gateway that signs, the CLI and the wall's
// verify page that check it agree byte for byte. Pure: no I/O, no crypto (callers sign and verify).
import { z } from "zod";
import { zCameraId, zId } from "./ids";

/** Unix ms, as every time in this API. */
const zMs = z.number().int().min(0).max(8_640_000_000_000_000);
/** Local time of day in the bureau's time zone; "24:00" ends a window at midnight. */
const zHhMm = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, "a time HH:MM, 00:00-24:00");

export const recordingModes = ["off", "continuous", "schedule", "alarm"] as const;
export const zRecordingMode = z.enum(recordingModes);
export type RecordingMode = z.infer<typeof zRecordingMode>;

/** A weekly window: ISO weekdays (1 = Monday … 7 = Sunday); `to` before `from` runs past midnight. */
export const zScheduleWindow = z
  .object({
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    from: zHhMm,
    to: zHhMm,
  })
  .strict()
  .refine((w) => w.from !== w.to, { message: "from and to must differ", path: ["to"] });
export type ScheduleWindow = z.infer<typeof zScheduleWindow>;

export const zRecordingPlan = z
  .object({
    mode: zRecordingMode,
    retentionDays: z.number().int().min(1).max(3650),
    /** Alarm clips: footage kept before the alarm (alarm mode needs it recorded). Default 30. */
    preRollS: z.number().int().min(0).max(600).optional(),
    /** Alarm clips: footage kept after the alarm. Default 120. */
    postRollS: z.number().int().min(0).max(3600).optional(),
    schedule: z.array(zScheduleWindow).max(50).optional(),
  })
  .strict()
  .refine((p) => p.mode !== "schedule" || (p.schedule?.length ?? 0) > 0, {
    message: "a schedule plan needs at least one window",
    path: ["schedule"],
  });
export type RecordingPlan = z.infer<typeof zRecordingPlan>;

export const DEFAULT_PRE_ROLL_S = 30;
export const DEFAULT_POST_ROLL_S = 120;

/** GET /api/v1/cameras/{id}/recording when the camera has no plan of its own. */
export const defaultRecordingPlan: RecordingPlan = { mode: "off", retentionDays: 30 };

export const zTimeWindowQuery = z
  .object({ from: z.coerce.number().pipe(zMs), to: z.coerce.number().pipe(zMs) })
  .strict()
  .refine((q) => q.to > q.from, { message: "to must be after from", path: ["to"] });

export const zRecordingsResponse = z.object({
  spans: z.array(z.object({ from: zMs, to: zMs })),
  alarms: z.array(z.object({ id: z.string(), at: zMs, type: z.string() })),
  /** Inspection findings recorded on the camera (督查问题), at the time they were recorded. */
  findings: z
    .array(z.object({ id: z.string(), at: zMs, severity: z.number().int(), note: z.string() }))
    .optional()
    .default([]),
  /** A GB/T 28181 camera: what its own recorder (the NVR) holds in the window (RecordInfo). */
  deviceSpans: z.array(z.object({ from: zMs, to: zMs })).optional(),
  /** A GB camera whose device could not be asked (offline, no answer): why its deviceSpans are empty. */
  deviceError: z.string().optional(),
});
export type RecordingsResponse = z.infer<typeof zRecordingsResponse>;

/** GET …/playback: a window, from the gateway's recordings (default) or from the camera's device (GB). */
export const playbackSources = ["gateway", "device"] as const;
/**
 * Speeds a device (GB/T 28181 NVR) is asked to send its recording at (MANSRTSP `Scale`): the playback
 * page's 1×–8×, and GB's slow motion. Gateway footage plays at any speed in the browser and needs none.
 */
export const playbackScales = [0.25, 0.5, 1, 2, 4, 8] as const;
export type PlaybackScale = (typeof playbackScales)[number];
const zScale = z.coerce.number().refine((n): n is PlaybackScale => (playbackScales as readonly number[]).includes(n), {
  message: `scale is one of ${playbackScales.join(", ")}`,
});

export const zPlaybackQuery = z
  .object({
    from: z.coerce.number().pipe(zMs),
    to: z.coerce.number().pipe(zMs),
    source: z.enum(playbackSources).default("gateway"),
    /** A device playback only: the speed the device sends at from the start (default 1). */
    scale: zScale.optional(),
  })
  .strict()
  .refine((q) => q.to > q.from, { message: "to must be after from", path: ["to"] })
  .refine((q) => q.scale === undefined || q.source === "device", {
    message: "scale is for device playback (source=device): gateway footage plays at any speed",
    path: ["scale"],
  });

export const zPlaybackResponse = z.object({
  hls: z.string(),
  /** A device playback: its session, for speed changes (POST …/playback/{session}/control). */
  session: z.string().optional(),
  /** A device playback: the speed the device was asked to send at. */
  scale: z.number().optional(),
});

/** POST …/playback/{session}/control: a device playback's new speed (MANSRTSP PLAY with Scale). */
export const zPlaybackControl = z.object({ scale: zScale }).strict();
export type PlaybackControlRequest = z.infer<typeof zPlaybackControl>;
export type PlaybackResponse = z.infer<typeof zPlaybackResponse>;

export const zEvidenceCreate = z
  .object({
    cameraId: zCameraId,
    from: zMs,
    to: zMs,
    note: z.string().trim().min(1).max(500),
  })
  .strict()
  .refine((e) => e.to > e.from, { message: "to must be after from", path: ["to"] })
  .refine((e) => e.to - e.from <= 6 * 3600_000, { message: "a clip is at most 6 hours", path: ["to"] });
export type EvidenceCreate = z.infer<typeof zEvidenceCreate>;

export const evidenceSources = ["gateway", "device"] as const;
export const evidenceStates = ["pending", "ready", "failed"] as const;
export type EvidenceState = (typeof evidenceStates)[number];

/** One export of an evidence clip: its files (URLs under /api/v1/evidence/{id}/exports/) and digest. */
export const zEvidenceExport = z.object({
  n: z.number().int().positive(),
  mp4: z.string(),
  manifest: z.string(),
  sha256: z.string(),
  bytes: z.number().int().nonnegative(),
  exportedBy: z.string(),
  exportedAt: zMs,
  /** A visible watermark (who, when) was burnt in: a re-encoded copy for showing. */
  watermark: z.boolean().optional(),
});
export type EvidenceExport = z.infer<typeof zEvidenceExport>;

export const zEvidence = z.object({
  id: z.string(),
  cameraId: z.string(),
  prisonId: z.string(),
  from: zMs,
  to: zMs,
  note: z.string(),
  /** "alarm": made by the gateway for an alarm with a camera; "manual": marked by a user. */
  kind: z.enum(["alarm", "manual"]),
  alarmId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: zMs,
  exports: z.array(zEvidenceExport),
  /**
   * Where the clip's footage is kept: the gateway's recording, or fetched from the camera's own device (a
   * GB NVR held the span, the gateway had none of it). Absent in answers of gateways before it existed.
   */
  source: z.enum(evidenceSources).default("gateway"),
  /** A device clip is `pending` while it is fetched, then `ready` (exportable) or `failed` (see reason). */
  state: z.enum(evidenceStates).default("ready"),
  /** Why a device clip failed (the device was offline, refused, sent nothing…). */
  reason: z.string().nullable().default(null),
});
export type Evidence = z.infer<typeof zEvidence>;

export const zEvidenceListQuery = z
  .object({
    cameraId: zId.optional(),
    from: z.coerce.number().pipe(zMs).optional(),
    to: z.coerce.number().pipe(zMs).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export const zEvidenceList = z.object({ evidence: z.array(zEvidence) });
export type EvidenceList = z.infer<typeof zEvidenceList>;

export const zReplayQuery = z
  .object({
    /** Seconds back from now: the live tile's 10 s / 30 s / 2 min. */
    back: z.coerce.number().int().min(1).max(120).default(30),
    variant: z.enum(["main", "sub"]).default("main"),
  })
  .strict();
/** GET /api/v1/cameras/{id}/replay: the growing playlist of a replay and the wall time it starts at. */
export const zReplayResponse = z.object({ hls: z.string(), from: zMs });
export type ReplayResponse = z.infer<typeof zReplayResponse>;

/** POST /api/v1/evidence/{id}/export's body (optional): `watermark` burns in who exported it and when. */
export const zExportRequest = z.object({ watermark: z.boolean().optional() }).strict();
export type ExportRequestBody = z.infer<typeof zExportRequest>;

export const zExportResponse = z.object({ mp4: z.string(), manifest: z.string() });
export type ExportResponse = z.infer<typeof zExportResponse>;

export const zExportManifest = z
  .object({
    cameraId: z.string().min(1),
    from: zMs,
    to: zMs,
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    bytes: z.number().int().positive(),
    exportedBy: z.string().min(1),
    exportedAt: zMs,
    /** Ed25519 over manifestSigningBytes(the rest), base64. */
    signature: z.string().min(1),
  })
  .strict();
export type ExportManifest = z.infer<typeof zExportManifest>;
export type UnsignedManifest = Omit<ExportManifest, "signature">;

export const zPublicKeyResponse = z.object({ publicKey: z.string() });
export type PublicKeyResponse = z.infer<typeof zPublicKeyResponse>;

/**
 * What the signature covers: the UTF-8 JSON of the manifest without `signature`, keys in sorted order
 * (recursively), no whitespace.
 */
export function manifestSigningBytes(m: UnsignedManifest | ExportManifest): Uint8Array<ArrayBuffer> {
  const rest: Record<string, unknown> = { ...m };
  delete rest["signature"];
  return new TextEncoder().encode(canonicalJson(rest));
}

export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v !== null && typeof v === "object") {
    const entries = Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(",")}}`;
  }
  return JSON.stringify(v);
}
