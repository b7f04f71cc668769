// One camera's recorded footage in one <video>: asks for a playlist window around the wanted time, runs
// hls.js over it (byte ranges of the recording files), maps wall time ⇄ media time with the segments'
// PROGRAM-DATE-TIME, seeks, changes speed, steps frames, and moves on to the next window when one ends.
// Owns its hls.js instance and in-flight request; destroy() releases both (the React tile calls it on
// unmount). Never renders and never reads stores: inputs come through the options.
import Hls, { type HlsConfig } from "hls.js";
import { listedEnd, type MappedSegment, mediaAt, wallAt } from "./pdtMap";

export type VodState = "loading" | "playing" | "paused" | "waiting" | "empty" | "error";

export interface VodWindow {
  hls: string;
  from: number;
  to: number;
  /** Where it is read from: the gateway's recording (default) or the camera's device (GB NVR). */
  source?: "gateway" | "device";
  /** The fastest this window plays (the speed its device sends at); default: any speed. */
  maxRate?: number;
  /** A device window: asks its device for another speed; resolves with the speed it sends at now. */
  changeSpeed?: (rate: number) => Promise<number>;
}

export interface VodOptions {
  video: HTMLVideoElement;
  /** A playlist whose window holds `target` (wall ms); null when nothing is recorded there. */
  resolve: (target: number, signal: AbortSignal) => Promise<VodWindow | null>;
  onState: (state: VodState) => void;
  /** One frame, seconds (±1 frame steps). Default 0.04 (25 fps). */
  frameS?: number;
  /** The window ran out; absent: carry on with the next window. */
  onEnd?: () => void;
}

const config: Partial<HlsConfig> = {
  debug: false,
  enableWorker: false,
  autoStartLoad: false,
  lowLatencyMode: false,
  // Recorded footage: buffer ahead enough for 8× (~16 s of media a couple of seconds ahead), keep a
  // little behind for ±1 frame steps and short seeks back.
  maxBufferLength: 20,
  maxMaxBufferLength: 40,
  backBufferLength: 10,
  startFragPrefetch: true,
};

export class VodController {
  private hls: Hls | null = null;
  private abort: AbortController | null = null;
  private segs: MappedSegment[] = [];
  private window: VodWindow | null = null;
  private target: number | null = null;
  private rate = 1;
  private playing = true;
  private destroyed = false;
  private state: VodState = "loading";

  constructor(private readonly o: VodOptions) {
    const v = o.video;
    v.muted = true;
    v.playsInline = true;
    v.addEventListener("playing", this.onPlaying);
    v.addEventListener("waiting", this.onWaiting);
    v.addEventListener("ended", this.onEnded);
  }

  /** Shows wall time `ms`: a seek inside the loaded window, else a new window around it. */
  goto(ms: number): void {
    if (this.destroyed) return;
    const w = this.window;
    if (this.hls && w && ms >= w.from && ms < w.to && this.segs.length > 0) {
      const end = listedEnd(this.segs);
      if (end !== null && ms < end) {
        this.o.video.currentTime = mediaAt(this.segs, ms) ?? 0;
        this.resume();
        return;
      }
    }
    void this.load(ms);
  }

  /** Wall time of the picture on screen, or null before the first playlist. */
  wallTime(): number | null {
    return this.segs.length === 0 ? null : wallAt(this.segs, this.o.video.currentTime);
  }

  setRate(rate: number): void {
    this.rate = rate;
    this.o.video.playbackRate = this.effectiveRate();
    const w = this.window;
    // A device sends at the speed it was asked: ask it for this one, then play at what it agreed to.
    if (w?.changeSpeed && w.maxRate !== rate) {
      w.changeSpeed(rate)
        .then((agreed) => {
          if (this.window !== w) return;
          w.maxRate = agreed;
          this.o.video.playbackRate = this.effectiveRate();
        })
        .catch(() => {
          // The device refused or the playback ended: it keeps its speed (the next window asks again).
        });
    }
  }

  private effectiveRate(): number {
    return Math.min(this.rate, this.window?.maxRate ?? Number.POSITIVE_INFINITY);
  }

  setPlaying(playing: boolean): void {
    this.playing = playing;
    if (playing) this.resume();
    else {
      this.o.video.pause();
      this.report("paused");
    }
  }

  /** Pauses and moves by whole frames (negative: back). */
  step(frames: number): void {
    this.setPlaying(false);
    const v = this.o.video;
    v.currentTime = Math.max(0, v.currentTime + frames * (this.o.frameS ?? 0.04));
  }

  destroy(): void {
    this.destroyed = true;
    this.abort?.abort();
    this.teardown();
    const v = this.o.video;
    v.removeEventListener("playing", this.onPlaying);
    v.removeEventListener("waiting", this.onWaiting);
    v.removeEventListener("ended", this.onEnded);
  }

  private async load(ms: number): Promise<void> {
    this.abort?.abort();
    const ac = new AbortController();
    this.abort = ac;
    this.target = ms;
    this.report("loading");
    let w: VodWindow | null;
    try {
      w = await this.o.resolve(ms, ac.signal);
    } catch {
      if (!ac.signal.aborted) this.report("error");
      return;
    }
    if (ac.signal.aborted || this.destroyed) return;
    this.teardown();
    if (w === null) {
      this.report("empty");
      return;
    }
    this.window = w;
    this.o.video.dataset.source = w.source ?? "gateway";
    const hls = new Hls(config);
    this.hls = hls;
    hls.on(Hls.Events.LEVEL_LOADED, (_e, data) => {
      this.segs = data.details.fragments.map((f) => ({
        start: f.start,
        duration: f.duration,
        programDateTime: f.programDateTime ?? 0,
      }));
      if (this.target === null) return;
      // The first listing of this window: start loading at the wanted moment, not at its beginning.
      const t = mediaAt(this.segs, this.target) ?? 0;
      this.target = null;
      hls.startLoad(t);
      this.o.video.currentTime = t;
      this.resume();
    });
    hls.on(Hls.Events.FRAG_CHANGED, (_e, data) => {
      const d = this.o.video.dataset;
      d.segStart = String(data.frag.start);
      d.segPdt = String(data.frag.programDateTime ?? "");
    });
    hls.on(Hls.Events.ERROR, (_e, data) => {
      if (data.fatal) this.report("error");
    });
    hls.attachMedia(this.o.video);
    hls.loadSource(w.hls);
  }

  private resume(): void {
    const v = this.o.video;
    v.playbackRate = this.effectiveRate();
    if (!this.playing) {
      this.report("paused");
      return;
    }
    v.play().catch(() => {
      // A seek or a new source interrupted play(); the next "playing" event reports it.
    });
  }

  private teardown(): void {
    this.hls?.destroy();
    this.hls = null;
    this.segs = [];
    this.window = null;
  }

  private report(state: VodState): void {
    if (this.state === state) return;
    this.state = state;
    this.o.onState(state);
  }

  private readonly onPlaying = (): void => this.report(this.playing ? "playing" : "paused");
  private readonly onWaiting = (): void => this.report("waiting");
  /** The window ran out: carry on with the next one (the resolver finds the next recorded moment). */
  private readonly onEnded = (): void => {
    if (this.o.onEnd) this.o.onEnd();
    else if (this.window) void this.load(this.window.to);
  };
}
