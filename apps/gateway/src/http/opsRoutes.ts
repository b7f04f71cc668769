// GET /healthz (no auth: liveness for the supervisor) and GET /metrics (Prometheus text; a session or
// `Authorization: Bearer <METRICS_TOKEN>`).
import type { FastifyInstance } from "fastify";
import type { HttpContext } from "./context";

export function opsRoutes(app: FastifyInstance, { core, metrics }: HttpContext): void {
  const startedAt = core.now();
  app.get("/healthz", { config: { auth: "public" } }, async () => ({
    status: "ok",
    uptimeS: Math.round((core.now() - startedAt) / 1000),
    lastSeq: core.eventLog.lastSeq,
  }));

  app.get("/metrics", { config: { auth: "metrics" } }, async (_req, reply) =>
    reply.header("content-type", metrics.contentType).send(await metrics.render()),
  );
}
