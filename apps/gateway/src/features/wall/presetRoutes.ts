// Presets (named layouts and tours) shared by every console: GET /api/v1/presets[/{id}] for everyone
// (operators see only their prison's part, wall/scope.ts), POST / PUT / DELETE with presets.edit (commanders). Each
// change is one logged preset.saved / preset.deleted; the live hub pushes it.
import { AppError, idPattern, parseWith, zPresetInput } from "@cw/protocol";
import type { FastifyInstance } from "fastify";
import { requireCan } from "../../auth/guard";
import type { Session } from "../../auth/sessions";
import { requireSession } from "../../http/auth";
import { orThrow } from "../../http/errors";
import { wallCatalogue } from "./catalogueView";
import { scopePreset } from "./scope";
import { callerOf, type SightDeps } from "./screenRoutes";
import type { WallService } from "./service";
import { sightOf } from "./sight";

export function presetRoutes(app: FastifyInstance, deps: SightDeps & { wall: WallService }): void {
  const { wall } = deps;
  const catalogue = wallCatalogue(deps.catalogue, deps.access);
  const readerSight = (session: Session) => {
    requireCan(session, "cameras.view");
    return sightOf(session, deps.catalogue, deps.access);
  };
  const known = (id: string) => {
    const preset = idPattern.test(id) ? wall.preset(id) : undefined;
    if (!preset) throw new AppError("not_found", `no preset ${id}`, "id");
    return preset;
  };

  app.get("/api/v1/presets", async (req) => {
    const sight = readerSight(requireSession(req));
    return wall.presets().map((p) => scopePreset(p, sight, catalogue));
  });

  app.get<{ Params: { id: string } }>("/api/v1/presets/:id", async (req) => {
    const sight = readerSight(requireSession(req));
    return scopePreset(known(req.params.id), sight, catalogue);
  });

  app.post("/api/v1/presets", async (req, reply) => {
    const session = requireSession(req);
    requireCan(session, "presets.edit");
    const input = orThrow(parseWith(zPresetInput, req.body));
    const saved = orThrow(await wall.savePreset(input, "create", callerOf(session, deps)));
    return reply.code(201).send(saved);
  });

  app.put<{ Params: { id: string } }>("/api/v1/presets/:id", async (req) => {
    const session = requireSession(req);
    requireCan(session, "presets.edit");
    known(req.params.id);
    const input = orThrow(parseWith(zPresetInput, req.body));
    return orThrow(await wall.savePreset(input, "replace", callerOf(session, deps), req.params.id));
  });

  app.delete<{ Params: { id: string } }>("/api/v1/presets/:id", async (req, reply) => {
    const session = requireSession(req);
    requireCan(session, "presets.edit");
    known(req.params.id);
    orThrow(await wall.deletePreset(req.params.id, callerOf(session, deps)));
    return reply.code(204).send();
  });
}
