// Reading the catalogue: GET /api/v1/tree, /api/v1/prisons, /api/v1/cameras?q=&prisonId=&kind=,
// /api/v1/cameras/:id (commanders also get the RTMP publishUrl). Operators see only their prison;
// naming another prison's camera is 403.
import { AppError, type Camera, type CameraDetail, idPattern, parseWith, zCameraKind, zId } from "@cw/protocol";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requirePrison, scopeOf } from "../auth/guard";
import type { Session } from "../auth/sessions";
import type { Core } from "../core";
import { requireSession } from "./auth";
import type { HttpContext } from "./context";
import { orThrow } from "./errors";

const zCameraQuery = z.object({
  q: z.string().max(200).optional(),
  prisonId: zId.optional(),
  kind: zCameraKind.optional(),
});

/** The camera the session may see, or 404 (unknown) / 403 (another prison). */
export function visibleCamera(core: Core, session: Session, id: string): Camera {
  const camera = idPattern.test(id) ? core.catalogue.camera(id) : undefined;
  if (!camera) throw new AppError("not_found", `no camera ${id}`, "id");
  requirePrison(session, camera.prisonId);
  return camera;
}

export function publishUrl(core: Core, cameraId: string): string | undefined {
  const key = core.catalogue.publishKey(cameraId);
  if (key === undefined) return undefined;
  const { publicRtmpUrl, host, rtmpPort } = core.config;
  return `${publicRtmpUrl ?? `rtmp://${host}:${rtmpPort}`}/live/${cameraId}?key=${key}`;
}

export function cameraDetail(core: Core, session: Session, camera: Camera): CameraDetail {
  const url = session.user.role === "commander" ? publishUrl(core, camera.id) : undefined;
  return url === undefined ? camera : { ...camera, publishUrl: url };
}

export function catalogueRoutes(app: FastifyInstance, { core }: HttpContext): void {
  app.get("/api/v1/tree", async (req) => core.catalogue.tree(scopeOf(requireSession(req))));

  app.get("/api/v1/prisons", async (req) => {
    const scope = scopeOf(requireSession(req));
    return core.catalogue.prisons().filter((p) => scope === null || p.id === scope);
  });

  app.get("/api/v1/cameras", async (req) => {
    const session = requireSession(req);
    const q = orThrow(parseWith(zCameraQuery, req.query));
    let prisonId = scopeOf(session);
    if (q.prisonId !== undefined) {
      if (!core.catalogue.prison(q.prisonId)) throw new AppError("not_found", `no prison ${q.prisonId}`, "prisonId");
      requirePrison(session, q.prisonId);
      prisonId = q.prisonId;
    }
    const found = core.catalogue.search(q.q ?? "", prisonId);
    return q.kind === undefined ? found : found.filter((c) => c.kind === q.kind);
  });

  app.get<{ Params: { id: string } }>("/api/v1/cameras/:id", async (req) => {
    const session = requireSession(req);
    return cameraDetail(core, session, visibleCamera(core, session, req.params.id));
  });
}
