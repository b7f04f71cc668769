// POST /api/v1/session (log in: scrypt check, session.opened logged, HttpOnly cookie), GET (who am I),
// DELETE (log out: session.closed logged; its HLS tokens die with it). Login is rate-limited per
// IP + username and failed attempts are logged too.

import { randomBytes } from "node:crypto";
import { userActor } from "@cw/alerts";
import { AppError, parseWith, type SessionInfo, zLogin } from "@cw/protocol";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { hashPassword, verifyPassword } from "../../auth/password";
import { hashSessionId, newSessionId, type Session, type SessionStore } from "../../auth/sessions";
import type { User } from "../../auth/users";
import type { Config } from "../../config";
import type { Commit } from "../../events/codec";
import { clearSessionCookie, requireSession, setSessionCookie } from "../../http/auth";

export const loginRateLimit = { max: 10, timeWindowMs: 60_000 };

// Verifying against a dummy hash for unknown users keeps the answer time the same (no user probing).
let dummyHash: Promise<string> | null = null;
const dummy = () => {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return dummyHash;
};

export function sessionInfo(s: Session, clock: { tzOffsetMin: number; now: number }): SessionInfo {
  return {
    username: s.user.username,
    displayName: s.user.displayName,
    role: s.user.role,
    prisonId: s.user.prisonId,
    expiresAt: s.expiresAt,
    tzOffsetMin: clock.tzOffsetMin,
    now: clock.now,
  };
}

/** What logging in and out needs: the users, the sessions, the log, the clock and the bureau's offset. */
export interface SessionRouteDeps {
  users: ReadonlyMap<string, User>;
  sessions: SessionStore;
  commit: Commit;
  config: Config;
  now: () => number;
}

const clockOf = (d: SessionRouteDeps) => ({ tzOffsetMin: d.config.rollcalls.tzOffsetMin, now: d.now() });

const userAgent = (req: FastifyRequest) => String(req.headers["user-agent"] ?? "").slice(0, 256);

export function sessionRoutes(app: FastifyInstance, deps: SessionRouteDeps): void {
  const { users, sessions, commit } = deps;
  app.post(
    "/api/v1/session",
    {
      config: {
        auth: "public",
        rateLimit: {
          max: loginRateLimit.max,
          timeWindow: loginRateLimit.timeWindowMs,
          hook: "preHandler",
          keyGenerator: (req: FastifyRequest) => {
            const u = (req.body as { username?: unknown } | null)?.username;
            return `${req.ip}|${typeof u === "string" ? u.slice(0, 64) : ""}`;
          },
        },
      },
    },
    async (req, reply) => {
      const r = parseWith(zLogin, req.body);
      if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.field);
      const { username, password } = r.value;
      const user = users.get(username);
      const ok = await verifyPassword(password, user?.passwordHash ?? (await dummy()));
      if (!user || !ok) {
        await commit([
          { type: "login.failed", actor: "anonymous", data: { username, ip: req.ip, userAgent: userAgent(req) } },
        ]);
        throw new AppError("bad_credentials");
      }
      const id = newSessionId();
      const now = deps.now();
      const expiresAt = now + sessions.ttlMs;
      const sessionHash = hashSessionId(id);
      await commit([
        {
          type: "session.opened",
          actor: userActor(user.username),
          data: { sessionHash, username: user.username, expiresAt, ip: req.ip, userAgent: userAgent(req) },
        },
      ]);
      setSessionCookie(reply, id, expiresAt, now, req.protocol === "https");
      return sessionInfo({ hash: sessionHash, user, expiresAt }, clockOf(deps));
    },
  );

  app.get("/api/v1/session", async (req) => sessionInfo(requireSession(req), clockOf(deps)));

  app.delete("/api/v1/session", async (req, reply) => {
    const s = requireSession(req);
    await commit([
      { type: "session.closed", actor: userActor(s.user.username), data: { sessionHash: s.hash, reason: "logout" } },
    ]);
    clearSessionCookie(reply);
    return reply.code(204).send();
  });
}
