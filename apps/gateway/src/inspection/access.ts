// Who may do what with the daily inspection: the bureau chief and the commander see and act; a prison
// operator sees and reports on its own prison's rectifications only; verification is open to anyone
// logged in (that is its point). Pure role arithmetic over a session.
import { AppError, type InspectionChange, type Role } from "@cw/protocol";
import { requireRole, scopeOf } from "../auth/guard";
import type { Session } from "../auth/sessions";
import type { Actor } from "./service";

export const inspectors: readonly Role[] = ["chief", "commander"];
export const rectificationReaders: readonly Role[] = ["chief", "commander", "operator"];

export function requireInspector(session: Session): Actor {
  requireRole(session, inspectors);
  return { username: session.user.username, scope: null };
}

export function actorOf(session: Session): Actor {
  return { username: session.user.username, scope: scopeOf(session) };
}

/** A finding's pictures: inspectors, or an operator of the finding's prison (others: not found). */
export function requireFindingReader(session: Session, prisonId: string | undefined): void {
  requireRole(session, rectificationReaders);
  const scope = scopeOf(session);
  if (prisonId === undefined || (scope !== null && scope !== prisonId))
    throw new AppError("not_found", "No such finding.");
}

/** Whether a live change reaches a session: inspectors hear all, an operator its prison's findings. */
export function hearsChange(session: Session, c: InspectionChange): boolean {
  if (inspectors.includes(session.user.role)) return true;
  return session.user.role === "operator" && c.prisonId !== null && c.prisonId === scopeOf(session);
}
