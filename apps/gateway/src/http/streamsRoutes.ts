// GET /api/v1/streams: health of every active stream (operators: their prison's only).
import { can, type StreamHealth, scopeOf } from "@cw/protocol";
import type { FastifyInstance } from "fastify";
import { canSeePrison, requireCan } from "../auth/guard";
import type { Session } from "../auth/sessions";
import type { Core } from "../core";
import { requireSession } from "./auth";
import type { HttpContext } from "./context";

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
}
