// GET /api/v1/audit?type=&actor=&since=&before=&limit=: the event log, newest first, for holders of
// audit.view (commanders, bureau chiefs, administrators; everyone else 403). It is the audit trail: logins, camera edits, view starts.
import { parseWith, zAuditQuery } from "@cw/protocol";
import type { FastifyInstance } from "fastify";
import { requireCan } from "../../auth/guard";
import { requireSession } from "../../http/auth";
import { orThrow } from "../../http/errors";
import type { AuditIndex } from "./auditIndex";

export function auditRoutes(app: FastifyInstance, deps: { audit: AuditIndex }): void {
  const { audit } = deps;
  app.get("/api/v1/audit", async (req) => {
    requireCan(requireSession(req), "audit.view");
    return await audit.query(orThrow(parseWith(zAuditQuery, req.query)));
  });
}
