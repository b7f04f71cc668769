// The shapes every part of the gateway's event map shares: a map of event type → zod schema of its
// data, the typed event read back from the log (with seq) and the typed event to append. Owns no event.
import type { Actor } from "@cw/alerts";
import type { z } from "zod";

/** Event type → the zod schema of its `data`. Schemas have no transforms: data parses back to itself. */
export type EventSchemas = Readonly<Record<string, z.ZodType>>;

/** Event type → its data's type. */
export type DataOf<S extends EventSchemas> = { [K in keyof S]: z.output<S[K]> };

/** A logged event of map M: seq from the log, `at` when it became true, who did it, its data. */
export type Logged<M, K extends keyof M = keyof M> = {
  [T in K]: { seq: number; at: number; type: T; actor: Actor; data: M[T] };
}[K];

/** An event of map M to append (`at` defaults to the append time). */
export type Appended<M, K extends keyof M = keyof M> = {
  [T in K]: { type: T; actor: Actor; data: M[T]; at?: number };
}[K];
