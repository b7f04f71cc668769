// What a decider returns: the events to append (and a result for the HTTP answer), or an error as data
// from the one catalogue. Deciders never throw on bad input and never touch state: the caller appends
// the events to the log and folds them.
import type { ApiError, ErrorCode } from "@cw/protocol";
import type { Actor, DomainEvent } from "./events";

export type Decision<R> = { ok: true; events: DomainEvent[]; result: R } | { ok: false; error: ApiError };

export function accept<R>(events: DomainEvent[], result: R): Decision<R> {
  return { ok: true, events, result };
}

export function reject<R = never>(code: ErrorCode, message: string, field?: string): Decision<R> {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}

/** Who acts and when. */
export interface ActContext {
  now: number;
  actor: Actor;
}
