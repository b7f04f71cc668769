// GET /healthz (no auth: liveness for the supervisor) and GET /metrics (Prometheus text; a session or
// `Authorization: Bearer <METRICS_TOKEN>`).
import type { FastifyInstance } from "fastify";
import type { EventLog } from "../eventlog/types";
import type { Metrics } from "../metrics";

export function opsRoutes(
  app: FastifyInstance,
  { now, eventLog, metrics }: { now: () => number; eventLog: Pick<EventLog, "lastSeq">; metrics: Metrics },
): void {
  const startedAt = now();
  app.get("/healthz", { config: { auth: "public" } }, async () => ({
    status: "ok",
    uptimeS: Math.round((now() - startedAt) / 1000),
    lastSeq: eventLog.lastSeq,
  }));

  app.get("/metrics", { config: { auth: "metrics" } }, async (_req, reply) =>
    reply.header("content-type", metrics.contentType).send(await metrics.render()),
  );
}
