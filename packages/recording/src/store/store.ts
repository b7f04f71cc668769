// The recording store of one directory tree: `<root>/<stream key>/<start>.mp4` + index, a catalogue of
// them in memory, one writer per stream. Opening it recovers what a crash left; appending queues a
// segment (never blocks the media path); reads answer from memory (the catalogue, an open file's records,
// a small cache of sealed indexes). Owns the files under root and their catalogue; never decides what to
// record (the recorder does) or what to delete (retention does, through remove()).
import type { SegmentEvent } from "@cw/streams";
import { Catalog, type Span, type StoredFile, spansOf } from "./catalog";
import { type Disk, nodeDisk } from "./disk";
import { mediaName, sealedIndexName, streamKeyPattern } from "./fileNames";
import { decodeRecords, type IndexRecord } from "./indexRecord";
import { scanStream } from "./recovery";
import { StreamWriter, type WriterFault, type WriterOptions } from "./writer";

export interface StoreOptions extends Partial<WriterOptions> {
  root: string;
  disk?: Disk;
  /** Files of one stream closer than this are one span on the timeline. Default 2 500 ms. */
  joinMs?: number;
  /**
   * A writer failed. Disk full suspends every writer (they share the disk); a fault is reported once,
   * and again only after recording recovered in between.
   */
  onFault?: (key: string, fault: WriterFault) => void;
  /** After a reported fault, the first segment written again. */
  onRecovered?: () => void;
}

export interface StoreFault extends WriterFault {
  key: string;
}

const SEALED_CACHE = 256;

export class RecordingStore {
  readonly catalog = new Catalog();
  readonly root: string;
  private readonly disk: Disk;
  private readonly writerOpts: WriterOptions;
  private readonly joinMs: number;
  private readonly writers = new Map<string, StreamWriter>();
  private readonly sealed = new Map<string, IndexRecord[]>();
  private readonly onFault: (key: string, fault: WriterFault) => void;
  private readonly onRecovered: () => void;
  /** A fault was reported and no segment has been written since. */
  private faultReported = false;
  /** Why writing is suspended (disk full, quota reached), or null while recording. */
  suspended: StoreFault | null = null;
  recovered = 0;
  /** Counters of writers already finished (stats() adds the running ones). */
  private retired = { bytesWritten: 0, dropped: 0 };

  private constructor(opts: StoreOptions) {
    this.root = opts.root;
    this.disk = opts.disk ?? nodeDisk;
    this.joinMs = opts.joinMs ?? 2500;
    this.writerOpts = {
      fileMs: opts.fileMs ?? 10 * 60_000,
      maxFileBytes: opts.maxFileBytes ?? 2 ** 31,
      gapMs: opts.gapMs ?? 2000,
      maxQueue: opts.maxQueue ?? 30,
    };
    this.onFault = opts.onFault ?? (() => {});
    this.onRecovered = opts.onRecovered ?? (() => {});
  }

  /** Opens the tree, recovering files left open by a crash. */
  static async open(opts: StoreOptions): Promise<RecordingStore> {
    const store = new RecordingStore(opts);
    await store.disk.mkdir(store.root);
    for (const key of await store.disk.readdir(store.root)) {
      if (!streamKeyPattern.test(key)) continue;
      const scan = await scanStream(store.disk, store.dir(key));
      for (const f of scan.files) store.catalog.add(key, f);
      store.recovered += scan.recovered;
    }
    return store;
  }

  dir(key: string): string {
    return `${this.root}/${key}`;
  }

  mediaPath(key: string, start: number): string {
    return `${this.dir(key)}/${mediaName(start)}`;
  }

  /** Queues a segment for `key`. Dropped while suspended. */
  append(key: string, ev: SegmentEvent): void {
    if (this.suspended) return;
    let w = this.writers.get(key);
    if (!w) {
      w = new StreamWriter(
        key,
        this.dir(key),
        this.disk,
        this.catalog,
        this.writerOpts,
        (k, f) => this.fault(k, f),
        () => this.written(),
      );
      this.writers.set(key, w);
    }
    w.append(ev);
  }

  /** Seals `key`'s open file (its recording stopped). */
  async finish(key: string): Promise<void> {
    const w = this.writers.get(key);
    if (!w) return;
    this.writers.delete(key);
    await w.finish();
    this.retired.bytesWritten += w.bytesWritten;
    this.retired.dropped += w.dropped;
  }

  /** Resolves when every queued segment is on disk. */
  async flush(): Promise<void> {
    await Promise.all([...this.writers.values()].map((w) => w.flush()));
  }

  /** Stops every writer (reported through onFault unless already reported); resume() lifts it. */
  suspend(fault: StoreFault): void {
    if (this.suspended) return;
    this.suspended = fault;
    for (const w of this.writers.values()) w.fault ??= fault;
    this.report(fault.key, fault);
  }

  /** Lifts a suspension and every writer's fault: the next segments try the disk again. */
  resume(): void {
    this.suspended = null;
    for (const w of this.writers.values()) w.resume();
  }

  /** Whether anything stopped writing (suspended, or one writer failed). */
  get faulted(): boolean {
    if (this.suspended) return true;
    for (const w of this.writers.values()) if (w.fault) return true;
    return false;
  }

  files(key: string, from: number, to: number): StoredFile[] {
    return this.catalog.overlapping(key, from, to);
  }

  spans(key: string, from: number, to: number): Span[] {
    return spansOf(this.catalog.overlapping(key, from, to), from, to, this.joinMs);
  }

  /** The index of one file: the writer's records while open, else read once and cached. */
  async records(key: string, file: StoredFile): Promise<readonly IndexRecord[]> {
    const open = this.writers.get(key)?.openFile();
    if (open && open.entry === file) return open.records.slice();
    if (!file.sealed) return [];
    const id = `${key}/${file.start}`;
    const hit = this.sealed.get(id);
    if (hit) {
      this.sealed.delete(id); // refresh its place in the LRU order
      this.sealed.set(id, hit);
      return hit;
    }
    const name = sealedIndexName(file.start, file.end, file.bytes);
    const { records } = decodeRecords(await this.disk.readFile(`${this.dir(key)}/${name}`));
    this.sealed.set(id, records);
    if (this.sealed.size > SEALED_CACHE) this.sealed.delete(this.sealed.keys().next().value!);
    return records;
  }

  /** Bytes of a file (init, segments) — the export reads pieces through this. */
  read(key: string, start: number, position: number, length: number): Promise<Buffer> {
    return this.disk.read(this.mediaPath(key, start), position, length);
  }

  /**
   * Deletes a sealed file (retention). The index goes first: a crash in between leaves a media file
   * without an index, which the next start removes. Returns false for an open or unknown file.
   */
  async remove(key: string, start: number): Promise<boolean> {
    const f = this.catalog.files(key).find((x) => x.start === start);
    if (!f?.sealed) return false;
    this.catalog.remove(key, start);
    this.sealed.delete(`${key}/${start}`);
    await this.disk.unlink(`${this.dir(key)}/${sealedIndexName(f.start, f.end, f.bytes)}`);
    await this.disk.unlink(this.mediaPath(key, start));
    return true;
  }

  stats(): { bytesWritten: number; dropped: number; writers: number; totalBytes: number } {
    let { bytesWritten, dropped } = this.retired;
    for (const w of this.writers.values()) {
      bytesWritten += w.bytesWritten;
      dropped += w.dropped;
    }
    return { bytesWritten, dropped, writers: this.writers.size, totalBytes: this.catalog.totalBytes };
  }

  /** Seals every open file. */
  async close(): Promise<void> {
    const all = [...this.writers.keys()];
    await Promise.all(all.map((k) => this.finish(k)));
  }

  private fault(key: string, f: WriterFault): void {
    if (f.kind === "disk_full") this.suspend({ ...f, key });
    else this.report(key, f);
  }

  private report(key: string, f: WriterFault): void {
    if (this.faultReported) return;
    this.faultReported = true;
    this.onFault(key, f);
  }

  private written(): void {
    if (!this.faultReported) return;
    this.faultReported = false;
    this.onRecovered();
  }
}
