// The one actor spelling (@cw/alerts Actor: user:<name>, feed:<prison>, system[:<part>], anonymous) as
// it meets the log. Owns: reading the actor of a stored row, including rows written before the typed
// event map, and the spelling the audit trail, screens, presets and templates have always shown on the
// wire. Never: decides who may do what (policy) or parses event data.
import { type Actor, isActor, SYSTEM_ACTOR, userActor } from "@cw/alerts";

/**
 * The actor of a stored row. Rows written before the typed event map (up to commit 45c84d1) named a
 * user bare ("duty") and the gateway as null (the inspection's draws) or "system"; a failed login had
 * null. Those read as `user:duty`, `system` and `anonymous`; rows written since carry the actor itself.
 */
export function actorOfRow(type: string, stored: string | null): Actor {
  if (stored === null) return type === "login.failed" ? "anonymous" : SYSTEM_ACTOR;
  return isActor(stored) ? stored : userActor(stored);
}

/**
 * How an actor has always been shown by the audit trail (`GET /api/v1/audit`), a screen's `updatedBy`,
 * a preset's `updatedBy` and a template's `savedBy`: a bare username, null for nobody, anything else as
 * is (`system:alarm`, `feed:pj`). Takes stored rows of either age too (a bare name stays bare).
 */
export function shownActor(actor: string | null): string | null {
  if (actor === null || actor === "anonymous") return null;
  return actor.startsWith("user:") ? actor.slice(5) : actor;
}
