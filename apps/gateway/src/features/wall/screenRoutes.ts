// The output screens: GET /api/v1/wall/screens[/{n}], PUT /api/v1/wall/screens/{n} and
// POST /api/v1/wall/screens/{n}/tour. The screens are the bureau centre's: wall.view to read, wall.edit to
// change (policy.ts: operators get 403, viewers only read). Each change is one logged wall.screen.set; the live hub pushes it (wall/service.ts).
import { AppError, parseWith, type ScreenState, zScreenPut, zTourControl } from "@cw/protocol";
import type { FastifyInstance } from "fastify";
import { requireCan } from "../../auth/guard";
import type { Session } from "../../auth/sessions";
import { requireSession } from "../../http/auth";
import { orThrow } from "../../http/errors";
import type { CameraAccess } from "../cameraGroups/access";
import type { CatalogueStore } from "../catalogue/store";
import { scopeScreen } from "./scope";
import type { Caller, WallService } from "./service";
import { sightOf } from "./sight";

/** Where a caller's sight of cameras comes from. */
export interface SightDeps {
  catalogue: CatalogueStore;
  access: CameraAccess;
}

export const callerOf = (session: Session, d: SightDeps): Caller => {
  const sight = sightOf(session, d.catalogue, d.access);
  return { username: session.user.username, sees: (id) => sight.sees(id) };
};

export function wallRoutes(app: FastifyInstance, deps: SightDeps & { wall: WallService }): void {
  const { wall } = deps;
  const screenNumber = (raw: string): number => {
    const n = /^\d{1,2}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(n >= 1 && n <= wall.count)) {
      throw new AppError("not_found", `no screen ${raw}: screens are 1 to ${wall.count}`, "n");
    }
    return n;
  };

  /** The screens as this session may see them (camera groups). */
  const seen = (session: Session) => {
    const sight = sightOf(session, deps.catalogue, deps.access);
    return (screen: ScreenState) => scopeScreen(screen, sight);
  };

  app.get("/api/v1/wall/screens", async (req) => {
    const session = requireSession(req);
    requireCan(session, "wall.view");
    return wall.screens().map(seen(session));
  });

  app.get<{ Params: { n: string } }>("/api/v1/wall/screens/:n", async (req) => {
    const session = requireSession(req);
    requireCan(session, "wall.view");
    const screen = wall.screen(screenNumber(req.params.n));
    if (!screen) throw new AppError("not_found", `no screen ${req.params.n}`, "n");
    return seen(session)(screen);
  });

  app.put<{ Params: { n: string } }>("/api/v1/wall/screens/:n", async (req) => {
    const session = requireSession(req);
    requireCan(session, "wall.edit");
    const n = screenNumber(req.params.n);
    const input = orThrow(parseWith(zScreenPut, req.body));
    return seen(session)(orThrow(await wall.put(n, input, callerOf(session, deps))));
  });

  app.post<{ Params: { n: string } }>("/api/v1/wall/screens/:n/tour", async (req) => {
    const session = requireSession(req);
    requireCan(session, "wall.edit");
    const n = screenNumber(req.params.n);
    const control = orThrow(parseWith(zTourControl, req.body));
    return seen(session)(orThrow(await wall.controlTour(n, control, callerOf(session, deps))));
  });
}
