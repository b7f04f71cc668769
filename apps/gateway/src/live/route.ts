// WebSocket /api/v1/live: the session cookie is checked by the auth gate before the upgrade (no
// session → HTTP 401, no socket); the hub owns the socket afterwards.
import type { FastifyInstance } from "fastify";
import { requireSession } from "../http/auth";
import type { HttpContext } from "../http/context";

export function liveRoutes(app: FastifyInstance, { hub }: HttpContext): void {
  app.get("/api/v1/live", { websocket: true }, (socket, req) => {
    hub.attach(socket, requireSession(req));
  });
}
