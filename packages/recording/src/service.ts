// Recording as the gateway uses it: the store of recordings, the replay buffer, the recorder that feeds
// them from the media plane and retention that keeps them within their plans and the quota. Answers the
// timeline, playlists and which file a byte-range request may read. Owns their lifecycle (open → close);
// never checks who asks (the gateway's routes do) and never writes events.
import type { RecordingPlan } from "@cw/protocol";
import type { StreamRegistry } from "@cw/streams";
import { keepMsOf } from "./plan/activity";
import { playlistFromStore } from "./playlist/fromStore";
import { RECORDED_VARIANT, Recorder } from "./recorder";
import { ReplayBuffer, replayKey } from "./replay/buffer";
import { ProtectedSpans } from "./retention/protectedSpans";
import { RetentionScheduler } from "./retention/scheduler";
import type { Span } from "./store/catalog";
import { parseMediaName } from "./store/fileNames";
import { RecordingStore, type StoreFault } from "./store/store";

export interface RecordingServiceOptions {
  /** RECORD_DIR. Recordings live under it per camera; the replay buffer under `.replay`. */
  root: string;
  registry: Pick<StreamRegistry, "onSegment" | "hold" | "onHealth">;
  tzOffsetMin: number;
  now: () => number;
  /** RECORD_MAX_GB in bytes. */
  quotaBytes: number;
  /** Keep time of cameras that have recordings but no plan any more. */
  defaultRetentionDays: number;
  fileMs?: number;
  /** Segments waiting for the disk per stream before the oldest are dropped (tests append in bursts). */
  maxQueue?: number;
  /** Keep an instant-replay buffer for watched streams. Default true. */
  replay?: boolean;
  onFault?: (fault: StoreFault) => void;
  onRecovered?: () => void;
  log?: { info(o: object, m?: string): void; warn(o: object, m?: string): void };
  retentionCheckMs?: number;
}

/** Where a playback or replay URL reads from. */
export type MediaSource = { kind: "recording" } | { kind: "replay"; variant: string };

const DAY = 86_400_000;

export class RecordingService {
  readonly evidence = new ProtectedSpans();
  readonly retention: RetentionScheduler;
  readonly recorder: Recorder;
  private readonly pruneTimer: NodeJS.Timeout | null;

  private constructor(
    readonly store: RecordingStore,
    readonly replay: ReplayBuffer | null,
    private readonly o: RecordingServiceOptions,
  ) {
    this.recorder = new Recorder({
      registry: o.registry,
      store,
      replay,
      tzOffsetMin: o.tzOffsetMin,
      now: o.now,
      ...(o.log ? { log: o.log } : {}),
    });
    this.retention = new RetentionScheduler({
      store,
      rules: {
        keepMs: (key) => {
          const plan = this.recorder.plan(key);
          return plan ? keepMsOf(plan) : o.defaultRetentionDays * DAY;
        },
        evidence: this.evidence,
      },
      quotaBytes: o.quotaBytes,
      now: o.now,
      ...(o.retentionCheckMs ? { checkMs: o.retentionCheckMs } : {}),
      ...(o.log ? { log: o.log } : {}),
    });
    this.retention.start();
    this.pruneTimer = replay ? setInterval(() => void replay.prune(), 5000) : null;
    this.pruneTimer?.unref();
  }

  static async open(o: RecordingServiceOptions): Promise<RecordingService> {
    const store = await RecordingStore.open({
      root: o.root,
      ...(o.fileMs ? { fileMs: o.fileMs } : {}),
      ...(o.maxQueue ? { maxQueue: o.maxQueue } : {}),
      onFault: (key, f) => o.onFault?.({ ...f, key }),
      ...(o.onRecovered ? { onRecovered: o.onRecovered } : {}),
    });
    const replay =
      o.replay === false
        ? null
        : await ReplayBuffer.open({
            root: `${o.root}/.replay`,
            now: o.now,
            ...(o.maxQueue ? { maxQueue: o.maxQueue } : {}),
          });
    return new RecordingService(store, replay, o);
  }

  setPlan(cameraId: string, plan: RecordingPlan | null): Promise<void> {
    return this.recorder.setPlan(cameraId, plan);
  }

  timeline(cameraId: string, from: number, to: number): Span[] {
    return this.store.spans(cameraId, from, to);
  }

  playlist(cameraId: string, from: number, to: number): Promise<string | null> {
    return playlistFromStore(this.store, cameraId, { from, to, now: this.o.now() });
  }

  /**
   * Where a replay of (camera, variant) going back `backMs` reads and from when: the recording when that
   * stream is being recorded, else the replay buffer; null when neither holds anything yet.
   */
  replayFrom(cameraId: string, variant: string, backMs: number): { source: MediaSource; from: number } | null {
    const now = this.o.now();
    if (variant === RECORDED_VARIANT && this.recorder.isRecording(cameraId)) {
      const first = this.store.files(cameraId, now - backMs, now)[0];
      if (first) return { source: { kind: "recording" }, from: Math.max(now - backMs, first.start) };
    }
    const earliest = this.replay?.earliest(cameraId, variant) ?? null;
    if (earliest === null) return null;
    return { source: { kind: "replay", variant }, from: Math.max(now - backMs, earliest) };
  }

  replayPlaylist(cameraId: string, source: MediaSource, from: number): Promise<string | null> {
    if (source.kind === "recording")
      return playlistFromStore(this.store, cameraId, {
        from,
        to: from + (this.replay?.windowMs ?? 600_000),
        now: this.o.now(),
        groupMs: 1000,
      });
    return this.replay?.playlist(cameraId, source.variant, from) ?? Promise.resolve(null);
  }

  /**
   * The file a byte-range request may read and how many of its bytes are indexed (a request is served
   * only within them: never the half-written tail of an open file). Null for an unknown name.
   */
  mediaFile(cameraId: string, source: MediaSource, name: string): { path: string; bytes: number } | null {
    const start = parseMediaName(name);
    if (start === null) return null;
    const store = source.kind === "recording" ? this.store : this.replay?.store;
    const key = source.kind === "recording" ? cameraId : replayKey(cameraId, source.variant);
    const f = store?.files(key, start, start + 1).find((x) => x.start === start);
    return f && store ? { path: store.mediaPath(key, start), bytes: f.bytes } : null;
  }

  async close(): Promise<void> {
    this.retention.close();
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    await this.recorder.close();
    await this.store.close();
    await this.replay?.close();
  }
}
