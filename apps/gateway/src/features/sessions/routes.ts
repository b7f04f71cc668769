// POST /api/v1/session (log in: lockout check, scrypt check, session.opened logged, HttpOnly cookie), GET
// (who am I), DELETE (log out: session.closed logged; its HLS tokens die with it). Login is rate-limited
// per IP + username; failed attempts are logged and lock the account or the address after too many
// (features/users/lockout.ts). The password and the sessions list are in passwordRoutes.ts and listRoutes.ts.

import { randomBytes } from "node:crypto";
import { userActor } from "@cw/alerts";
import { AppError, parseWith, zLogin } from "@cw/protocol";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { hashPassword, verifyPassword } from "../../auth/password";
import { hashSessionId, newSessionId } from "../../auth/sessions";
import { clearSessionCookie, requireSession, setSessionCookie } from "../../http/auth";
import type { UserDirectory } from "../users/directory";
import { clockOf, type SessionRouteDeps, sessionInfo, userAgent } from "./info";

export const loginRateLimit = { max: 10, timeWindowMs: 60_000 };

// Verifying against a dummy hash for unknown users keeps the answer time the same (no user probing).
let dummyHash: Promise<string> | null = null;
export const dummy = () => {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return dummyHash;
};

/** The refusal for a locked address or account, or null when neither is locked. */
function lockFor(directory: UserDirectory, username: string, ip: string, now: number): AppError | null {
  const byAddress = directory.lockout.address(ip, now);
  const lock = byAddress ?? directory.lockout.account(username, now);
  if (!lock) return null;
  const until =
    lock.until === null ? "until an administrator unlocks it" : `until ${new Date(lock.until).toISOString()}`;
  return new AppError("locked", `too many failed logins: this ${byAddress ? "address" : "account"} is locked ${until}`);
}

export function sessionRoutes(app: FastifyInstance, deps: SessionRouteDeps): void {
  const { directory, sessions, commit } = deps;
  const refused = (req: FastifyRequest, username: string, reason: "bad_credentials" | "locked" | "disabled") =>
    commit([
      { type: "login.failed", actor: "anonymous", data: { username, ip: req.ip, userAgent: userAgent(req), reason } },
    ]);
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
      const locked = lockFor(directory, username, req.ip, deps.now());
      if (locked) {
        await refused(req, username, "locked");
        throw locked;
      }
      const user = directory.get(username);
      const ok = await verifyPassword(password, user?.passwordHash ?? (await dummy()));
      if (!user || !ok) {
        await refused(req, username, "bad_credentials");
        // The failure that crossed the line says so at once.
        throw lockFor(directory, username, req.ip, deps.now()) ?? new AppError("bad_credentials");
      }
      if (user.disabled) {
        await refused(req, username, "disabled");
        throw new AppError("account_disabled");
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

  app.get("/api/v1/session", { config: { beforePasswordChange: true } }, async (req) =>
    sessionInfo(requireSession(req), clockOf(deps)),
  );

  app.delete("/api/v1/session", { config: { beforePasswordChange: true } }, async (req, reply) => {
    const s = requireSession(req);
    await commit([
      { type: "session.closed", actor: userActor(s.user.username), data: { sessionHash: s.hash, reason: "logout" } },
    ]);
    clearSessionCookie(reply);
    return reply.code(204).send();
  });
}
