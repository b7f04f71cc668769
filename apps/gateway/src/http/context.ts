// The per-route auth modes and the session on the request. Every route needs a session unless its
// config says otherwise, so a new route cannot be left open by forgetting a check.
import type { Session } from "../auth/sessions";

/** public: anyone (login, /healthz, the wall's files); hls: the signed token in the path;
 *  metrics: a session or the METRICS_TOKEN bearer; session (default): the session cookie;
 *  feed: the prison's HMAC signature (X-Feed-Signature), checked by the feed routes. */
export type AuthMode = "public" | "session" | "hls" | "metrics" | "feed";

declare module "fastify" {
  interface FastifyContextConfig {
    auth?: AuthMode;
    /** Open to a session whose password was reset and not yet changed (who am I, logout, change it). */
    beforePasswordChange?: boolean;
  }
  interface FastifyRequest {
    session: Session | null;
  }
}

export const sessionCookie = "cw_session";
