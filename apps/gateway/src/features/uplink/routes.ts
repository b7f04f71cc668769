// GET /api/v1/uplink: the edge → bureau store-and-forward as the edge's operators see it (link up or
// down, records queued, the last delivered, the last error). Anyone who may read alarms may read it:
// it says whether their alarms reach the bureau. Never shows the feed key.
import type { FastifyInstance } from "fastify";
import { requireCan } from "../../auth/guard";
import { requireSession } from "../../http/auth";
import type { PullerStatus } from "./down/puller";
import type { UplinkStatus } from "./forwarder";

export type UplinkView =
  | { enabled: false }
  | ({ enabled: true; upperUrl: string; serverTime: number; orders: PullerStatus | null } & UplinkStatus);

export function uplinkRoutes(app: FastifyInstance, view: () => UplinkView): void {
  app.get("/api/v1/uplink", async (req) => {
    requireCan(requireSession(req), "alarms.view");
    return view();
  });
}
