// The roll-call board: GET /api/v1/rollcalls/board?date=&prisonId= (today's checkpoints × blocks with
// light, expected vs present) and GET /api/v1/rollcalls/slots/{key} (a cell's reports: the drill-down).
// Operators see only their prison's blocks. Read-only: reports arrive through the feeds API.
import { AppError, parseWith, scopeOf, zId } from "@cw/protocol";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireCan } from "../../auth/guard";
import type { Session } from "../../auth/sessions";
import { requireSession } from "../../http/auth";
import { orThrow } from "../../http/errors";
import type { ControlPlane } from "./plane";

const zBoardQuery = z
  .object({
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "date is YYYY-MM-DD")
      .optional(),
    prisonId: zId.optional(),
  })
  .strict();

function readerScope(session: Session) {
  requireCan(session, "rollcalls.view");
  return scopeOf(session);
}

export function rollcallRoutes(app: FastifyInstance, deps: { control: ControlPlane }): void {
  const { control } = deps;
  app.get("/api/v1/rollcalls/board", async (req) => {
    const scope = readerScope(requireSession(req));
    const q = orThrow(parseWith(zBoardQuery, req.query));
    if (scope !== null && q.prisonId !== undefined && q.prisonId !== scope) {
      throw new AppError("forbidden", "operators see only their own prison's roll calls");
    }
    return control.reads.board(
      {
        ...(q.date === undefined ? {} : { date: q.date }),
        ...(q.prisonId === undefined ? {} : { prisonId: q.prisonId }),
      },
      scope,
    );
  });

  app.get("/api/v1/rollcalls/slots/:key", async (req) => {
    const scope = readerScope(requireSession(req));
    const { key } = req.params as { key: string };
    const r = control.reads.reports(key, scope);
    if (r === null) throw new AppError("not_found", `No roll-call slot ${key}.`);
    return r;
  });
}
