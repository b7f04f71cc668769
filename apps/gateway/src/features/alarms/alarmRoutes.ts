// The duty console's API: GET /api/v1/alarms (newest first, filters, history search), GET one alarm,
// its snapshot (image/jpeg), POST …/ack {note} and …/resolve {disposition, note}, and GET
// /api/v1/obligations (lights of everything owed). Everyone logged in may read; acting needs a duty
// capability (viewers are read-only; policy.ts). Operators see and act only within their prison: another prison's alarm
// is 404 for them. Every action is an event in the log (the audit trail).
import { userActor, zAlarmQuery, zLight, zObligationKind } from "@cw/alerts";
import { AppError, parseWith, scopeOf } from "@cw/protocol";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireCan } from "../../auth/guard";
import type { Session } from "../../auth/sessions";
import { requireSession } from "../../http/auth";
import { orThrow } from "../../http/errors";
import type { ControlPlane } from "./plane";
import type { AlarmSight } from "./sight";

const zListQuery = zAlarmQuery.extend({
  /** Raised before this instant (history paging). */
  before: z.coerce.number().int().nonnegative().optional(),
  /** Only alarms escalated to this role's queue (e.g. commander). */
  escalatedTo: z.string().max(32).optional(),
  /** Free text over title, description, sourceId, camera and block ids. */
  q: z.string().trim().max(100).optional(),
});

const zObligationQuery = z
  .object({
    light: zLight.optional(),
    kind: zObligationKind.optional(),
    open: z.enum(["true", "false", "1", "0"]).optional(),
  })
  .strict();

const idParam = (params: unknown): string => (params as { id: string }).id;

/** The scope of a session that may read alarms (403 otherwise). */
function readerScope(session: Session) {
  requireCan(session, "alarms.view");
  return scopeOf(session);
}

export function alarmRoutes(
  app: FastifyInstance,
  deps: { control: ControlPlane; now: () => number; sight: AlarmSight },
): void {
  const { control, now, sight } = deps;
  const { reads, commands } = control;

  app.get("/api/v1/alarms", async (req) => {
    const session = requireSession(req);
    const scope = readerScope(session);
    const { q, before, limit, ...filter } = orThrow(parseWith(zListQuery, req.query));
    const text = q?.toLowerCase();
    const shown = sight.of(session);
    // The text search runs over what the reader is shown: a withheld camera's id or name finds nothing.
    const all =
      text === undefined && before === undefined
        ? reads.alarms({ ...filter, limit }, scope).map(shown)
        : reads
            .alarms({ ...filter, limit: Number.MAX_SAFE_INTEGER }, scope)
            .map(shown)
            .filter((a) => before === undefined || a.raisedAt < before)
            .filter(
              (a) =>
                text === undefined ||
                [a.title, a.description, a.sourceId, a.cameraId, a.blockId, a.type, a.id].some((s) =>
                  s?.toLowerCase().includes(text),
                ),
            )
            .slice(0, limit);
    return { alarms: all, serverTime: now() };
  });

  app.get("/api/v1/alarms/:id", async (req) => {
    const session = requireSession(req);
    const view = reads.alarm(idParam(req.params), readerScope(session));
    if (view === null) throw new AppError("not_found", `No alarm ${idParam(req.params)}.`);
    return sight.of(session)(view);
  });

  app.get("/api/v1/alarms/:id/snapshot", async (req, reply) => {
    const session = requireSession(req);
    const scope = readerScope(session);
    const view = reads.alarm(idParam(req.params), scope);
    // A withheld camera's picture is withheld with it.
    const bytes = view === null || !sight.of(session)(view).hasSnapshot ? null : await reads.snapshot(view.id, scope);
    if (bytes === null) throw new AppError("not_found", `No snapshot for alarm ${idParam(req.params)}.`);
    return reply.type("image/jpeg").header("cache-control", "private, max-age=86400, immutable").send(bytes);
  });

  for (const action of ["ack", "resolve"] as const) {
    app.post(`/api/v1/alarms/:id/${action}`, async (req) => {
      const session = requireSession(req);
      requireCan(session, action === "ack" ? "alarms.acknowledge" : "alarms.dispose");
      const id = idParam(req.params);
      const actor = userActor(session.user.username);
      const scope = scopeOf(session);
      const r =
        action === "ack"
          ? await commands.ack(id, req.body ?? {}, actor, scope)
          : await commands.resolve(id, req.body ?? {}, actor, scope);
      orThrow(r);
      const view = reads.alarm(id, scope);
      if (view === null) throw new AppError("not_found", `No alarm ${id}.`);
      return sight.of(session)(view);
    });
  }

  app.get("/api/v1/obligations", async (req) => {
    const scope = readerScope(requireSession(req));
    const q = orThrow(parseWith(zObligationQuery, req.query));
    const openOnly = q.open === undefined ? undefined : q.open === "true" || q.open === "1";
    return {
      obligations: reads.obligations(
        {
          ...(q.light === undefined ? {} : { light: q.light }),
          ...(q.kind === undefined ? {} : { kind: q.kind }),
          ...(openOnly === undefined ? {} : { openOnly }),
        },
        scope,
      ),
      serverTime: now(),
    };
  });
}
