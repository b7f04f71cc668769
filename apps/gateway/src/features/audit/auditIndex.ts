// The audit view of the log: every stored event, newest first, filtered by actor, prison, camera, type
// and time and paged by seq. In memory it keeps only columns (seq, at, type, actor, camera and prison
// ids: ~30 bytes an event, so a million events cost ~30 MB and snapshot as typed arrays); a page's
// payloads are fetched from the log by seq (EventLog.get). What an event is about comes from its data
// (@cw/protocol auditSubject); an alarm's later events (acknowledged, resolved) are about the alarm's camera. Shows actors as the wire always has (events/actor.ts shownActor), rows old and new
// alike. Redacts secrets from event data; never changes the log.

import { type AuditEvent, type AuditPage, type AuditQuery, auditSubject } from "@cw/protocol";
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

/**
 * The event's data as this reader may read it. Any camera it may not see that the data names — a screen's
 * tiles or alarm tile, a group's camera list — is withheld: a value is null in its place and
 * `cameraWithheld: true` is added; a camera group's list drops such cameras and says how many
 * (`cameraIdsWithheld`): the group and its roles are no secret, its restricted cameras are.
 */
function readable(type: string, data: unknown, sees: (value: string) => boolean): unknown {
  let withheld = false;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      if (sees(v)) return v;
      withheld = true;
      return null;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== "object" || v === null) return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
  };
  const d = redact(data);
  if (type === "cameraGroup.saved" && typeof d === "object" && d !== null) {
    const ids = (d as { cameraIds?: unknown }).cameraIds;
    if (Array.isArray(ids)) {
      const seen = ids.filter((id) => typeof id === "string" && sees(id));
      if (seen.length < ids.length) return { ...d, cameraIds: seen, cameraIdsWithheld: ids.length - seen.length };
    }
    return d;
  }
  const out = walk(d);
  return withheld && typeof out === "object" && out !== null && !Array.isArray(out)
    ? { ...out, cameraWithheld: true }
    : out;
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
  camera: Uint32Array;
  prison: Uint32Array;
  types: Array<string | null>;
  actors: Array<string | null>;
  cameras: Array<string | null>;
  prisons: Array<string | null>;
  alarms: Map<string, [number, number]>;
}

/** What a query may also be limited by: the cameras the asking session may see (camera groups). */
export interface AuditReader {
  sees(cameraId: string): boolean;
}

const readsAll: AuditReader = { sees: () => true };

/** The filters and a page size (the CSV reads in pages larger than the API's). */
export type AuditFilter = Omit<AuditQuery, "limit"> & { limit: number };

export interface AuditRow {
  event: AuditEvent;
  cameraId: string | null;
  prisonId: string | null;
}

export class AuditIndex {
  private n = 0;
  private seq = new Float64Array(1024);
  private at = new Float64Array(1024);
  private type = new Uint32Array(1024);
  private actor = new Uint32Array(1024);
  private camera = new Uint32Array(1024);
  private prison = new Uint32Array(1024);
  private types = new Interner();
  private actors = new Interner();
  private cameras = new Interner();
  private prisons = new Interner();
  /** Alarm id → [camera id, prison id] (interned), so its acknowledgement is found by camera and prison. */
  private alarms = new Map<string, [number, number]>();

  /** `cameraPrison`: the prison of a camera the event names without its prison (the live catalogue). */
  constructor(
    private readonly log: Pick<EventLog, "get">,
    private readonly cameraPrison: (cameraId: string) => string | undefined = () => undefined,
  ) {}

  fold(typed: LoggedEvent, e: StoredEvent): void {
    if (this.n === this.seq.length) this.grow();
    const i = this.n++;
    this.seq[i] = e.seq;
    this.at[i] = e.at;
    this.type[i] = this.types.id(e.type);
    this.actor[i] = this.actors.id(shownActor(e.actor));
    const s = auditSubject(typed.type, typed.data);
    let cam = this.cameras.id(s.cameraId);
    let prison = this.prisons.id(s.prisonId ?? (s.cameraId === null ? null : (this.cameraPrison(s.cameraId) ?? null)));
    if (s.alarmId !== null) {
      const known = this.alarms.get(s.alarmId);
      if (typed.type === "alarm.raised") this.alarms.set(s.alarmId, [cam, prison]);
      else if (known !== undefined) {
        cam ||= known[0];
        prison ||= known[1];
      }
    }
    this.camera[i] = cam;
    this.prison[i] = prison;
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
    this.camera = u32(this.camera);
    this.prison = u32(this.prison);
  }

  /** The names the trail holds (for the filters): actors and types as logged. */
  actorNames(): string[] {
    return this.actors.names.filter((n): n is string => n !== null);
  }
  typeNames(): string[] {
    return this.types.names.filter((n): n is string => n !== null);
  }

  /** A page of the trail, newest first: the events as logged (secrets removed). */
  async query(q: AuditFilter, reader: AuditReader = readsAll): Promise<AuditPage> {
    const { rows, next } = await this.rows(q, reader);
    return { events: rows.map((r) => r.event), next };
  }

  /** The same page, each event with the camera and prison it is about (for the CSV's names). */
  async rows(q: AuditFilter, reader: AuditReader = readsAll): Promise<{ rows: AuditRow[]; next: number | null }> {
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
      if (id === undefined) return { rows: [], next: null };
      actorId = id;
    }
    const wanted = (interner: Interner, id: string | undefined): number | null | undefined =>
      id === undefined ? null : interner.find(id);
    const cameraId = wanted(this.cameras, q.cameraId);
    const prisonId = wanted(this.prisons, q.prisonId);
    if (cameraId === undefined || prisonId === undefined) return { rows: [], next: null };
    // The camera ids this reader may not see (asked once per camera, not once per row).
    const hidden = new Map<number, boolean>();
    const isHidden = (cam: number): boolean => {
      let h = hidden.get(cam);
      if (h === undefined) {
        h = !reader.sees(this.cameras.names[cam] ?? "");
        hidden.set(cam, h);
      }
      return h;
    };
    const seqs: number[] = [];
    const at = new Map<number, number>();
    let next: number | null = null;
    for (let i = this.n - 1; i >= 0; i--) {
      const seq = this.seq[i] as number;
      if (q.before !== undefined && seq >= q.before) continue;
      const when = this.at[i] as number;
      if (q.from !== undefined && when < q.from) continue;
      if (q.to !== undefined && when >= q.to) continue;
      if (typeOk !== null && !typeOk(this.type[i] as number)) continue;
      if (actorId !== null && this.actor[i] !== actorId) continue;
      if (cameraId !== null && this.camera[i] !== cameraId) continue;
      if (prisonId !== null && this.prison[i] !== prisonId) continue;
      const cam = this.camera[i] as number;
      if (cam !== 0 && isHidden(cam)) continue;
      if (seqs.length === q.limit) {
        next = seqs[seqs.length - 1] ?? null;
        break;
      }
      seqs.push(seq);
      at.set(seq, i);
    }
    // Whether the reader may see a value that might be a camera id (asked once per distinct string).
    const seenValues = new Map<string, boolean>();
    const sees = (v: string): boolean => {
      const known = seenValues.get(v);
      if (known !== undefined) return known;
      const ok = v.length > 64 || reader.sees(v);
      seenValues.set(v, ok);
      return ok;
    };
    const rows = (await this.log.get(seqs)).map((e): AuditRow => {
      const i = at.get(e.seq) ?? 0;
      return {
        event: { seq: e.seq, at: e.at, type: e.type, actor: shownActor(e.actor), data: readable(e.type, e.data, sees) },
        cameraId: this.cameras.names[this.camera[i] ?? 0] ?? null,
        prisonId: this.prisons.names[this.prison[i] ?? 0] ?? null,
      };
    });
    return { rows, next };
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
      camera: this.camera.slice(0, this.n),
      prison: this.prison.slice(0, this.n),
      types: this.types.names,
      actors: this.actors.names,
      cameras: this.cameras.names,
      prisons: this.prisons.names,
      alarms: this.alarms,
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
    this.camera = new Uint32Array(room);
    this.camera.set(s.camera);
    this.prison = new Uint32Array(room);
    this.prison.set(s.prison);
    this.types = new Interner(s.types);
    this.actors = new Interner(s.actors);
    this.cameras = new Interner(s.cameras);
    this.prisons = new Interner(s.prisons);
    this.alarms = new Map(s.alarms);
    this.n = s.size;
  }
}
