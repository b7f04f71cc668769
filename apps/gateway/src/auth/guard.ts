// Who may do what: role checks and operator scoping (an operator reaches only its own prison; asking
// for another prison's camera is 403, not 404). Throws AppError; the HTTP error handler answers.
import { AppError, type Role } from "@cw/protocol";
import type { Session } from "./sessions";

export function requireRole(session: Session, roles: readonly Role[]): void {
  if (!roles.includes(session.user.role)) {
    throw new AppError("forbidden", `this needs one of the roles: ${roles.join(", ")}`);
  }
}

/** The prison a session is limited to, or null for the whole province. */
export const scopeOf = (session: Session): string | null =>
  session.user.role === "operator" ? session.user.prisonId : null;

export function requirePrison(session: Session, prisonId: string): void {
  const scope = scopeOf(session);
  if (scope !== null && scope !== prisonId) throw new AppError("forbidden", "this camera belongs to another prison");
}

export const canSeePrison = (session: Session, prisonId: string): boolean => {
  const scope = scopeOf(session);
  return scope === null || scope === prisonId;
};
