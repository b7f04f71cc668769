// What route modules receive, and the per-route auth modes. Every route needs a session unless its
// config says otherwise, so a new route cannot be left open by forgetting a check.
import type { StreamRegistry } from "@cw/streams";
import type { Session } from "../auth/sessions";
import type { Core } from "../core";
import type { LiveHub } from "../live/hub";
import type { Metrics } from "../metrics";
import type { OrdersService } from "../orders/service";
import type { RecordingFeature } from "../recording/service";

/** public: anyone (login, /healthz, the wall's files); hls: the signed token in the path;
 *  metrics: a session or the METRICS_TOKEN bearer; session (default): the session cookie;
 *  feed: the prison's HMAC signature (X-Feed-Signature), checked by the feed routes. */
export type AuthMode = "public" | "session" | "hls" | "metrics" | "feed";

declare module "fastify" {
  interface FastifyContextConfig {
    auth?: AuthMode;
  }
  interface FastifyRequest {
    session: Session | null;
  }
}

export interface HttpContext {
  core: Core;
  streams: StreamRegistry;
  metrics: Metrics;
  hub: LiveHub;
  /** Orders (指令): compose, receipts, templates (orders/service.ts). */
  orders: OrdersService;
  /** Recording: plans, timeline, playback, evidence (recording/service.ts). */
  recording: RecordingFeature;
}

export const sessionCookie = "cw_session";
