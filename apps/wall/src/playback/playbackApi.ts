// Recording's HTTP API as typed functions for the wall, each answer validated with the shared protocol
// schemas (docs/api/recordings.md). Owns nothing but the paths.
import {
  type EvidenceList,
  type ExportResponse,
  type PlaybackResponse,
  type RecordingPlan,
  type RecordingsResponse,
  type ReplayResponse,
  type zEvidenceCreate,
  zEvidenceList,
  zExportResponse,
  zPlaybackControl,
  zPlaybackResponse,
  zPublicKeyResponse,
  zRecordingPlan,
  zRecordingsResponse,
  zReplayResponse,
} from "@cw/protocol";
import { z } from "zod";
import { requestParsed } from "../api/http";

const cam = (id: string) => `/api/v1/cameras/${encodeURIComponent(id)}`;
const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export const playbackApi = {
  timeline: (cameraId: string, from: number, to: number, signal?: AbortSignal): Promise<RecordingsResponse> =>
    requestParsed(zRecordingsResponse, `${cam(cameraId)}/recordings?from=${from}&to=${to}`, opts(signal)),
  playback: (
    cameraId: string,
    from: number,
    to: number,
    signal?: AbortSignal,
    source: "gateway" | "device" = "gateway",
    scale = 1,
  ): Promise<PlaybackResponse> =>
    requestParsed(
      zPlaybackResponse,
      `${cam(cameraId)}/playback?from=${from}&to=${to}${source === "device" ? `&source=device&scale=${scale}` : ""}`,
      opts(signal),
    ),
  /** A device playback's new speed (the device sends faster: MANSRTSP Scale); the answer is the speed now. */
  deviceSpeed: async (cameraId: string, session: string, scale: number): Promise<number> =>
    (
      await requestParsed(zPlaybackControl, `${cam(cameraId)}/playback/${encodeURIComponent(session)}/control`, {
        method: "POST",
        body: { scale },
      })
    ).scale,
  replay: (cameraId: string, variant: "main" | "sub", back: number, signal?: AbortSignal): Promise<ReplayResponse> =>
    requestParsed(zReplayResponse, `${cam(cameraId)}/replay?back=${back}&variant=${variant}`, opts(signal)),
  plan: (cameraId: string): Promise<RecordingPlan> => requestParsed(zRecordingPlan, `${cam(cameraId)}/recording`),
  setPlan: (cameraId: string, plan: RecordingPlan): Promise<RecordingPlan> =>
    requestParsed(zRecordingPlan, `${cam(cameraId)}/recording`, { method: "PUT", body: plan }),
  evidence: (cameraId: string): Promise<EvidenceList> =>
    requestParsed(zEvidenceList, `/api/v1/evidence?cameraId=${encodeURIComponent(cameraId)}`),
  markEvidence: (body: z.input<typeof zEvidenceCreate>): Promise<{ id: string }> =>
    requestParsed(z.object({ id: z.string() }), "/api/v1/evidence", { method: "POST", body }),
  exportEvidence: (id: string, watermark = false): Promise<ExportResponse> =>
    requestParsed(zExportResponse, `/api/v1/evidence/${encodeURIComponent(id)}/export`, {
      method: "POST",
      body: { watermark },
    }),
  publicKey: async (): Promise<string> =>
    (await requestParsed(zPublicKeyResponse, "/api/v1/evidence/public-key")).publicKey,
};
