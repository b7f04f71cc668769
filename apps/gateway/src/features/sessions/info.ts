// What the session routes share: the session info a login and who-am-I answer, the bureau's clock, the
// browser's name as logged, and the routes' dependencies.
import type { SessionInfo } from "@cw/protocol";
import type { FastifyRequest } from "fastify";
import type { Session, SessionStore } from "../../auth/sessions";
import type { Config } from "../../config";
import type { Commit } from "../../events/codec";
import type { UserDirectory } from "../users/directory";

export function sessionInfo(s: Session, clock: { tzOffsetMin: number; now: number }): SessionInfo {
  return {
    username: s.user.username,
    displayName: s.user.displayName,
    role: s.user.role,
    prisonId: s.user.prisonId,
    expiresAt: s.expiresAt,
    tzOffsetMin: clock.tzOffsetMin,
    now: clock.now,
    ...(s.user.mustChangePassword ? { mustChangePassword: true } : {}),
  };
}

/** What logging in and out needs: the directory, the sessions, the log, the clock and the bureau's offset. */
export interface SessionRouteDeps {
  directory: UserDirectory;
  sessions: SessionStore;
  commit: Commit;
  config: Config;
  now: () => number;
  common: ReadonlySet<string>;
}

export const clockOf = (d: Pick<SessionRouteDeps, "config" | "now">) => ({
  tzOffsetMin: d.config.rollcalls.tzOffsetMin,
  now: d.now(),
});

export const userAgent = (req: FastifyRequest) => String(req.headers["user-agent"] ?? "").slice(0, 256);
