// Sessions: logins, renewals and logouts folded from the log (so big-screen PCs stay logged in across
// restarts) and the login routes. The HTTP gate (http/auth.ts) reads this store for every request.
import { SessionStore } from "../../auth/sessions";
import type { Feature, Kernel } from "../feature";
import { sessionRoutes } from "./routes";

export function sessionsFeature(k: Kernel) {
  const store = new SessionStore(k.users, k.now, k.config.sessionTtlH * 3600_000);
  return {
    name: "sessions",
    store,
    state: store,
    routes: (app) => sessionRoutes(app, { ...k, sessions: store }),
  } satisfies Feature & { store: SessionStore };
}
