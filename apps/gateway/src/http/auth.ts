// The gate in front of every route: resolves the session cookie, enforces the route's auth mode
// (401 unauthenticated), holds a session whose password was reset to the routes that change it (403
// password_change_required), slides the session's expiry (logging a renewal now and then) and refreshes
// the cookie. Role and prison checks live in the routes (auth/guard.ts).

import { createHash, timingSafeEqual } from "node:crypto";
import { userActor } from "@cw/alerts";
import { AppError } from "@cw/protocol";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Session, SessionStore } from "../auth/sessions";
import type { Commit } from "../events/codec";
import { sessionCookie } from "./context";

/** What the gate needs: the sessions, the log (renewals), the clock, the metrics bearer token. */
export interface AuthDeps {
  sessions: SessionStore;
  commit: Commit;
  now: () => number;
  metricsToken: string | undefined;
}

export function setSessionCookie(
  reply: FastifyReply,
  id: string,
  expiresAt: number,
  now: number,
  secure: boolean,
): void {
  reply.setCookie(sessionCookie, id, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure,
    maxAge: Math.max(0, Math.floor((expiresAt - now) / 1000)),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(sessionCookie, { path: "/", httpOnly: true, sameSite: "lax" });
}

/** The session named by the request's cookie, or null. */
export function sessionOf(sessions: SessionStore, req: FastifyRequest): Session | null {
  const id = req.cookies[sessionCookie];
  return id ? sessions.resolve(id) : null;
}

function bearerMatches(req: FastifyRequest, token: string | undefined): boolean {
  const h = req.headers.authorization;
  if (!token || !h?.startsWith("Bearer ")) return false;
  const a = createHash("sha256").update(h.slice(7)).digest();
  const b = createHash("sha256").update(token).digest();
  return timingSafeEqual(a, b);
}

/** The session of a request that passed the gate (routes with the default auth mode). */
export function requireSession(req: FastifyRequest): Session {
  if (!req.session) throw new AppError("unauthenticated");
  return req.session;
}

export function installAuth(app: FastifyInstance, d: AuthDeps): void {
  app.decorateRequest("session", null);
  app.addHook("onRequest", async (req, reply) => {
    if (req.is404) return; // unknown paths: the not-found handler answers (SPA fallback or 404 JSON)
    const mode = req.routeOptions.config.auth ?? "session";
    if (mode === "public" || mode === "hls" || mode === "feed") return;
    const session = sessionOf(d.sessions, req);
    if (!session) {
      if (mode === "metrics" && bearerMatches(req, d.metricsToken)) return;
      throw new AppError("unauthenticated");
    }
    req.session = session;
    if (session.user.mustChangePassword && req.routeOptions.config.beforePasswordChange !== true) {
      throw new AppError("password_change_required");
    }
    const next = d.sessions.renewal(session);
    if (next !== null) {
      await d.commit([
        {
          type: "session.renewed",
          actor: userActor(session.user.username),
          data: { sessionHash: session.hash, expiresAt: next },
        },
      ]);
      const id = req.cookies[sessionCookie];
      if (id) setSessionCookie(reply, id, next, d.now(), req.protocol === "https");
      session.expiresAt = next;
    }
  });
}
