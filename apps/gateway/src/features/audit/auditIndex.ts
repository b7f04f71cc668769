// The audit view of the log: every stored event, newest first, filtered by type/actor/time and paged
// by seq. In memory it keeps only columns (seq, at, type id, actor id: ~22 bytes an event, so a million
// events cost ~22 MB and snapshot as four typed arrays); a page's payloads are fetched from the log by
// seq (EventLog.get). Shows actors as the wire always has (events/actor.ts shownActor), rows old and new
// alike. Redacts secrets from event data; never changes the log.

import type { AuditEvent, AuditPage, AuditQuery } from "@cw/protocol";
import type { EventLog, StoredEvent } from "../../eventlog/types";
import { shownActor } from "../../events/actor";
import type { LoggedEvent } from "../../events/map";

const secretFields = new Set(["sessionHash", "publishKey", "passwordHash"]);

function redact(data: unknown): unknown {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return data;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) if (!secretFields.has(k)) out[k] = v;
  return out;
}

/** Strings to small ids (0 is reserved for null). */
class Interner {
  readonly names: Array<string | null>;
  private readonly ids = new Map<string, number>();

  constructor(names: ReadonlyArray<string | null> = [null]) {
    this.names = [...names];
    for (const [i, n] of this.names.entries()) if (n !== null) this.ids.set(n, i);
  }

  id(name: string | null): number {
    if (name === null) return 0;
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.ids.set(name, id);
    }
    return id;
  }

  find(name: string): number | undefined {
    return this.ids.get(name);
  }
}

/** What a snapshot keeps of the index (plain data and typed arrays: v8-serialisable). */
export interface AuditSnapshot {
  size: number;
  seq: Float64Array;
  at: Float64Array;
  type: Uint32Array;
  actor: Uint32Array;
  types: Array<string | null>;
  actors: Array<string | null>;
}

export class AuditIndex {
  private n = 0;
  private seq = new Float64Array(1024);
  private at = new Float64Array(1024);
  private type = new Uint32Array(1024);
  private actor = new Uint32Array(1024);
  private types = new Interner();
  private actors = new Interner();

  constructor(private readonly log: Pick<EventLog, "get">) {}

  fold(_e: LoggedEvent, e: StoredEvent): void {
    if (this.n === this.seq.length) this.grow();
    const i = this.n++;
    this.seq[i] = e.seq;
    this.at[i] = e.at;
    this.type[i] = this.types.id(e.type);
    this.actor[i] = this.actors.id(shownActor(e.actor));
  }

  private grow(): void {
    const size = this.seq.length * 2;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    const u32 = (a: Uint32Array) => {
      const b = new Uint32Array(size);
      b.set(a);
      return b;
    };
    this.seq = f64(this.seq);
    this.at = f64(this.at);
    this.type = u32(this.type);
    this.actor = u32(this.actor);
  }

  async query(q: AuditQuery): Promise<AuditPage> {
    // Type filter → the set of matching type ids (a prefix ending in '.' matches a family).
    let typeOk: ((id: number) => boolean) | null = null;
    if (q.type !== undefined) {
      const want = q.type;
      const ok = new Set<number>();
      for (const [id, name] of this.types.names.entries()) {
        if (name !== null && (want.endsWith(".") ? name.startsWith(want) : name === want)) ok.add(id);
      }
      typeOk = (id) => ok.has(id);
    }
    let actorId: number | null = null;
    if (q.actor !== undefined) {
      const id = this.actors.find(q.actor);
      if (id === undefined) return { events: [], next: null };
      actorId = id;
    }
    const seqs: number[] = [];
    let next: number | null = null;
    for (let i = this.n - 1; i >= 0; i--) {
      const seq = this.seq[i] as number;
      if (q.before !== undefined && seq >= q.before) continue;
      if (q.since !== undefined && (this.at[i] as number) < q.since) continue;
      if (typeOk !== null && !typeOk(this.type[i] as number)) continue;
      if (actorId !== null && this.actor[i] !== actorId) continue;
      if (seqs.length === q.limit) {
        next = seqs[seqs.length - 1] ?? null;
        break;
      }
      seqs.push(seq);
    }
    const events: AuditEvent[] = (await this.log.get(seqs)).map((e) => ({
      seq: e.seq,
      at: e.at,
      type: e.type,
      actor: shownActor(e.actor),
      data: redact(e.data),
    }));
    return { events, next };
  }

  get size(): number {
    return this.n;
  }

  snapshot(): AuditSnapshot {
    return {
      size: this.n,
      seq: this.seq.slice(0, this.n),
      at: this.at.slice(0, this.n),
      type: this.type.slice(0, this.n),
      actor: this.actor.slice(0, this.n),
      types: this.types.names,
      actors: this.actors.names,
    };
  }

  restore(s: AuditSnapshot): void {
    const room = Math.max(1024, 2 ** Math.ceil(Math.log2(s.size + 1)));
    this.seq = new Float64Array(room);
    this.seq.set(s.seq);
    this.at = new Float64Array(room);
    this.at.set(s.at);
    this.type = new Uint32Array(room);
    this.type.set(s.type);
    this.actor = new Uint32Array(room);
    this.actor.set(s.actor);
    this.types = new Interner(s.types);
    this.actors = new Interner(s.actors);
    this.n = s.size;
  }
}
