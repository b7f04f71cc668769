// Camera edits at run time (cameras.manage: commanders): POST /api/v1/cameras, PATCH and DELETE /api/v1/cameras/:id.
// Each edit is one logged event (camera.added / camera.updated / camera.removed) folded into the
// catalogue; editing or removing a camera stops its running streams.

import { randomBytes } from "node:crypto";
import { userActor } from "@cw/alerts";
import { AppError, idPattern, parseWith, zCameraCreate, zCameraPatch } from "@cw/protocol";
import type { StreamRegistry } from "@cw/streams";
import type { FastifyInstance } from "fastify";
import { requireCan } from "../../auth/guard";
import type { Commit } from "../../events/codec";
import { requireSession } from "../../http/auth";
import { orThrow } from "../../http/errors";
import { type IdSource, planCreate, planRemove, planUpdate } from "./commands";
import { type CatalogueRouteDeps, cameraDetail } from "./routes";

const ids: IdSource = {
  newCameraId: (prisonId) => `${prisonId}-c${randomBytes(3).toString("hex")}`,
  newPublishKey: () => randomBytes(18).toString("base64url"),
};

/**
 * Whether an edit of these fields restarts the camera's streams. Marking it important changes nothing in
 * its picture; nor does renaming or moving a real camera (a 未分配 GB channel dragged into its block plays
 * on in every tile) — a simulated one burns its name and place into the picture, so it restarts.
 */
export function restartsStream(fields: readonly string[], simulated: boolean): boolean {
  const keeps = simulated ? ["important"] : ["important", "name", "kind", "blockId", "subBlockId"];
  return fields.some((k) => !keeps.includes(k));
}

export function cameraAdminRoutes(
  app: FastifyInstance,
  deps: CatalogueRouteDeps & { commit: Commit; media: Pick<StreamRegistry, "stopCamera"> },
): void {
  const { catalogue, commit, media } = deps;
  app.post("/api/v1/cameras", async (req, reply) => {
    const session = requireSession(req);
    requireCan(session, "cameras.manage");
    const input = orThrow(parseWith(zCameraCreate, req.body));
    const data = orThrow(planCreate(catalogue, input, ids));
    await commit([{ type: "camera.added", actor: userActor(session.user.username), data: catalogue.sealEdit(data) }]);
    const camera = catalogue.camera(data.camera.id);
    if (!camera) throw new AppError("conflict", "the camera could not be placed");
    return reply.code(201).send(cameraDetail(deps, session, camera));
  });

  app.patch<{ Params: { id: string } }>("/api/v1/cameras/:id", async (req) => {
    const session = requireSession(req);
    requireCan(session, "cameras.manage");
    const id = req.params.id;
    const before = idPattern.test(id) ? catalogue.camera(id) : undefined;
    if (!before) throw new AppError("not_found", `no camera ${id}`, "id");
    const patch = orThrow(parseWith(zCameraPatch, req.body));
    const data = orThrow(planUpdate(catalogue, id, patch, ids));
    await commit([{ type: "camera.updated", actor: userActor(session.user.username), data: catalogue.sealEdit(data) }]);
    if (restartsStream(Object.keys(patch), before.source.kind === "sim")) await media.stopCamera(id);
    const camera = catalogue.camera(id);
    if (!camera) throw new AppError("not_found", `no camera ${id}`, "id");
    return cameraDetail(deps, session, camera);
  });

  app.delete<{ Params: { id: string } }>("/api/v1/cameras/:id", async (req, reply) => {
    const session = requireSession(req);
    requireCan(session, "cameras.manage");
    const data = orThrow(planRemove(catalogue, req.params.id));
    await commit([{ type: "camera.removed", actor: userActor(session.user.username), data }]);
    await media.stopCamera(data.id);
    return reply.code(204).send();
  });
}
