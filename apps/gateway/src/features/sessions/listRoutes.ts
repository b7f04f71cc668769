// A user's sessions and their revocation: GET /api/v1/users/{username}/sessions and DELETE
// /api/v1/sessions/{sessionId}. An administrator (users.manage) sees and revokes anyone's; every user their
// own. A revoked session dies at once: HTTP in the same fold, its live socket when the hub re-checks.
import { userActor } from "@cw/alerts";
import { AppError, can, orThrow, parseWith, type SessionView, zUsername } from "@cw/protocol";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { type Session, sessionHashPrefix } from "../../auth/sessions";
import { requireSession } from "../../http/auth";
import type { SessionRouteDeps } from "./info";

const zUserParams = z.object({ username: zUsername });
const zSessionParams = z.object({ sessionId: z.string().regex(/^[0-9a-f]{16}$/, "a session id is 16 hex digits") });

function mayManage(s: Session, username: string): void {
  if (s.user.username !== username && !can(s.user.role, "users.manage")) {
    throw new AppError("forbidden", "only an administrator (users.manage) sees or revokes another user's sessions");
  }
}

export function sessionListRoutes(app: FastifyInstance, deps: SessionRouteDeps): void {
  app.get("/api/v1/users/:username/sessions", async (req) => {
    const s = requireSession(req);
    const { username } = orThrow(parseWith(zUserParams, req.params));
    mayManage(s, username);
    if (!deps.directory.get(username)) throw new AppError("not_found", `no user ${username}`, "username");
    const own = sessionHashPrefix(s.hash);
    const sessions: SessionView[] = deps.sessions.ofUser(username).map((e) => ({
      sessionId: e.id,
      username: e.username,
      openedAt: e.openedAt,
      expiresAt: e.expiresAt,
      ip: e.ip,
      userAgent: e.userAgent,
      current: e.id === own,
    }));
    return { sessions };
  });

  app.delete("/api/v1/sessions/:sessionId", async (req, reply) => {
    const s = requireSession(req);
    const { sessionId } = orThrow(parseWith(zSessionParams, req.params));
    const hash = deps.sessions.hashOf(sessionId);
    const target = hash === null ? null : deps.sessions.entry(hash);
    if (hash === null || target === null) throw new AppError("not_found", `no open session ${sessionId}`, "sessionId");
    mayManage(s, target.username);
    await deps.commit([
      { type: "session.closed", actor: userActor(s.user.username), data: { sessionHash: hash, reason: "revoked" } },
    ]);
    return reply.code(204).send();
  });
}
