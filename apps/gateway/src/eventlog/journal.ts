// The file journal: DATA_DIR/journal/events.jsonl, one JSON event per line, appended and fsync'd
// before an append resolves. Appends arriving in the same tick share one write + fsync (group commit).
// At open it checks every line; a torn LAST line (a crash mid-write) is cut off with a warning, any
// other bad line stops the start with the line number. It never rewrites history.
import { fstatSync, readFileSync, readSync } from "node:fs";
import { type FileHandle, mkdir, open } from "node:fs/promises";
import { join } from "node:path";
import { LineOffsets } from "./offsets";
import type { EventLog, NewEvent, StoredEvent } from "./types";

export interface JournalLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JournalOptions {
  /** Directory holding events.jsonl (created if missing). */
  dir: string;
  /** A state snapshot's line index (EventLog.hint): only the lines after it are checked at open. */
  hint?: unknown;
  log?: JournalLog;
  now?: () => number;
}

interface Pending {
  events: NewEvent[];
  resolve(stored: StoredEvent[]): void;
  reject(err: Error): void;
}

export const journalFileName = "events.jsonl";

/** Checks one parsed line; returns a reason when it is not a valid next event. */
function invalidEvent(e: unknown, expectedSeq: number): string | null {
  if (typeof e !== "object" || e === null) return "not a JSON object";
  const r = e as Record<string, unknown>;
  if (r.seq !== expectedSeq) return `seq ${String(r.seq)} where ${expectedSeq} was expected`;
  if (typeof r.at !== "number") return "field 'at' is not a number";
  if (typeof r.type !== "string" || r.type === "") return "field 'type' is not a non-empty string";
  if (r.actor !== null && typeof r.actor !== "string") return "field 'actor' is not a string or null";
  if (!("data" in r)) return "field 'data' is missing";
  return null;
}

const SLOW_PATH = "slow path";
const HEAD = Buffer.from('{"seq":');
const AT = Buffer.from(',"at":');
const TYPE = Buffer.from(',"type":"');
const DATA = Buffer.from(',"data":');
const QUOTE = 0x22;
const CLOSE = 0x7d; // }

/**
 * The cheap check for lines this journal wrote itself (`{"seq":N,"at":…,"data":…}`, seq in order, a
 * closing brace, a non-empty type), on the bytes: no string per line. Parsing every line twice (here and again at replay)
 * doubled start-up at a million events. The last line (the one a crash can tear) and any line not in that
 * shape take the full JSON check; a middle line that passes here but is not valid JSON still stops the
 * replay with its seq (see read()).
 */
function quickCheck(buf: Buffer, start: number, end: number, expectedSeq: number, isLast: boolean): string | null {
  if (isLast || end - start < 32 || buf[end - 1] !== CLOSE) return SLOW_PATH;
  if (buf.compare(HEAD, 0, HEAD.length, start, start + HEAD.length) !== 0) return SLOW_PATH;
  let i = start + HEAD.length;
  let seq = 0;
  for (let c = buf[i] as number; c >= 0x30 && c <= 0x39 && i < end; c = buf[++i] as number) seq = seq * 10 + c - 0x30;
  if (i === start + HEAD.length || buf.compare(AT, 0, AT.length, i, i + AT.length) !== 0) return SLOW_PATH;
  i += AT.length;
  const atStart = i;
  for (let c = buf[i] as number; ((c >= 0x30 && c <= 0x39) || c === 0x2e) && i < end; c = buf[++i] as number) {}
  if (i === atStart || buf.compare(TYPE, 0, TYPE.length, i, i + TYPE.length) !== 0) return SLOW_PATH;
  if (buf[i + TYPE.length] === QUOTE) return SLOW_PATH;
  const data = buf.indexOf(DATA, i);
  if (data === -1 || data >= end) return SLOW_PATH;
  return seq === expectedSeq ? null : `seq ${seq} where ${expectedSeq} was expected`;
}

interface Scan {
  lastSeq: number;
  validBytes: number;
  tornLine: string | null;
  offsets: LineOffsets;
}

/**
 * Scans `buf` (the file from byte `base`, where seq `from.seq` + 1 starts): returns the last seq, the
 * byte length of the valid prefix (absolute) and every line's offset (appended to `from.offsets`).
 */
function scan(buf: Buffer, path: string, from = { seq: 0, base: 0, offsets: new LineOffsets() }): Scan {
  const { offsets, base } = from;
  let offset = 0;
  let lastSeq = from.seq;
  let lineNo = from.seq;
  while (offset < buf.length) {
    const nl = buf.indexOf(0x0a, offset);
    const end = nl === -1 ? buf.length : nl;
    lineNo++;
    const isLast = nl === -1 || nl === buf.length - 1;
    let reason: string | null = quickCheck(buf, offset, end, lastSeq + 1, isLast);
    if (reason === SLOW_PATH) {
      try {
        reason = invalidEvent(JSON.parse(buf.toString("utf8", offset, end)), lastSeq + 1);
      } catch {
        reason = "not valid JSON";
      }
    }
    if (nl === -1) reason ??= "no trailing newline";
    if (reason !== null) {
      if (isLast) return { lastSeq, validBytes: base + offset, tornLine: `line ${lineNo}: ${reason}`, offsets };
      throw new Error(
        `event journal ${path} line ${lineNo}: ${reason}. The journal is never rewritten automatically: ` +
          "restore it from a backup or move it aside to start with an empty log.",
      );
    }
    lastSeq++;
    offsets.push(base + offset);
    offset = end + 1;
  }
  return { lastSeq, validBytes: base + buf.length, tornLine: null, offsets };
}

/**
 * The line index a state snapshot keeps (EventLog.hint): the offsets of seqs 1..seq and where the line
 * after seq starts. With it, a start checks only the lines after it instead of the whole file.
 */
export interface JournalIndex {
  kind: "journal-index";
  seq: number;
  bytes: number;
  offsets: Float64Array;
}

function isJournalIndex(x: unknown): x is JournalIndex {
  const h = x as Partial<JournalIndex> | null;
  return (
    typeof h === "object" &&
    h !== null &&
    h.kind === "journal-index" &&
    Number.isInteger(h.seq) &&
    Number.isInteger(h.bytes) &&
    h.offsets instanceof Float64Array &&
    h.offsets.length === h.seq
  );
}

/**
 * Resumes the scan after a snapshot's index when the file still agrees with it (long enough, the index's
 * last line is that seq and ends where the index says); null means "scan it all".
 */
function scanFromIndex(fd: number, size: number, path: string, h: JournalIndex): Scan | null {
  if (h.seq < 1 || h.bytes > size) return null;
  const lastStart = h.offsets[h.seq - 1] as number;
  const head = Buffer.from(`{"seq":${h.seq},`);
  const probe = Buffer.alloc(h.bytes - lastStart);
  if (readSync(fd, probe, 0, probe.length, lastStart) !== probe.length) return null;
  if (probe.compare(head, 0, head.length, 0, head.length) !== 0 || probe[probe.length - 1] !== 0x0a) return null;
  const tail = Buffer.allocUnsafe(size - h.bytes);
  if (readSync(fd, tail, 0, tail.length, h.bytes) !== tail.length) return null;
  return scan(tail, path, { seq: h.seq, base: h.bytes, offsets: LineOffsets.from(h.offsets) });
}

const READ_CHUNK = 8 * 1024 * 1024;

function parseLine(line: string, path: string): StoredEvent {
  try {
    return JSON.parse(line) as StoredEvent;
  } catch {
    throw new Error(
      `event journal ${path}: a line that is not valid JSON (${line.slice(0, 40)}…); restore the journal from a backup`,
    );
  }
}

class Journal implements EventLog {
  private pending: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private scheduled = false;
  private closed = false;
  private readonly listeners = new Set<(e: StoredEvent) => void>();

  constructor(
    private readonly fh: FileHandle,
    private readonly path: string,
    private seq: number,
    private size: number,
    private readonly offsets: LineOffsets,
    private readonly now: () => number,
    private readonly log: JournalLog | undefined,
  ) {}

  get lastSeq(): number {
    return this.seq;
  }

  append(events: NewEvent[]): Promise<StoredEvent[]> {
    if (this.closed) return Promise.reject(new Error("event log is closed"));
    if (events.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.pending.push({ events, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    // setImmediate: every append issued in this tick joins the same write + fsync.
    setImmediate(() => {
      this.scheduled = false;
      this.flushing = this.flush().finally(() => {
        this.flushing = null;
        if (this.pending.length > 0) this.schedule();
      });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    const stored: StoredEvent[][] = [];
    let next = this.seq;
    const lines: string[] = [];
    const starts: number[] = [];
    let at = this.size;
    for (const p of batch) {
      const out = p.events.map((e) => ({
        seq: ++next,
        at: e.at ?? this.now(),
        type: e.type,
        actor: e.actor,
        data: e.data ?? null,
      }));
      stored.push(out);
      for (const e of out) {
        const line = JSON.stringify(e);
        lines.push(line);
        starts.push(at);
        at += Buffer.byteLength(line) + 1;
      }
    }
    const bytes = Buffer.from(lines.join("\n") + "\n", "utf8");
    try {
      await this.fh.write(bytes, 0, bytes.length, this.size);
      await this.fh.datasync();
    } catch (err) {
      // Leave no half-batch behind: a later append must not follow a torn line.
      await this.fh.truncate(this.size).catch(() => undefined);
      const error = err instanceof Error ? err : new Error(String(err));
      this.log?.error({ err: error, path: this.path }, "event journal write failed");
      for (const p of batch) p.reject(error);
      return;
    }
    this.size += bytes.length;
    this.seq = next;
    for (const o of starts) this.offsets.push(o);
    for (const [i, p] of batch.entries()) p.resolve(stored[i] ?? []);
    for (const group of stored) for (const e of group) this.emit(e);
  }

  private emit(e: StoredEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch (err) {
        this.log?.error({ err, seq: e.seq }, "event log subscriber threw");
      }
    }
  }

  async *read(afterSeq: number): AsyncIterable<StoredEvent> {
    const upTo = this.seq;
    if (afterSeq >= upTo) return;
    // Large reads and a hand-rolled line split: readline's per-line machinery and 64 KiB chunks cost
    // more than the JSON parsing at a million events.
    const fh = await open(this.path, "r");
    const chunk = Buffer.allocUnsafe(READ_CHUNK);
    let carry: Buffer = Buffer.alloc(0);
    let position = this.offsets.of(Math.max(1, afterSeq + 1));
    try {
      for (;;) {
        const want = Math.min(READ_CHUNK, this.size - position);
        if (want <= 0) break;
        const { bytesRead } = await fh.read(chunk, 0, want, position);
        if (bytesRead === 0) break;
        position += bytesRead;
        const buf =
          carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
        let start = 0;
        for (let nl = buf.indexOf(0x0a, start); nl !== -1; nl = buf.indexOf(0x0a, start)) {
          if (nl > start) {
            const e = parseLine(buf.toString("utf8", start, nl), this.path);
            if (e.seq > afterSeq) {
              yield e;
              if (e.seq >= upTo) return;
            }
          }
          start = nl + 1;
        }
        carry = Buffer.from(buf.subarray(start));
      }
    } finally {
      await fh.close();
    }
  }

  async get(seqs: readonly number[]): Promise<StoredEvent[]> {
    if (seqs.length === 0) return [];
    const fh = await open(this.path, "r");
    try {
      const out: StoredEvent[] = [];
      for (const seq of seqs) {
        if (seq > this.seq) throw new RangeError(`no event ${seq}: the log ends at ${this.seq}`);
        const start = this.offsets.of(seq);
        const end = seq < this.offsets.size ? this.offsets.of(seq + 1) : this.size;
        const line = Buffer.allocUnsafe(end - start);
        await fh.read(line, 0, line.length, start);
        out.push(parseLine(line.toString("utf8").trimEnd(), this.path));
      }
      return out;
    } finally {
      await fh.close();
    }
  }

  hint(): JournalIndex {
    return { kind: "journal-index", seq: this.seq, bytes: this.size, offsets: this.offsets.copy(this.seq) };
  }

  subscribe(listener: (e: StoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.flushing || this.scheduled || this.pending.length > 0) {
      if (this.flushing) await this.flushing;
      else await new Promise((r) => setImmediate(r));
    }
    this.listeners.clear();
    await this.fh.close();
  }
}

/** Opens (or creates) the journal in `dir`, validating every line. */
export async function openJournal(opts: JournalOptions): Promise<EventLog> {
  await mkdir(opts.dir, { recursive: true });
  const path = join(opts.dir, journalFileName);
  const fh = await open(path, "a+");
  try {
    // Synchronous reads: at start nothing else is waiting, and readFile's 512 KiB async chunks left the
    // process idle for most of a second at a million events.
    const size = fstatSync(fh.fd).size;
    const resumed = isJournalIndex(opts.hint) ? scanFromIndex(fh.fd, size, path, opts.hint) : null;
    if (opts.hint !== undefined && resumed === null) {
      opts.log?.warn({ path }, "event journal: the snapshot's line index does not fit the file; checking every line");
    }
    const { lastSeq, validBytes, tornLine, offsets } = resumed ?? scan(readFileSync(path), path);
    if (tornLine !== null) {
      opts.log?.warn({ path, tornLine, cutBytes: size - validBytes }, "event journal: cut a torn last line");
      await fh.truncate(validBytes);
      await fh.datasync();
    }
    return new Journal(fh, path, lastSeq, validBytes, offsets, opts.now ?? Date.now, opts.log);
  } catch (err) {
    await fh.close();
    throw err;
  }
}
