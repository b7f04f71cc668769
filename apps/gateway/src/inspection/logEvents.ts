// The inspection's bridge to the gateway's event log: a logged event is an inspection-domain event when
// its type is in @cw/alerts' event map. The log keeps a bare username (or null for the system); the
// domain writes `user:<name>` / `system`. Replayed events are parsed, so a hand-edited journal line
// that no longer fits its schema is skipped (and the verify page says the day has no valid draw).
import { type DomainEvent, parseEvent, SYSTEM_ACTOR } from "@cw/alerts";
import type { NewEvent, StoredEvent } from "../eventlog/types";

const prefixes = [
  "inspection.",
  "finding.",
  "rectification.",
  "alarm.",
  "rollcall.",
  "obligation.",
  "deadline.",
  "order.",
];

export function toLogEvent(e: DomainEvent): NewEvent {
  const actor = e.actor === SYSTEM_ACTOR ? null : e.actor.startsWith("user:") ? e.actor.slice(5) : e.actor;
  return { type: e.type, actor, data: e.data, at: e.at };
}

/** The domain event of a stored one, or null (another area's event, or malformed). */
export function fromLogEvent(e: StoredEvent): DomainEvent | null {
  if (!prefixes.some((p) => e.type.startsWith(p))) return null;
  const actor = e.actor === null ? SYSTEM_ACTOR : e.actor.includes(":") ? e.actor : `user:${e.actor}`;
  const parsed = parseEvent({ type: e.type, at: e.at, actor, data: e.data });
  return parsed.ok ? parsed.value : null;
}

/** Only the inspection record's own events (what the projection folds and the live topic announces). */
export function isInspectionType(type: string): boolean {
  return type.startsWith("inspection.") || type.startsWith("finding.") || type.startsWith("rectification.");
}
