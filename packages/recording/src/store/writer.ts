// Writes one stream's segments into its recording files: one file at a time, the init segment at offset 0
// and each segment's bytes appended exactly as the packager made them (no copy, no remux), then its index
// record. The record is written only after its bytes are, so after a kill -9 every indexed segment is
// whole and at most the segment being written is lost (recovery truncates it). Starts a new file on a new
// stream, a codec change, a discontinuity, a gap, or when the file is long or big enough. Owns the open
// file's handles and its queue; never blocks the caller (append only queues) and never deletes a sealed file.
import type { SegmentEvent } from "@cw/streams";
import type { Catalog, StoredFile } from "./catalog";
import { type Disk, type DiskFile, isDiskFull } from "./disk";
import { mediaName, openIndexName, sealedIndexName } from "./fileNames";
import { encodeRecord, type IndexRecord, RECORD_BYTES } from "./indexRecord";

export interface WriterOptions {
  /** A file is closed once it holds this much time (10 minutes by default). */
  fileMs: number;
  maxFileBytes: number;
  /** A jump of wall time larger than this between segments starts a new file (shows as a gap). */
  gapMs: number;
  /** Segments waiting for the disk beyond this are dropped (oldest first) and the file is cut. */
  maxQueue: number;
}

export interface OpenFile {
  entry: StoredFile;
  media: DiskFile;
  index: DiskFile;
  records: IndexRecord[];
  mediaEnd: number;
  stream: number;
  initVersion: number;
}

/** Why recording stopped: the disk is full, the quota is reached (retention), or a write failed otherwise. */
export type WriterFault = { kind: "disk_full" | "quota_full" | "write_failed"; message: string };

export class StreamWriter {
  private file: OpenFile | null = null;
  private readonly queue: SegmentEvent[] = [];
  private draining: Promise<void> | null = null;
  private lastEnd = -Infinity;
  private cutPending = false;
  /** Set after a failed write: later segments are dropped until resume(). */
  fault: WriterFault | null = null;
  dropped = 0;
  bytesWritten = 0;

  constructor(
    private readonly key: string,
    private readonly dir: string,
    private readonly disk: Disk,
    private readonly catalog: Catalog,
    private readonly opts: WriterOptions,
    private readonly onFault: (key: string, fault: WriterFault) => void,
    private readonly onWritten: () => void = () => {},
  ) {}

  /** Records of the open file (the store serves them without reading the index back). */
  openFile(): OpenFile | null {
    return this.file;
  }

  append(ev: SegmentEvent): void {
    if (this.fault || !ev.segment.bytes) {
      this.dropped++;
      return;
    }
    this.queue.push(ev);
    if (this.queue.length > this.opts.maxQueue) {
      this.queue.shift();
      this.dropped++;
      this.cutPending = true; // what follows is not contiguous with what is on disk
    }
    this.draining ??= this.drain();
  }

  /** Resolves once everything queued so far is on disk (or dropped by a fault). */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Flushes and seals the open file (recording stopped, the stream ended, shutdown). */
  async finish(): Promise<void> {
    await this.flush();
    await this.seal();
  }

  resume(): void {
    this.fault = null;
  }

  private async drain(): Promise<void> {
    try {
      for (let ev = this.queue.shift(); ev; ev = this.queue.shift()) {
        try {
          await this.write(ev);
        } catch (err) {
          await this.fail(err);
        }
      }
    } finally {
      this.draining = null;
    }
  }

  private async write(ev: SegmentEvent): Promise<void> {
    const seg = ev.segment;
    const bytes = seg.bytes!;
    // Start times never go back: the packager's wall-clock anchor may settle a few ms earlier.
    let start = Math.max(seg.programDateTime, this.lastEnd);
    if (this.needsNewFile(ev, bytes.length)) {
      await this.seal();
      await this.open(start, ev);
    }
    const f = this.file!;
    start = Math.max(start, f.entry.start);
    await f.media.write(bytes, f.mediaEnd);
    const rec: IndexRecord = { startMs: start, durationMs: seg.durationMs, offset: f.mediaEnd, length: bytes.length };
    await f.index.write(encodeRecord(rec), f.records.length * RECORD_BYTES);
    f.records.push(rec);
    f.mediaEnd += bytes.length;
    this.bytesWritten += bytes.length + RECORD_BYTES;
    this.lastEnd = start + seg.durationMs;
    this.catalog.grow(f.entry, this.lastEnd, f.mediaEnd);
    this.onWritten();
  }

  private needsNewFile(ev: SegmentEvent, length: number): boolean {
    const f = this.file;
    const seg = ev.segment;
    if (!f || this.cutPending) return true;
    return (
      ev.stream !== f.stream ||
      seg.initVersion !== f.initVersion ||
      seg.discontinuity ||
      seg.programDateTime - this.lastEnd > this.opts.gapMs ||
      this.lastEnd - f.entry.start >= this.opts.fileMs ||
      f.mediaEnd + length > this.opts.maxFileBytes
    );
  }

  private async open(start: number, ev: SegmentEvent): Promise<void> {
    this.cutPending = false;
    await this.disk.mkdir(this.dir);
    // Two files of one stream never share a start (a restart within the same millisecond moves on by one).
    const last = this.catalog.files(this.key).at(-1);
    if (last && start <= last.start) start = last.start + 1;
    const media = await this.disk.create(`${this.dir}/${mediaName(start)}`);
    let index: DiskFile;
    try {
      await media.write(ev.init, 0);
      index = await this.disk.create(`${this.dir}/${openIndexName(start)}`);
    } catch (err) {
      await media.close().catch(() => {});
      await this.disk.unlink(`${this.dir}/${mediaName(start)}`).catch(() => {});
      throw err;
    }
    const entry: StoredFile = { start, end: start, bytes: ev.init.length, sealed: false };
    this.catalog.add(this.key, entry);
    this.file = {
      entry,
      media,
      index,
      records: [],
      mediaEnd: ev.init.length,
      stream: ev.stream,
      initVersion: ev.segment.initVersion,
    };
    this.bytesWritten += ev.init.length;
  }

  /** Closes the open file: renamed to its sealed index name, or removed when it holds no segment. */
  private async seal(): Promise<void> {
    const f = this.file;
    if (!f) return;
    this.file = null;
    const { start } = f.entry;
    const openIdx = `${this.dir}/${openIndexName(start)}`;
    try {
      await f.media.sync();
      await f.index.sync();
    } catch {
      // A failed sync leaves what the kernel has; recovery at the next start re-checks the index anyway.
    }
    await f.media.close().catch(() => {});
    await f.index.close().catch(() => {});
    if (f.records.length === 0) {
      this.catalog.remove(this.key, start);
      await this.disk.unlink(openIdx).catch(() => {});
      await this.disk.unlink(`${this.dir}/${mediaName(start)}`).catch(() => {});
      return;
    }
    await this.disk.rename(openIdx, `${this.dir}/${sealedIndexName(start, f.entry.end, f.mediaEnd)}`);
    f.entry.sealed = true;
  }

  private async fail(err: unknown): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    this.fault = { kind: isDiskFull(err) ? "disk_full" : "write_failed", message };
    this.dropped += this.queue.length;
    this.queue.length = 0;
    const f = this.file;
    if (f) {
      // Take back a half-written segment or record, so the file on disk is exactly what the index says.
      await f.media.truncate(f.mediaEnd).catch(() => {});
      await f.index.truncate(f.records.length * RECORD_BYTES).catch(() => {});
      await this.seal().catch(() => {});
    }
    this.cutPending = true;
    this.onFault(this.key, this.fault);
  }
}
