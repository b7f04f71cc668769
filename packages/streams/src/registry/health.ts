// Health of one running stream: the state machine (starting → live ⇄ stalled, live ⇄ error, → offline), frame and byte
// rates over a sliding window, codec and size from the config, distinct recent viewers. Pure: every method
// takes the time; it allocates nothing per frame.
import type { Codec, Rendition, StreamHealth, StreamState, Variant } from "@cw/protocol";
import type { AccessUnit, SourceNote, TrackSet } from "../media/types";

export interface HealthLimits {
  stallMs: number;
  startTimeoutMs: number;
  viewerWindowMs: number;
}

interface RateSample {
  t: number;
  frames: number;
  bytes: number;
}

/** Rates are computed over the last few ticks (~3 s at one tick a second). */
const RATE_WINDOW = 4;

export class StreamHealthTracker {
  state: StreamState = "starting";
  lastFrameAt: number | null = null;
  error: string | null = null;
  private codec: Codec;
  private width = 0;
  private height = 0;
  private frames = 0;
  private bytes = 0;
  private fps = 0;
  private bitrateKbps = 0;
  private readonly rates: RateSample[] = [];
  private readonly clients = new Map<string, number>();
  private audio: SourceNote["audio"] | undefined;
  private codecString: string | null = null;

  constructor(
    readonly cameraId: string,
    readonly variant: Variant,
    codec: Codec,
    readonly startedAt: number,
    readonly rendition: Rendition,
    private readonly limits: HealthLimits,
  ) {
    this.codec = codec;
  }

  setTracks(tracks: TrackSet): void {
    if (tracks.video) {
      this.codecString = tracks.video.codecString;
      this.codec = tracks.video.codec;
      this.width = tracks.video.width;
      this.height = tracks.video.height;
    }
  }

  /** Returns true when the state changed (a frame after starting/stalled/offline makes the stream live). */
  onUnit(now: number, au: AccessUnit): boolean {
    this.lastFrameAt = now;
    this.bytes += au.data.length;
    if (au.kind === "video") this.frames++;
    if (this.state === "live" || this.state === "error") return false; // an error ends by fault(null) only
    this.state = "live";
    this.error = null;
    return true;
  }

  onEnd(reason: string): boolean {
    this.error = reason;
    if (this.state === "offline") return false;
    this.state = "offline";
    return true;
  }

  /**
   * The output watch's verdict (outputWatch.ts): a fault turns a flowing stream to `error`; null clears it.
   * Returns true when the state changed.
   */
  fault(message: string | null): boolean {
    if (message !== null) {
      if (this.state === "offline" || this.state === "idle") return false;
      const changed = this.state !== "error";
      this.state = "error";
      this.error = message;
      return changed;
    }
    if (this.state !== "error") return false;
    this.state = "live";
    this.error = null;
    return true;
  }

  note(info: SourceNote): void {
    if (info.audio) this.audio = info.audio;
  }

  /** Failed to start at all (the source factory threw). */
  fail(reason: string): void {
    this.state = "offline";
    this.error = reason;
  }

  seen(clientId: string, now: number): void {
    this.clients.set(clientId, now);
  }

  /** Once a tick: timeouts and rates. Returns true when the state changed. */
  tick(now: number): boolean {
    this.rates.push({ t: now, frames: this.frames, bytes: this.bytes });
    if (this.rates.length > RATE_WINDOW) this.rates.shift();
    const first = this.rates[0]!;
    const seconds = (now - first.t) / 1000;
    this.fps = seconds > 0 ? round1((this.frames - first.frames) / seconds) : 0;
    this.bitrateKbps = seconds > 0 ? round1(((this.bytes - first.bytes) * 8) / 1000 / seconds) : 0;
    for (const [id, t] of this.clients) if (now - t > this.limits.viewerWindowMs) this.clients.delete(id);
    const prev = this.state;
    if (this.state === "starting" && now - this.startedAt >= this.limits.startTimeoutMs) {
      this.state = "offline";
      this.error = `no frame within ${this.limits.startTimeoutMs / 1000} s of starting`;
    } else if (
      (this.state === "live" || this.state === "error") &&
      this.lastFrameAt !== null &&
      now - this.lastFrameAt >= this.limits.stallMs
    ) {
      this.state = "stalled";
    }
    if (this.state !== "live" && this.state !== "error") {
      this.fps = 0;
      this.bitrateKbps = 0;
    }
    return this.state !== prev;
  }

  snapshot(now: number, discontinuities: number, state: StreamState = this.state, pid?: number): StreamHealth {
    let viewers = 0;
    for (const t of this.clients.values()) if (now - t <= this.limits.viewerWindowMs) viewers++;
    return {
      cameraId: this.cameraId,
      variant: this.variant,
      state,
      codec: this.codec,
      width: this.width,
      height: this.height,
      fps: this.fps,
      bitrateKbps: this.bitrateKbps,
      viewers,
      lastFrameAt: this.lastFrameAt,
      startedAt: this.startedAt,
      discontinuities,
      error: this.error,
      ...(this.audio ? { audio: this.audio } : {}),
      ...(this.rendition !== this.variant ? { rendition: this.rendition } : {}),
      ...(this.codecString ? { codecs: this.codecString } : {}),
      ...(pid !== undefined ? { pid } : {}),
    };
  }
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
