// The users page's API (docs/api/users.md), for holders of users.manage (administrators): GET/POST
// /api/v1/users, PATCH /api/v1/users/{username}, POST …/reset-password → {temporaryPassword} and …/unlock.
// Thin: validate with zod, ask the service, answer the view. Everyone else gets 403 forbidden.
import { parseWith, zUserCreate, zUsername, zUserPatch } from "@cw/protocol";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { requireCan } from "../../auth/guard";
import { requireSession } from "../../http/auth";
import { orThrow } from "../../http/errors";
import type { UserDirectory } from "./directory";
import type { UsersService } from "./service";
import { userView } from "./view";

export interface UsersRouteDeps {
  directory: UserDirectory;
  service: UsersService;
  prisons: ReadonlyArray<{ id: string; name: string }>;
  now: () => number;
}

const zParams = z.object({ username: zUsername });

function admin(req: FastifyRequest): string {
  const s = requireSession(req);
  requireCan(s, "users.manage");
  return s.user.username;
}

export function usersRoutes(app: FastifyInstance, d: UsersRouteDeps): void {
  const view = (u: Parameters<typeof userView>[0]) => userView(u, d.directory, d.prisons, d.now());
  const target = (req: FastifyRequest) => orThrow(parseWith(zParams, req.params)).username;

  app.get("/api/v1/users", async (req) => {
    admin(req);
    const users = d.directory
      .list()
      .map(view)
      .sort((a, b) => a.username.localeCompare(b.username));
    return { users, prisons: d.prisons.map((p) => ({ id: p.id, name: p.name })) };
  });

  app.post("/api/v1/users", async (req, reply) => {
    const actor = admin(req);
    const body = orThrow(parseWith(zUserCreate, req.body));
    const u = orThrow(await d.service.create(actor, body));
    return reply.code(201).send(view(u));
  });

  app.patch("/api/v1/users/:username", async (req) => {
    const actor = admin(req);
    const username = target(req);
    const patch = orThrow(parseWith(zUserPatch, req.body ?? {}));
    return view(orThrow(await d.service.update(actor, username, patch)));
  });

  app.post("/api/v1/users/:username/reset-password", async (req) => {
    const actor = admin(req);
    return orThrow(await d.service.resetPassword(actor, target(req)));
  });

  app.post("/api/v1/users/:username/unlock", async (req) => {
    const actor = admin(req);
    return view(orThrow(await d.service.unlock(actor, target(req))));
  });
}
