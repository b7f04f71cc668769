// GET /api/v1/streams: health of every active stream (operators: their prison's only); GET
// /api/v1/streams/transcodes: the transcode budget and its use; POST /api/v1/capabilities: what this wall
// PC decodes (kept per session in memory, listed for commanders by GET /api/v1/capabilities).
import { type CapabilityReport, can, parseWith, type StreamHealth, scopeOf, zCapabilityReport } from "@cw/protocol";
import type { StreamRegistry } from "@cw/streams";
import type { FastifyInstance } from "fastify";
import { canSeePrison, requireCan } from "../../auth/guard";
import type { Session } from "../../auth/sessions";
import { requireSession } from "../../http/auth";
import { orThrow } from "../../http/errors";
import type { CatalogueStore } from "../catalogue/store";

/** The last capability report of each session (a wall PC reports on every page load). */
const MAX_REPORTS = 1000;

/** The streams a session may see (a stream of a removed camera is shown to province-wide roles only). */
export function visibleHealth(catalogue: CatalogueStore, session: Session, all: StreamHealth[]): StreamHealth[] {
  if (!can(session.user.role, "cameras.view")) return [];
  if (scopeOf(session) === null) return all;
  return all.filter((h) => {
    const camera = catalogue.camera(h.cameraId);
    return camera !== undefined && canSeePrison(session, camera.prisonId);
  });
}

export function streamsRoutes(
  app: FastifyInstance,
  deps: { catalogue: CatalogueStore; media: StreamRegistry; now: () => number },
): void {
  const { catalogue, media } = deps;
  app.get("/api/v1/streams", async (req) => {
    const session = requireSession(req);
    requireCan(session, "cameras.view");
    return visibleHealth(catalogue, session, media.health());
  });

  app.get("/api/v1/streams/transcodes", async (req) => {
    requireCan(requireSession(req), "cameras.view");
    return media.stats().transcodes;
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
