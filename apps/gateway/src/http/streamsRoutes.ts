// GET /api/v1/streams: health of every active stream (operators: their prison's only).
import type { StreamHealth } from "@cw/protocol";
import type { FastifyInstance } from "fastify";
import { canSeePrison } from "../auth/guard";
import type { Session } from "../auth/sessions";
import type { Core } from "../core";
import { requireSession } from "./auth";
import type { HttpContext } from "./context";

/** The streams a session may see (a stream of a removed camera is shown to province-wide roles only). */
export function visibleHealth(core: Core, session: Session, all: StreamHealth[]): StreamHealth[] {
  if (session.user.role !== "operator") return all;
  return all.filter((h) => {
    const camera = core.catalogue.camera(h.cameraId);
    return camera !== undefined && canSeePrison(session, camera.prisonId);
  });
}

export function streamsRoutes(app: FastifyInstance, { core, streams }: HttpContext): void {
  app.get("/api/v1/streams", async (req) => visibleHealth(core, requireSession(req), streams.health()));
}
