// The instant-replay buffer: the last few minutes of every stream being watched, whether or not its
// camera has a recording plan, so a live tile can step back 10 s / 30 s / 2 min. It is a recording store
// of its own (short files, same format, same playlist) under `<RECORD_DIR>/.replay`, emptied at start
// and pruned every few seconds; memory holds only the catalogue. Owns that directory; never protects or
// exports anything (evidence comes from the recordings).
import type { SegmentEvent } from "@cw/streams";
import { playlistFromStore } from "../playlist/fromStore";
import { sweep } from "../retention/sweep";
import { nodeDisk } from "../store/disk";
import { RecordingStore } from "../store/store";

export interface ReplayOptions {
  root: string;
  now: () => number;
  /** Furthest a tile may step back. Default 120 s. */
  maxBackMs?: number;
  /** Default 30 s: pruning frees a file at a time. */
  fileMs?: number;
  maxQueue?: number;
  /** A replay's playlist covers this long from its start before the tile goes back to live. Default 10 min. */
  windowMs?: number;
}

const noEvidence = { overlaps: () => false };

export const replayKey = (cameraId: string, variant: string): string => `${cameraId}.${variant}`;

export class ReplayBuffer {
  private pruning: Promise<unknown> | null = null;
  readonly maxBackMs: number;
  readonly windowMs: number;

  private constructor(
    readonly store: RecordingStore,
    private readonly o: ReplayOptions,
  ) {
    this.maxBackMs = o.maxBackMs ?? 120_000;
    this.windowMs = o.windowMs ?? 10 * 60_000;
  }

  static async open(o: ReplayOptions): Promise<ReplayBuffer> {
    await nodeDisk.removeTree(o.root); // a buffer from a previous run is stale by definition
    const store = await RecordingStore.open({
      root: o.root,
      fileMs: o.fileMs ?? 30_000,
      ...(o.maxQueue ? { maxQueue: o.maxQueue } : {}),
    });
    return new ReplayBuffer(store, o);
  }

  append(ev: SegmentEvent): void {
    this.store.append(replayKey(ev.cameraId, ev.variant), ev);
  }

  /** The stream stopped (nobody watches): seal its file; pruning removes it in a few minutes. */
  finish(cameraId: string, variant: string): Promise<void> {
    return this.store.finish(replayKey(cameraId, variant));
  }

  /** Earliest time a replay of this stream can start, or null when nothing is buffered. */
  earliest(cameraId: string, variant: string): number | null {
    return this.store.catalog.files(replayKey(cameraId, variant))[0]?.start ?? null;
  }

  /** The growing playlist of a replay that started at `from`. */
  playlist(cameraId: string, variant: string, from: number): Promise<string | null> {
    const to = from + this.windowMs;
    return playlistFromStore(this.store, replayKey(cameraId, variant), { from, to, now: this.o.now(), groupMs: 1000 });
  }

  /** Deletes buffered files nobody can step back to any more. */
  async prune(): Promise<void> {
    if (this.pruning) return;
    const keepMs = this.maxBackMs + (this.o.fileMs ?? 30_000);
    this.pruning = sweep(
      this.store,
      { keepMs: () => keepMs, evidence: noEvidence },
      {
        now: this.o.now(),
        quotaBytes: Number.POSITIVE_INFINITY,
      },
    );
    try {
      await this.pruning;
    } finally {
      this.pruning = null;
    }
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
