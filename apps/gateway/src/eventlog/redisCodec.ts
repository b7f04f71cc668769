// How events sit in a Redis stream, and the Lua script that appends them. Pure: no client, no I/O.
//
// One stream entry per event. Its id is `<seq>-0`: the stream id IS the sequence number, so there is
// no second key (a counter) that could drift from the stream, and Redis itself refuses an id that does
// not grow. Fields: type, at (unix ms), data (JSON), actor (absent when null), readable with redis-cli.
import type { NewEvent, StoredEvent } from "./types";

/**
 * Appends a batch atomically: the next seq is the last entry's id + 1, and every event of the batch is
 * XADDed with an explicit id in one script run, so no other gateway's append can interleave and seqs
 * stay dense across gateways. KEYS[1] = stream; ARGV = per event: field count, then field/value pairs.
 * Returns the first seq. If the stream was trimmed to nothing, XADD refuses `1-0` (below the stream's
 * last-generated id) and the script fails before writing anything: an error, never a reused seq.
 */
export const APPEND_SCRIPT = `
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local seq = 0
if last[1] then seq = tonumber(string.match(last[1][1], '^(%d+)%-')) end
local first = seq + 1
local i = 1
while i <= #ARGV do
  local n = tonumber(ARGV[i])
  local fields = {}
  for k = 1, n do fields[k] = ARGV[i + k] end
  seq = seq + 1
  redis.call('XADD', KEYS[1], string.format('%d-0', seq), unpack(fields))
  i = i + n + 1
end
return first
`;

/** The script's ARGV for a batch (events already carry their `at`). */
export function encodeBatch(events: Array<NewEvent & { at: number }>): string[] {
  const argv: string[] = [];
  for (const e of events) {
    const fields = ["type", e.type, "at", String(e.at), "data", JSON.stringify(e.data ?? null)];
    if (e.actor !== null) fields.push("actor", e.actor);
    argv.push(String(fields.length), ...fields);
  }
  return argv;
}

export function entryId(seq: number): string {
  return `${seq}-0`;
}

/** The seq of an entry id written by APPEND_SCRIPT; throws on anything else (someone else's entry). */
export function seqOfId(id: string): number {
  const m = /^(\d{1,15})-0$/.exec(id);
  if (m === null || m[1] === undefined) {
    throw new Error(`stream entry ${id} was not written by the Command Wall event log (ids are <seq>-0)`);
  }
  return Number(m[1]);
}

/** One raw XRANGE/XREAD entry (RESP2): [id, [field, value, field, value, …]] → a stored event. */
export function decodeEntry(raw: unknown, stream: string): StoredEvent {
  if (!Array.isArray(raw) || typeof raw[0] !== "string" || !Array.isArray(raw[1])) {
    throw new Error(`stream ${stream}: an entry is not [id, fields]`);
  }
  const id = raw[0];
  const flat = raw[1] as unknown[];
  const f = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const k = flat[i];
    const v = flat[i + 1];
    if (typeof k === "string" && typeof v === "string") f.set(k, v);
  }
  const bad = (why: string) =>
    new Error(`stream ${stream} entry ${id}: ${why}; the log is never repaired automatically`);
  const type = f.get("type");
  const at = Number(f.get("at"));
  const dataText = f.get("data");
  if (type === undefined || type === "") throw bad("field 'type' is missing");
  if (!Number.isFinite(at)) throw bad("field 'at' is not a number");
  if (dataText === undefined) throw bad("field 'data' is missing");
  let data: unknown;
  try {
    data = JSON.parse(dataText);
  } catch {
    throw bad("field 'data' is not JSON");
  }
  return { seq: seqOfId(id), at, type, actor: f.get("actor") ?? null, data };
}

/** Raw XRANGE reply → events. */
export function decodeRange(raw: unknown, stream: string): StoredEvent[] {
  if (!Array.isArray(raw)) throw new Error(`stream ${stream}: XRANGE did not answer an array`);
  return raw.map((entry) => decodeEntry(entry, stream));
}

/**
 * Raw XREAD reply (one stream, RESP2: null or [[name, entries]]) → events after `afterSeq`: entries this
 * gateway already has (its own appends, which the tail reads back) are skipped by id, not decoded.
 */
export function decodeRead(raw: unknown, stream: string, afterSeq = 0): StoredEvent[] {
  if (raw === null) return [];
  if (!Array.isArray(raw)) throw new Error(`stream ${stream}: XREAD did not answer an array`);
  const first = raw[0] as unknown;
  if (!Array.isArray(first)) return [];
  const entries = first[1] as unknown;
  if (!Array.isArray(entries)) throw new Error(`stream ${stream}: XREAD did not answer an array`);
  const fresh = entries.filter((entry) => {
    const id = Array.isArray(entry) ? (entry[0] as unknown) : null;
    return typeof id !== "string" || seqOfId(id) > afterSeq;
  });
  return decodeRange(fresh, stream);
}
