// GET/POST /api/v1/camera-groups, PUT/DELETE /api/v1/camera-groups/{id} (cameraGroups.manage: admin),
// and GET /api/v1/camera-groups/choices (the cameras and users the editor picks from, by name). Each save
// or removal is one logged event; the groups' state folds it before the answer goes out.
import { randomBytes } from "node:crypto";
import { userActor } from "@cw/alerts";
import { AppError, type CameraGroupChoices, idPattern, parseWith, zCameraGroupInput } from "@cw/protocol";
import type { FastifyInstance } from "fastify";
import { requireCan } from "../../auth/guard";
import type { User } from "../../auth/users";
import type { Commit } from "../../events/codec";
import { requireSession } from "../../http/auth";
import { orThrow } from "../../http/errors";
import type { CatalogueStore } from "../catalogue/store";
import type { CameraGroupsState } from "./state";

export interface CameraGroupRouteDeps {
  groups: CameraGroupsState;
  catalogue: CatalogueStore;
  users: () => Iterable<User>;
  commit: Commit;
}

const newGroupId = (): string => `g-${randomBytes(4).toString("hex")}`;

export function cameraGroupRoutes(app: FastifyInstance, deps: CameraGroupRouteDeps): void {
  const { groups, catalogue, commit } = deps;
  const admin = (req: Parameters<typeof requireSession>[0]) => {
    const session = requireSession(req);
    requireCan(session, "cameraGroups.manage");
    return session;
  };
  const input = (body: unknown) => {
    const g = orThrow(parseWith(zCameraGroupInput, body));
    const i = g.cameraIds.findIndex((id) => catalogue.camera(id) === undefined);
    if (i >= 0) throw new AppError("validation", `no camera ${g.cameraIds[i]}`, `cameraIds.${i}`);
    return { ...g, cameraIds: [...new Set(g.cameraIds)], roles: [...new Set(g.roles)], users: [...new Set(g.users)] };
  };
  const known = (id: string) => {
    if (!idPattern.test(id) || groups.get(id) === undefined) throw new AppError("not_found", `no group ${id}`, "id");
  };

  app.get("/api/v1/camera-groups", async (req) => {
    admin(req);
    return groups.list();
  });

  app.get("/api/v1/camera-groups/choices", async (req): Promise<CameraGroupChoices> => {
    admin(req);
    return {
      cameras: catalogue
        .cameras()
        .map((c) => ({ id: c.id, name: c.name, label: catalogue.label(c), prisonId: c.prisonId })),
      users: [...deps.users()].map((u) => ({ username: u.username, displayName: u.displayName, role: u.role })),
    };
  });

  app.post("/api/v1/camera-groups", async (req, reply) => {
    const session = admin(req);
    const data = { id: newGroupId(), ...input(req.body) };
    await commit([{ type: "cameraGroup.saved", actor: userActor(session.user.username), data }]);
    return reply.code(201).send(groups.get(data.id));
  });

  app.put<{ Params: { id: string } }>("/api/v1/camera-groups/:id", async (req) => {
    const session = admin(req);
    known(req.params.id);
    const data = { id: req.params.id, ...input(req.body) };
    await commit([{ type: "cameraGroup.saved", actor: userActor(session.user.username), data }]);
    return groups.get(data.id);
  });

  app.delete<{ Params: { id: string } }>("/api/v1/camera-groups/:id", async (req, reply) => {
    const session = admin(req);
    known(req.params.id);
    await commit([
      { type: "cameraGroup.removed", actor: userActor(session.user.username), data: { id: req.params.id } },
    ]);
    return reply.code(204).send();
  });
}
