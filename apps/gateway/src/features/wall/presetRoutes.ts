// Presets (named layouts and tours) shared by every console: GET /api/v1/presets[/{id}] for everyone
// (operators see only their prison's part, wall/scope.ts), POST / PUT / DELETE with presets.edit (commanders). Each
// change is one logged preset.saved / preset.deleted; the live hub pushes it.
import { AppError, idPattern, parseWith, scopeOf, zPresetInput } from "@cw/protocol";
import type { FastifyInstance } from "fastify";
import { requireCan } from "../../auth/guard";
import type { Session } from "../../auth/sessions";
import { requireSession } from "../../http/auth";
import { orThrow } from "../../http/errors";
import type { CatalogueStore } from "../catalogue/store";
import { wallCatalogue } from "./catalogueView";
import { scopePreset } from "./scope";
import { callerOf } from "./screenRoutes";
import type { WallService } from "./service";

function readerScope(session: Session) {
  requireCan(session, "cameras.view");
  return scopeOf(session);
}

export function presetRoutes(app: FastifyInstance, deps: { wall: WallService; catalogue: CatalogueStore }): void {
  const { wall } = deps;
  const catalogue = wallCatalogue(deps.catalogue);
  const known = (id: string) => {
    const preset = idPattern.test(id) ? wall.preset(id) : undefined;
    if (!preset) throw new AppError("not_found", `no preset ${id}`, "id");
    return preset;
  };

  app.get("/api/v1/presets", async (req) => {
    const scope = readerScope(requireSession(req));
    return wall.presets().map((p) => scopePreset(p, scope, catalogue));
  });

  app.get<{ Params: { id: string } }>("/api/v1/presets/:id", async (req) => {
    const scope = readerScope(requireSession(req));
    return scopePreset(known(req.params.id), scope, catalogue);
  });

  app.post("/api/v1/presets", async (req, reply) => {
    const session = requireSession(req);
    requireCan(session, "presets.edit");
    const input = orThrow(parseWith(zPresetInput, req.body));
    const saved = orThrow(await wall.savePreset(input, "create", callerOf(session)));
    return reply.code(201).send(saved);
  });

  app.put<{ Params: { id: string } }>("/api/v1/presets/:id", async (req) => {
    const session = requireSession(req);
    requireCan(session, "presets.edit");
    known(req.params.id);
    const input = orThrow(parseWith(zPresetInput, req.body));
    return orThrow(await wall.savePreset(input, "replace", callerOf(session), req.params.id));
  });

  app.delete<{ Params: { id: string } }>("/api/v1/presets/:id", async (req, reply) => {
    const session = requireSession(req);
    requireCan(session, "presets.edit");
    known(req.params.id);
    orThrow(await wall.deletePreset(req.params.id, callerOf(session)));
    return reply.code(204).send();
  });
}
