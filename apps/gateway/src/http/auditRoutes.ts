// GET /api/v1/audit?type=&actor=&since=&before=&limit=: the event log, newest first, for holders of
// audit.view (commanders, bureau chiefs, administrators; everyone else 403). It is the audit trail: logins, camera edits, view starts.
import { parseWith, zAuditQuery } from "@cw/protocol";
import type { FastifyInstance } from "fastify";
import { requireCan } from "../auth/guard";
import { requireSession } from "./auth";
import type { HttpContext } from "./context";
import { orThrow } from "./errors";

export function auditRoutes(app: FastifyInstance, { core }: HttpContext): void {
  app.get("/api/v1/audit", async (req) => {
    requireCan(requireSession(req), "audit.view");
    return await core.audit.query(orThrow(parseWith(zAuditQuery, req.query)));
  });
}
