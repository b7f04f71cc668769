// WebSocket /api/v1/live: the session cookie is checked by the auth gate before the upgrade (no
// session → HTTP 401, no socket); the hub owns the socket afterwards.
import type { FastifyInstance } from "fastify";
import { requireSession } from "../http/auth";
import type { LiveHub } from "./hub";

export function liveRoutes(app: FastifyInstance, hub: Pick<LiveHub, "attach">): void {
  app.get("/api/v1/live", { websocket: true }, (socket, req) => {
    hub.attach(socket, requireSession(req));
  });
}
