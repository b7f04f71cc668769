// Recording's HTTP API (issue 16's interface, exactly): plans, the timeline, playback and instant-replay
// URLs, evidence, exports and the public key. Each route validates with zod (4xx {code, message, field}),
// asks the policy table for its capability and keeps operators to their prison; opening footage
// (playback, replay) and exporting are logged before the answer (the audit trail). No decisions here:
// the feature decides, the routes check and translate.

import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { userActor } from "@cw/alerts";
import {
  AppError,
  type Camera,
  type EvidenceList,
  type PlaybackControlRequest,
  type PlaybackResponse,
  type PublicKeyResponse,
  parseWith,
  type RecordingsResponse,
  type ReplayResponse,
  zEvidenceCreate,
  zEvidenceListQuery,
  zExportRequest,
  zPlaybackControl,
  zPlaybackQuery,
  zRecordingPlan,
  zReplayQuery,
  zTimeWindowQuery,
} from "@cw/protocol";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { requireCan } from "../auth/guard";
import type { Session } from "../auth/sessions";
import { sessionHashPrefix } from "../auth/sessions";
import { visibleCamera } from "../features/catalogue/routes";
import { requireSession } from "../http/auth";
import { orThrow } from "../http/errors";
import type { Metrics } from "../metrics";
import type { RecordingCore } from "./core";
import type { DeviceRecordings } from "./device";
import type { RecordingFeature } from "./service";

/** What the recording routes receive. */
export interface RecordingHttp {
  core: RecordingCore;
  recording: RecordingFeature;
  metrics: Metrics;
  /** The cameras' own recorders (GB/T 28181), when GB runs. */
  device: () => DeviceRecordings | null;
}

import { recordingEventTypes as T } from "./events";
import { type PlaybackClaims, signPlayback } from "./playToken";

const DAY = 86_400_000;
/** A timeline answers up to a month; a playlist up to a day (the wall asks for an hour at a time). */
const MAX_TIMELINE_MS = 31 * DAY;
const MAX_PLAYBACK_MS = DAY;

interface IdParams {
  id: string;
}

const client = (req: FastifyRequest) => ({
  ip: req.ip,
  userAgent: String(req.headers["user-agent"] ?? "").slice(0, 256),
});

export function recordingRoutes(app: FastifyInstance, ctx: RecordingHttp): void {
  const { core, recording } = ctx;

  const cameraFor = (
    req: FastifyRequest<{ Params: IdParams }>,
    capability: "recordings.view" | "recordings.manage",
  ) => {
    const session = requireSession(req);
    requireCan(session, capability);
    return { session, camera: visibleCamera(core, session, req.params.id) };
  };

  const window = (query: unknown, max: number) => {
    const w = orThrow(parseWith(zTimeWindowQuery, query));
    if (w.to - w.from > max) throw new AppError("validation", `to - from is at most ${max / DAY} days`, "to");
    return w;
  };

  const playUrl = (session: Session, camera: Camera, c: Omit<PlaybackClaims, "k" | "s" | "c" | "e" | "n">): string => {
    const e = Math.floor(core.now() / 1000) + core.config.hlsTokenTtlS;
    const n = randomBytes(6).toString("base64url");
    const token = signPlayback(core.secret, { k: "rec", s: sessionHashPrefix(session.hash), c: camera.id, e, n, ...c });
    return `/rec/${token}/${camera.id}/index.m3u8`;
  };

  const played = (
    req: FastifyRequest,
    session: Session,
    camera: Camera,
    from: number,
    to: number,
    source: "playback" | "replay" | "device",
  ) =>
    core.commit([
      {
        type: T.played,
        actor: userActor(session.user.username),
        data: { cameraId: camera.id, prisonId: camera.prisonId, from, to, source, ...client(req) },
      },
    ]);

  app.get<{ Params: IdParams }>("/api/v1/cameras/:id/recording", async (req) => {
    const { camera } = cameraFor(req, "recordings.view");
    return recording.plan(camera.id);
  });

  app.put<{ Params: IdParams }>("/api/v1/cameras/:id/recording", async (req) => {
    const { session, camera } = cameraFor(req, "recordings.manage");
    const plan = orThrow(parseWith(zRecordingPlan, req.body));
    return recording.setPlan(userActor(session.user.username), camera, plan);
  });

  app.get<{ Params: IdParams }>("/api/v1/cameras/:id/recordings", async (req): Promise<RecordingsResponse> => {
    const { camera } = cameraFor(req, "recordings.view");
    const w = window(req.query, MAX_TIMELINE_MS);
    const timeline = recording.timeline(camera.id, w.from, w.to);
    const device = await ctx.device()?.spans(camera, w.from, w.to);
    if (!device) return timeline;
    return device.ok
      ? { ...timeline, deviceSpans: device.spans }
      : { ...timeline, deviceSpans: [], deviceError: device.reason };
  });

  app.get<{ Params: IdParams }>("/api/v1/cameras/:id/playback", async (req): Promise<PlaybackResponse> => {
    const { session, camera } = cameraFor(req, "recordings.view");
    const q = orThrow(parseWith(zPlaybackQuery, req.query));
    const w = window({ from: String(q.from), to: String(q.to) }, MAX_PLAYBACK_MS);
    if (q.source === "device") {
      const opened = await ctx.device()?.open(camera, w.from, w.to, q.scale ?? 1);
      if (!opened) throw new AppError("validation", "only a GB/T 28181 camera has device recordings", "source");
      if (!opened.ok) throw new AppError(opened.status, `the device cannot play this: ${opened.reason}`, "source");
      await played(req, session, camera, w.from, w.to, "device");
      const hls = playUrl(session, camera, { f: w.from, t: w.to, src: "device", d: opened.id });
      return { hls, session: opened.id, scale: opened.scale };
    }
    if (w.to <= core.now() && recording.timeline(camera.id, w.from, w.to).spans.length === 0)
      throw new AppError("not_found", "nothing is recorded between from and to", "from");
    await played(req, session, camera, w.from, w.to, "playback");
    return { hls: playUrl(session, camera, { f: w.from, t: w.to, src: "recording" }) };
  });

  app.post<{ Params: IdParams & { session: string } }>(
    "/api/v1/cameras/:id/playback/:session/control",
    async (req): Promise<PlaybackControlRequest> => {
      const { camera } = cameraFor(req, "recordings.view");
      const body = orThrow(parseWith(zPlaybackControl, req.body));
      const device = ctx.device();
      if (!device) throw new AppError("not_found", "no device playback runs here (GB/T 28181 is off)", "session");
      const r = await device.control(req.params.session, camera.id, body.scale);
      if (!r.ok)
        throw new AppError(
          r.status,
          `the device cannot change speed: ${r.reason}`,
          r.status === "not_found" ? "session" : "scale",
        );
      return { scale: r.scale };
    },
  );

  app.get<{ Params: IdParams }>("/api/v1/cameras/:id/replay", async (req): Promise<ReplayResponse> => {
    const { session, camera } = cameraFor(req, "recordings.view");
    const q = orThrow(parseWith(zReplayQuery, req.query));
    const variant = q.variant === "sub" && !camera.hasSubStream ? "main" : q.variant;
    const r = recording.replayFrom(camera.id, variant, q.back * 1000);
    if (!r) throw new AppError("not_found", "nothing of this stream is buffered yet: it replays once watched", "id");
    const to = r.from + recording.replayWindowMs;
    await played(req, session, camera, r.from, to, "replay");
    const src = r.source.kind === "recording" ? "recording" : variant === "sub" ? "replay:sub" : "replay:main";
    return { hls: playUrl(session, camera, { f: r.from, t: to, src }), from: r.from };
  });

  app.post("/api/v1/evidence", async (req, reply) => {
    const session = requireSession(req);
    requireCan(session, "evidence.mark");
    const body = orThrow(parseWith(zEvidenceCreate, req.body));
    const camera = visibleCamera(core, session, body.cameraId);
    const created = await recording.createEvidence(userActor(session.user.username), camera, body);
    return reply.code(201).send(created);
  });

  app.get("/api/v1/evidence", async (req): Promise<EvidenceList> => {
    const session = requireSession(req);
    requireCan(session, "recordings.view");
    const q = orThrow(parseWith(zEvidenceListQuery, req.query));
    const seen = (ev: { cameraId: string; prisonId: string }) =>
      core.access.visible(session, { id: ev.cameraId, prisonId: ev.prisonId });
    return { evidence: recording.listEvidence(seen, q) };
  });

  app.get("/api/v1/evidence/public-key", { config: { auth: "public" } }, async (): Promise<PublicKeyResponse> => {
    return { publicKey: recording.publicKeyPem };
  });

  const visibleEvidence = (session: Session, id: string) => {
    const ev = recording.evidence(id);
    if (!ev) throw new AppError("not_found", `no evidence ${id}`, "id");
    core.access.require(session, { id: ev.cameraId, prisonId: ev.prisonId });
    return ev;
  };

  app.get<{ Params: IdParams }>("/api/v1/evidence/:id", async (req) => {
    const session = requireSession(req);
    requireCan(session, "recordings.view");
    return visibleEvidence(session, req.params.id);
  });

  app.post<{ Params: IdParams }>("/api/v1/evidence/:id/export", async (req) => {
    const session = requireSession(req);
    requireCan(session, "evidence.export");
    const body = orThrow(parseWith(zExportRequest, req.body ?? {}));
    return recording.exportEvidence(userActor(session.user.username), visibleEvidence(session, req.params.id), {
      watermark: body.watermark ?? false,
    });
  });

  app.get<{ Params: IdParams & { file: string } }>("/api/v1/evidence/:id/exports/:file", async (req, reply) => {
    const session = requireSession(req);
    requireCan(session, "recordings.view");
    const ev = visibleEvidence(session, req.params.id);
    const m = /^(\d{1,6})\.(mp4|json)$/.exec(req.params.file);
    const files = m ? recording.exportFiles(ev, Number(m[1])) : undefined;
    if (!m || !files) throw new AppError("not_found", `no export ${req.params.file}`, "file");
    const mp4 = m[2] === "mp4";
    await core.commit([
      {
        type: T.evidenceDownloaded,
        actor: userActor(session.user.username),
        data: { evidenceId: ev.id, n: Number(m[1]), file: mp4 ? "mp4" : "manifest", ip: req.ip },
      },
    ]);
    const name = `${ev.id}-${m[1]}.${m[2]}`;
    return reply
      .header("content-type", mp4 ? "video/mp4" : "application/json")
      .header("content-disposition", `attachment; filename="${name}"`)
      .send(createReadStream(mp4 ? files.mp4 : files.manifest));
  });
}
