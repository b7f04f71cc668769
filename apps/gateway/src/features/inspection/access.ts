// Who may do what with the daily inspection, in the policy table's words: inspection.inspect (the
// bureau chief and the commander see and act), rectifications.view/report (a prison operator, its own
// prison's only), inspection.verify (anyone logged in: that is its point). Pure, over a session.
import { AppError, can, type InspectionChange, inScope, scopeOf } from "@cw/protocol";
import { requireCan } from "../../auth/guard";
import type { Session } from "../../auth/sessions";
import type { Caller } from "./service";

export function requireInspector(session: Session): Caller {
  requireCan(session, "inspection.inspect");
  return { username: session.user.username, scope: null };
}

export function actorOf(session: Session): Caller {
  return { username: session.user.username, scope: scopeOf(session) };
}

/** A finding's pictures: inspectors, or an operator of the finding's prison (others: not found). */
export function requireFindingReader(session: Session, prisonId: string | undefined): void {
  requireCan(session, "rectifications.view");
  if (prisonId === undefined || !inScope(scopeOf(session), prisonId))
    throw new AppError("not_found", "No such finding.");
}

/** Whether a live change reaches a session: inspectors hear all, a prison's rectifiers its findings. */
export function hearsChange(session: Session, c: InspectionChange): boolean {
  const { role } = session.user;
  if (can(role, "inspection.inspect")) return true;
  const scope = scopeOf(session);
  return can(role, "rectifications.view") && scope !== null && inScope(scope, c.prisonId);
}
