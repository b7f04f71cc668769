// PUT /api/v1/session/password {current, next}: the logged-in user chooses a new password (also the
// forced change after a reset: the one request besides who-am-I and logout such a session may make). A
// wrong current password counts as a failed login (lockout); the new one passes the password rules and
// differs from the current. Answers the session info (mustChangePassword gone); the session stays.
import { userActor } from "@cw/alerts";
import { AppError, orThrow, parseWith, zPasswordChange } from "@cw/protocol";
import type { FastifyInstance } from "fastify";
import { hashPassword, verifyPassword } from "../../auth/password";
import { requireSession } from "../../http/auth";
import { checkPassword } from "../users/service";
import { clockOf, type SessionRouteDeps, sessionInfo, userAgent } from "./info";

export function passwordRoutes(app: FastifyInstance, deps: SessionRouteDeps): void {
  app.put("/api/v1/session/password", { config: { beforePasswordChange: true } }, async (req) => {
    const s = requireSession(req);
    const { current, next } = orThrow(parseWith(zPasswordChange, req.body));
    const username = s.user.username;
    if (deps.directory.lockout.account(username, deps.now())) throw new AppError("locked");
    if (!(await verifyPassword(current, s.user.passwordHash))) {
      await deps.commit([
        {
          type: "login.failed",
          actor: userActor(username),
          data: { username, ip: req.ip, userAgent: userAgent(req), reason: "password_change" },
        },
      ]);
      throw new AppError("bad_credentials", "the current password is wrong", "current");
    }
    orThrow(checkPassword(next, username, deps.common, "next"));
    if (next === current)
      throw new AppError("weak_password", "next: choose a password other than the current one", "next");
    const passwordHash = await hashPassword(next);
    await deps.commit([
      {
        type: "user.password.set",
        actor: userActor(username),
        data: { username, passwordHash, mustChangePassword: false, reason: "changed" },
      },
    ]);
    const user = deps.directory.active(username);
    if (!user) throw new AppError("unauthenticated");
    return sessionInfo({ ...s, user }, clockOf(deps));
  });
}
