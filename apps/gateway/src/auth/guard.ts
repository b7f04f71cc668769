// The gateway's side of the policy table (@cw/protocol policy.ts): a route asks for a capability and
// gets a 403 when the session's role lacks it; prison scoping (an operator reaches only its own prison;
// asking for another prison's camera is 403, not 404). Throws AppError; the HTTP error handler answers.
// Never lists roles itself: who holds what is the table's.
import { AppError, type Capability, can, inScope, rolesWith, scopeOf } from "@cw/protocol";
import type { Session } from "./sessions";

export function requireCan(session: Session, capability: Capability): void {
  if (!can(session.user.role, capability)) {
    throw new AppError("forbidden", `this needs ${capability}: roles ${rolesWith(capability).join(", ")}`);
  }
}

export function requirePrison(session: Session, prisonId: string): void {
  if (!inScope(scopeOf(session), prisonId)) throw new AppError("forbidden", "this camera belongs to another prison");
}

export const canSeePrison = (session: Session, prisonId: string): boolean => inScope(scopeOf(session), prisonId);
