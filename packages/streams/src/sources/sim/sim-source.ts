// A simulated camera: replays its pre-rendered clip in real time, looping, with timestamps that keep
// advancing across loops (loop k adds k × clip duration). The loop point is frame 0, a key frame.
// Owns its place on the shared ticker and one reference to the shared clip; costs no process.
import type { Variant } from "@cw/protocol";
import type { CameraSpec, MediaSink, Source } from "../../media/types";
import { type Logger, silentLogger } from "../logger";
import type { Clip } from "./clip";
import type { ClipLibrary } from "./clip-library";
import type { SharedTicker } from "./ticker";

/** After a long event-loop stall, catch up at most this many frames per tick instead of bursting. */
const MAX_UNITS_PER_TICK = 50;

/** Time of the clip's second key frame (one GOP), or 0 for a clip of a single GOP. */
export function preRollMs(clip: Pick<Clip, "aus">): number {
  const second = clip.aus.find((au, i) => i > 0 && au.kind === "video" && au.key);
  return second ? second.dts : 0;
}

export class SimSource implements Source {
  private started = false;
  private stopped = false;
  private key: string | null = null;
  private clip: Clip | null = null;
  private sink: MediaSink | null = null;
  private t0 = 0;
  private index = 0;
  private loop = 0;

  constructor(
    private readonly camera: CameraSpec,
    private readonly variant: Variant,
    private readonly library: ClipLibrary,
    private readonly ticker: SharedTicker,
    private readonly log: Logger = silentLogger,
  ) {}

  start(sink: MediaSink): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.sink = sink;
    const { key, clip } = this.library.acquire(this.camera, this.variant);
    this.key = key;
    clip.then(
      (c) => {
        if (this.stopped) return;
        this.clip = c;
        sink.config(c.tracks);
        // Start as a camera that has been running for one GOP, the way an RTMP camera arrives through
        // node-media-server's GOP cache: the first GOP and the next key frame go out at once, so the
        // packager closes a first segment immediately and a cold start plays without waiting a GOP.
        this.t0 = performance.now() - preRollMs(c);
        this.tick(performance.now());
        this.ticker.add(this.tick);
      },
      (err: unknown) => {
        if (this.stopped) return;
        this.log.warn({ camera: this.camera.id, variant: this.variant, err: String(err) }, "sim source failed");
        sink.end(`simulated camera unavailable: ${String(err)}`);
      },
    );
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.ticker.remove(this.tick);
    if (this.key) this.library.release(this.key);
    this.key = null;
    this.clip = null;
  }

  private readonly tick = (nowMs: number): void => {
    const clip = this.clip;
    const sink = this.sink;
    if (!clip || !sink) return;
    const elapsed = nowMs - this.t0;
    for (let n = 0; n < MAX_UNITS_PER_TICK; n++) {
      const au = clip.aus[this.index]!;
      const offset = this.loop * clip.durationMs;
      if (offset + au.dts > elapsed) return;
      sink.unit({ kind: au.kind, key: au.key, data: au.data, dts: au.dts + offset, pts: au.pts + offset });
      if (++this.index === clip.aus.length) {
        this.index = 0;
        this.loop++;
      }
    }
  };
}
