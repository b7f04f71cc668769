// Sessions: logins, renewals, logouts and revocations folded from the log (so big-screen PCs stay logged
// in across restarts), the login and own-password routes, and a user's sessions list with revoke. The
// HTTP gate (http/auth.ts) reads this store for every request; the live hub re-checks its sockets at once
// when an event may have ended a session (`endsSessions`).
import { SessionStore } from "../../auth/sessions";
import type { LoggedEvent } from "../../events/map";
import type { Feature, Kernel } from "../feature";
import type { UserDirectory } from "../users/directory";
import { sessionListRoutes } from "./listRoutes";
import { passwordRoutes } from "./passwordRoutes";
import { sessionRoutes } from "./routes";

/** Events after which a session may be dead or its user changed: the live sockets are re-checked. */
export const endsSessions = (e: LoggedEvent): boolean =>
  e.type === "session.closed" || e.type === "user.updated" || e.type === "user.password.set";

export function sessionsFeature(k: Kernel, deps: { users: UserDirectory; common: ReadonlySet<string> }) {
  const store = new SessionStore((u) => deps.users.active(u), k.now, k.config.sessionTtlH * 3600_000);
  return {
    name: "sessions",
    store,
    state: store,
    routes(app) {
      const d = { ...k, sessions: store, directory: deps.users, common: deps.common };
      sessionRoutes(app, d);
      passwordRoutes(app, d);
      sessionListRoutes(app, d);
    },
  } satisfies Feature & { store: SessionStore };
}
