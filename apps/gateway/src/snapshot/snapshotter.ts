// State snapshots in the running gateway: restore the newest usable one at start (so only the log's
// tail is replayed), then take one whenever policy.ts says so and at a clean shutdown. The parts are
// the core's projections; each hands out its state as plain data and takes it back (StatePart).
// A snapshot is a cache: a missing, foreign or unreadable one only means a longer replay.
import type { EventLog, StoredEvent } from "../eventlog/types";
import { encodeSnapshot, eventMark, SNAPSHOT_FORMAT, type SnapshotCandidate, writeSnapshotFile } from "./file";
import { QUIET_RATE, snapshotAtClose, snapshotDue } from "./policy";

/** A projection that can hand out its state as v8-serialisable data and take it back. */
export interface StatePart {
  snapshot(): unknown;
  restore(data: unknown): void;
}

export interface SnapshotLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface RestoreOptions {
  /** The snapshots, newest first (file.ts snapshotCandidates; the core may have read the first already). */
  candidates: AsyncIterable<SnapshotCandidate>;
  eventLog: Pick<EventLog, "get" | "lastSeq">;
  parts: Readonly<Record<string, StatePart>>;
  log: SnapshotLog;
}

/**
 * Restores the newest snapshot that matches the log into `parts`; returns its seq (0: none, replay all).
 * Throws only when a part fails to take a snapshot that read back whole: the parts are then half
 * restored and the caller must rebuild them and replay from 0.
 */
export async function restoreLatest(o: RestoreOptions): Promise<number> {
  for await (const c of o.candidates) {
    const s = c.snapshot;
    if (s === null) {
      o.log.warn({ path: c.path, problem: c.problem }, "state snapshot skipped");
      continue;
    }
    if (s.seq > o.eventLog.lastSeq) {
      o.log.warn(
        { path: c.path, seq: s.seq, lastSeq: o.eventLog.lastSeq },
        "state snapshot is ahead of the log: skipped",
      );
      continue;
    }
    const [e] = s.seq > 0 ? await o.eventLog.get([s.seq]) : [];
    if (e === undefined || eventMark(e) !== s.mark) {
      o.log.warn({ path: c.path, seq: s.seq }, "state snapshot does not match this log: skipped");
      continue;
    }
    const missing = Object.keys(o.parts).filter((k) => !(k in s.parts));
    if (missing.length > 0) {
      o.log.warn({ path: c.path, missing }, "state snapshot lacks parts: skipped");
      continue;
    }
    for (const [name, part] of Object.entries(o.parts)) part.restore(s.parts[name]);
    return s.seq;
  }
  return 0;
}

export interface SnapshotterOptions {
  dir: string;
  fingerprint: string;
  every: number;
  parts: Readonly<Record<string, StatePart>>;
  log: SnapshotLog;
  now: () => number;
  /** The seq the state was restored at (its snapshot exists already). */
  restoredSeq: number;
  /** What the log would like kept with the snapshot to reopen faster (EventLog.hint). */
  logHint?: () => unknown;
  checkMs?: number;
}

export class Snapshotter {
  private last: StoredEvent | null = null;
  private snappedSeq: number;
  private liveCount = 0;
  private quietSeconds = 0;
  private writing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly o: SnapshotterOptions) {
    this.snappedSeq = o.restoredSeq;
  }

  /** The core calls this for every folded event (replayed: live = false). */
  folded(e: StoredEvent, live: boolean): void {
    this.last = e;
    if (live) this.liveCount++;
  }

  /** The seq the start restored from (0: the whole log was replayed). */
  get restoredSeq(): number {
    return this.o.restoredSeq;
  }

  get sinceSnapshot(): number {
    return (this.last?.seq ?? this.snappedSeq) - this.snappedSeq;
  }

  start(): void {
    if (this.o.every <= 0 || this.timer !== null) return;
    const ms = this.o.checkMs ?? 1000;
    this.timer = setInterval(() => {
      const rate = (this.liveCount * 1000) / ms;
      this.liveCount = 0;
      this.quietSeconds = rate < QUIET_RATE ? this.quietSeconds + ms / 1000 : 0;
      if (snapshotDue({ sinceSnapshot: this.sinceSnapshot, quietSeconds: this.quietSeconds, every: this.o.every })) {
        void this.take();
      }
    }, ms);
    this.timer.unref();
  }

  /** Takes a snapshot of the state as it is now (one at a time; a second call while writing waits for it). */
  take(): Promise<void> {
    if (this.writing !== null) return this.writing;
    const e = this.last;
    if (e === null || e.seq <= this.snappedSeq) return Promise.resolve();
    const t0 = performance.now();
    let bytes: Buffer;
    try {
      const parts: Record<string, unknown> = {};
      for (const [name, part] of Object.entries(this.o.parts)) parts[name] = part.snapshot();
      bytes = encodeSnapshot({
        format: SNAPSHOT_FORMAT,
        fingerprint: this.o.fingerprint,
        seq: e.seq,
        mark: eventMark(e),
        takenAt: this.o.now(),
        parts,
        log: this.o.logHint?.(),
      });
    } catch (err) {
      this.o.log.error({ err }, "state snapshot could not be encoded");
      return Promise.resolve();
    }
    const encodeMs = performance.now() - t0;
    this.writing = writeSnapshotFile(this.o.dir, e.seq, bytes)
      .then((path) => {
        this.snappedSeq = Math.max(this.snappedSeq, e.seq);
        this.o.log.info(
          {
            path,
            seq: e.seq,
            bytes: bytes.length,
            encodeMs: Math.round(encodeMs),
            ms: Math.round(performance.now() - t0),
          },
          "state snapshot written",
        );
      })
      .catch((err: unknown) => this.o.log.warn({ err }, "state snapshot could not be written"))
      .finally(() => {
        this.writing = null;
      });
    return this.writing;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    if (this.writing !== null) await this.writing;
    if (snapshotAtClose({ sinceSnapshot: this.sinceSnapshot, every: this.o.every })) await this.take();
  }
}
