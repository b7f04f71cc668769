// Between the log's rows (eventlog/types.ts: type string, actor string|null, data unknown — what the
// journal and Redis store) and the gateway's typed events (map.ts). Owns the one place where stored
// data becomes typed: on the way in, every event is checked against its schema before it is written
// (encode), so on the way back the replay trusts what the log holds (decode: no zod per event — a
// million-event start folds in seconds, see docs/benchmarks.md). parseRow is the checked reading, for
// tests and tools that want proof. Rows of types this gateway does not know decode to null.
import { fromZod, type Result } from "@cw/protocol";
import type { EventLog, NewEvent, StoredEvent } from "../eventlog/types";
import { actorOfRow } from "./actor";
import { type GatewayEvent, gatewayEvents, isGatewayType, type LoggedEvent } from "./map";

/** A stored row as a typed event, trusted (it was checked by encode), or null for an unknown type. */
export function decodeRow(row: StoredEvent): LoggedEvent | null {
  if (!isGatewayType(row.type)) return null;
  const e = { seq: row.seq, at: row.at, type: row.type, actor: actorOfRow(row.type, row.actor), data: row.data };
  return e as LoggedEvent;
}

/** A stored row as a typed event, its data parsed with the map's schema. */
export function parseRow(row: StoredEvent): Result<LoggedEvent> {
  if (!isGatewayType(row.type)) {
    return { ok: false, error: { code: "validation", message: `type: unknown event type ${row.type}`, field: "type" } };
  }
  const parsed = gatewayEvents[row.type].safeParse(row.data);
  if (!parsed.success) {
    const err = fromZod(parsed.error);
    return { ok: false, error: { ...err, field: err.field === undefined ? "data" : `data.${err.field}` } };
  }
  const e = { seq: row.seq, at: row.at, type: row.type, actor: actorOfRow(row.type, row.actor), data: row.data };
  return { ok: true, value: e as LoggedEvent };
}

/** An event as the log stores it, after checking its data against its schema (a failure is a bug here). */
export function encode(e: GatewayEvent): NewEvent {
  const checked = gatewayEvents[e.type].safeParse(e.data);
  if (!checked.success) throw new Error(`event ${e.type} does not fit its schema: ${fromZod(checked.error).message}`);
  return e.at === undefined
    ? { type: e.type, actor: e.actor, data: e.data }
    : { type: e.type, actor: e.actor, data: e.data, at: e.at };
}

/** Appends typed events durably and answers them as read back (what every feature's commit is). */
export type Commit = (events: readonly GatewayEvent[]) => Promise<LoggedEvent[]>;

export function committer(log: Pick<EventLog, "append">): Commit {
  return async (events) => {
    const rows = await log.append(events.map(encode));
    return rows.flatMap((row) => decodeRow(row) ?? []);
  };
}
