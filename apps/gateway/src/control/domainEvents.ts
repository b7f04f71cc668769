// The bridge between the gateway's event log and the control-plane domain: a logged event is a
// DomainEvent when its type is in @cw/alerts' event map. Actors differ only in spelling: the log keeps
// usernames bare (the audit filters by them) and the domain writes `user:<name>`; `feed:<prison>`,
// `system` and `system:<part>` are the same on both sides (a username never contains ':').
// Trusts what the log holds (it was validated before it was appended): no zod on the replay path.
import { type DomainEvent, type EventType, eventSchemas, SYSTEM_ACTOR } from "@cw/alerts";
import type { NewEvent, StoredEvent } from "../eventlog/types";

export function isControlType(type: string): type is EventType {
  return Object.hasOwn(eventSchemas, type);
}

export function logActor(domainActor: string): string | null {
  if (domainActor === SYSTEM_ACTOR) return SYSTEM_ACTOR;
  return domainActor.startsWith("user:") ? domainActor.slice(5) : domainActor;
}

export function domainActor(logActor: string | null): string {
  if (logActor === null) return SYSTEM_ACTOR;
  return logActor.includes(":") || logActor === SYSTEM_ACTOR ? logActor : `user:${logActor}`;
}

/** The domain view of a logged event, or null for events of other areas (sessions, cameras, wall). */
export function toDomain(e: StoredEvent): DomainEvent | null {
  if (!isControlType(e.type)) return null;
  return { type: e.type, at: e.at, actor: domainActor(e.actor), data: e.data } as DomainEvent;
}

export function toLog(e: DomainEvent): NewEvent {
  return { type: e.type, at: e.at, actor: logActor(e.actor), data: e.data };
}

/** `user:<name>` for a session's user: the actor the deciders record. */
export const userActor = (username: string): string => `user:${username}`;
