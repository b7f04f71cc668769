// GET /api/v1/streams: health of every active stream (operators: their prison's only); GET
// /api/v1/streams/transcodes: the transcode budget and its use; POST /api/v1/capabilities: what this wall
// PC decodes (kept per session in memory, listed for commanders by GET /api/v1/capabilities).
import {
  type CapabilityReport,
  can,
  parseWith,
  type StreamHealth,
  scopeOf,
  type TranscodeBudget,
  zCapabilityReport,
} from "@cw/protocol";
import type { StreamRegistry } from "@cw/streams";
import type { FastifyInstance } from "fastify";
import { requireCan } from "../../auth/guard";
import type { Session } from "../../auth/sessions";
import { requireSession } from "../../http/auth";
import { orThrow } from "../../http/errors";
import type { CameraLookup } from "../catalogue/routes";

/** The last capability report of each session (a wall PC reports on every page load). */
const MAX_REPORTS = 1000;

/**
 * The streams a session may see: of cameras it may see (prison scope, camera groups); a stream of a
 * removed camera is shown to province-wide roles only.
 */
export function visibleHealth(
  { catalogue, access }: CameraLookup,
  session: Session,
  all: StreamHealth[],
): StreamHealth[] {
  if (!can(session.user.role, "cameras.view")) return [];
  const province = scopeOf(session) === null;
  return all.filter((h) => {
    const camera = catalogue.camera(h.cameraId);
    return camera === undefined ? province : access.visible(session, camera);
  });
}

/**
 * The budget as a session sees it: the shared count and TRANSCODE_MAX, and the transcodes of the cameras
 * it may see, by name (the console's badge shows names, not ids).
 */
export function transcodeBudget(
  lookup: CameraLookup,
  session: Session,
  counts: { running: number; max: number },
  all: StreamHealth[],
): TranscodeBudget {
  const { catalogue } = lookup;
  const streams = visibleHealth(lookup, session, all).flatMap((h) => {
    if (h.rendition !== "main-h264" && h.rendition !== "sub-h264") return [];
    const camera = catalogue.camera(h.cameraId);
    const prison = camera ? (catalogue.prison(camera.prisonId)?.name ?? null) : null;
    return [
      { cameraId: h.cameraId, name: camera?.name ?? h.cameraId, prison, rendition: h.rendition, viewers: h.viewers },
    ];
  });
  const zh = (a: string, b: string) => a.localeCompare(b, "zh-CN");
  streams.sort((a, b) => zh(a.prison ?? "", b.prison ?? "") || zh(a.name, b.name) || zh(a.rendition, b.rendition));
  return { running: counts.running, max: counts.max, streams };
}

export function streamsRoutes(
  app: FastifyInstance,
  deps: CameraLookup & { media: StreamRegistry; now: () => number },
): void {
  const { media } = deps;
  app.get("/api/v1/streams", async (req) => {
    const session = requireSession(req);
    requireCan(session, "cameras.view");
    return visibleHealth(deps, session, media.health());
  });

  app.get("/api/v1/streams/transcodes", async (req) => {
    const session = requireSession(req);
    requireCan(session, "cameras.view");
    return transcodeBudget(deps, session, media.stats().transcodes, media.health());
  });

  const reports = new Map<string, { user: string; at: number; userAgent: string; report: CapabilityReport }>();
  app.post("/api/v1/capabilities", async (req, reply) => {
    const session = requireSession(req);
    requireCan(session, "cameras.view");
    const report = orThrow(parseWith(zCapabilityReport, req.body));
    reports.delete(session.hash);
    reports.set(session.hash, {
      user: session.user.username,
      at: deps.now(),
      userAgent: String(req.headers["user-agent"] ?? "").slice(0, 256),
      report,
    });
    if (reports.size > MAX_REPORTS) reports.delete(reports.keys().next().value ?? "");
    return reply.code(204).send();
  });
  app.get("/api/v1/capabilities", async (req) => {
    requireCan(requireSession(req), "cameras.manage");
    return [...reports.values()];
  });
}
