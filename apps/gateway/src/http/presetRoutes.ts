// Presets (named layouts and tours) shared by every console: GET /api/v1/presets[/{id}] for everyone
// (operators see only their prison's part, wall/scope.ts), POST / PUT / DELETE with presets.edit (commanders). Each
// change is one logged preset.saved / preset.deleted; the live hub pushes it.
import { AppError, idPattern, parseWith, scopeOf, zPresetInput } from "@cw/protocol";
import type { FastifyInstance } from "fastify";
import { requireCan } from "../auth/guard";
import type { Session } from "../auth/sessions";
import { wallCatalogue } from "../wall/catalogueView";
import { scopePreset } from "../wall/scope";
import { requireSession } from "./auth";
import type { HttpContext } from "./context";
import { orThrow } from "./errors";
import { callerOf } from "./wallRoutes";

function readerScope(session: Session) {
  requireCan(session, "cameras.view");
  return scopeOf(session);
}

export function presetRoutes(app: FastifyInstance, { core }: HttpContext): void {
  const catalogue = wallCatalogue(core.catalogue);
  const known = (id: string) => {
    const preset = idPattern.test(id) ? core.wall.preset(id) : undefined;
    if (!preset) throw new AppError("not_found", `no preset ${id}`, "id");
    return preset;
  };

  app.get("/api/v1/presets", async (req) => {
    const scope = readerScope(requireSession(req));
    return core.wall.presets().map((p) => scopePreset(p, scope, catalogue));
  });

  app.get<{ Params: { id: string } }>("/api/v1/presets/:id", async (req) => {
    const scope = readerScope(requireSession(req));
    return scopePreset(known(req.params.id), scope, catalogue);
  });

  app.post("/api/v1/presets", async (req, reply) => {
    const session = requireSession(req);
    requireCan(session, "presets.edit");
    const input = orThrow(parseWith(zPresetInput, req.body));
    const saved = orThrow(await core.wall.savePreset(input, "create", callerOf(session)));
    return reply.code(201).send(saved);
  });

  app.put<{ Params: { id: string } }>("/api/v1/presets/:id", async (req) => {
    const session = requireSession(req);
    requireCan(session, "presets.edit");
    known(req.params.id);
    const input = orThrow(parseWith(zPresetInput, req.body));
    return orThrow(await core.wall.savePreset(input, "replace", callerOf(session), req.params.id));
  });

  app.delete<{ Params: { id: string } }>("/api/v1/presets/:id", async (req, reply) => {
    const session = requireSession(req);
    requireCan(session, "presets.edit");
    known(req.params.id);
    orThrow(await core.wall.deletePreset(req.params.id, callerOf(session)));
    return reply.code(204).send();
  });
}
