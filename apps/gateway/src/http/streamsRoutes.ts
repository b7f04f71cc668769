// GET /api/v1/streams: health of every active stream (operators: their prison's only); GET
// /api/v1/streams/transcodes: the transcode budget and its use; POST /api/v1/capabilities: what this wall
// PC decodes (kept per session in memory, listed for commanders by GET /api/v1/capabilities).
import { type CapabilityReport, can, parseWith, type StreamHealth, scopeOf, zCapabilityReport } from "@cw/protocol";
import type { FastifyInstance } from "fastify";
import { canSeePrison, requireCan } from "../auth/guard";
import type { Session } from "../auth/sessions";
import type { Core } from "../core";
import { requireSession } from "./auth";
import type { HttpContext } from "./context";
import { orThrow } from "./errors";

/** The last capability report of each session (a wall PC reports on every page load). */
const MAX_REPORTS = 1000;

/** The streams a session may see (a stream of a removed camera is shown to province-wide roles only). */
export function visibleHealth(core: Core, session: Session, all: StreamHealth[]): StreamHealth[] {
  if (!can(session.user.role, "cameras.view")) return [];
  if (scopeOf(session) === null) return all;
  return all.filter((h) => {
    const camera = core.catalogue.camera(h.cameraId);
    return camera !== undefined && canSeePrison(session, camera.prisonId);
  });
}

export function streamsRoutes(app: FastifyInstance, { core, streams }: HttpContext): void {
  app.get("/api/v1/streams", async (req) => {
    const session = requireSession(req);
    requireCan(session, "cameras.view");
    return visibleHealth(core, session, streams.health());
  });

  app.get("/api/v1/streams/transcodes", async (req) => {
    requireCan(requireSession(req), "cameras.view");
    return streams.stats().transcodes;
  });

  const reports = new Map<string, { user: string; at: number; userAgent: string; report: CapabilityReport }>();
  app.post("/api/v1/capabilities", async (req, reply) => {
    const session = requireSession(req);
    requireCan(session, "cameras.view");
    const report = orThrow(parseWith(zCapabilityReport, req.body));
    reports.delete(session.hash);
    reports.set(session.hash, {
      user: session.user.username,
      at: core.now(),
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
