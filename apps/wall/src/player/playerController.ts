// One camera in one <video>: resolves the play URL, runs hls.js, recovers by itself, reports state
// and latency. Owns: its hls.js instance, its timers and its in-flight request; destroy() releases
// all of them (the React wrapper calls it on unmount and whenever camera or variant change).
// Never renders and never reads stores: inputs come through the options.
import type { Codec, PlayResponse, Variant } from "@cw/protocol";
import Hls from "hls.js";
import { decodes } from "./codecSupport";
import { reportFatal } from "./fatalReport";
import { wallHlsConfig } from "./hlsConfig";
import { followLiveEdge } from "./liveEdge";
import {
  decideRecovery,
  measureLatency,
  type PlayerState,
  restartAfterStallMs,
  restartDelay,
  stallAfterMs,
} from "./recovery";

export interface PlayerStatus {
  state: PlayerState;
  latencyMs: number | null;
  codec: Codec | null;
  /** How the picture reaches this browser: the camera's own stream, or the gateway's H.264 transcode. */
  path?: "passthrough" | "transcode" | null;
}

/** The gateway refuses the camera to this user (it was restricted to a camera group they are not in). */
const isForbidden = (err: unknown): boolean =>
  typeof err === "object" && err !== null && (err as { code?: unknown }).code === "forbidden";

/** The gateway refused a transcode: TRANSCODE_MAX are busy (the tile says so with the camera's name). */
export const isTranscodeFull = (err: unknown): boolean =>
  typeof err === "object" && err !== null && (err as { code?: unknown }).code === "transcode_full";

export interface PlayerOptions {
  video: HTMLVideoElement;
  cameraId: string;
  variant: Variant;
  resolve: (
    cameraId: string,
    variant: Variant,
    signal: AbortSignal,
    path?: "passthrough" | "transcode",
  ) => Promise<PlayResponse>;
  onStatus: (status: PlayerStatus) => void;
  /** Server clock minus local clock, for PDT latency. */
  clockOffsetMs: () => number;
}

const tickMs = 1_000;
const resolveTimeoutMs = 15_000;
/** Hidden longer than this, the player restarts fresh on return instead of resuming. */
const resumeWithinMs = 30_000;

export class PlayerController {
  private hls: Hls | null = null;
  /** Stops the live-edge follower of the current hls.js instance (main stream only). */
  private unfollow: (() => void) | null = null;
  private abort: AbortController | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private ticker: ReturnType<typeof setInterval> | null = null;
  private attempt = 0;
  private mediaRecoveries = 0;
  private lastRecoveryAt = 0;
  private lastTime = -1;
  private lastProgressAt = 0;
  private hiddenAt: number | null = null;
  private refusedAt = 0;
  private destroyed = false;
  private status: PlayerStatus = { state: "starting", latencyMs: null, codec: null };

  constructor(private readonly opts: PlayerOptions) {
    const v = opts.video;
    v.muted = true;
    v.playsInline = true;
    v.autoplay = true;
    v.addEventListener("playing", this.onPlaying);
  }

  /** The first frame is up: say "live" now rather than at the next watchdog tick. */
  private readonly onPlaying = (): void => {
    if (this.status.state === "starting" || this.status.state === "stalled") {
      this.lastProgressAt = Date.now();
      this.report({ state: "live" });
    }
  };

  start(): void {
    if (this.destroyed) return;
    this.ticker = setInterval(() => this.tick(), tickMs);
    // Hidden before it started (covered, off screen): load nothing until setVisible(true).
    if (this.hiddenAt === null) void this.load();
  }

  /** Pause when hidden (off screen, covered, or the page in the background); resume at the live edge. */
  setVisible(visible: boolean): void {
    if (this.destroyed) return;
    if (!visible) {
      if (this.hiddenAt !== null) return;
      this.hiddenAt = Date.now();
      this.hls?.stopLoad();
      this.opts.video.pause();
      return;
    }
    if (this.hiddenAt === null) return;
    const hiddenFor = Date.now() - this.hiddenAt;
    this.hiddenAt = null;
    this.lastProgressAt = Date.now();
    if (!this.hls || hiddenFor > resumeWithinMs || this.status.state === "offline") {
      this.restartNow();
      return;
    }
    this.hls.startLoad(-1);
    const edge = this.hls.liveSyncPosition;
    if (edge !== null && Number.isFinite(edge)) this.opts.video.currentTime = edge;
    this.play();
  }

  /**
   * A hint from outside (stream health says the camera is back): if we are not playing, start again
   * now instead of waiting for the watchdog or the back-off.
   */
  nudge(): void {
    if (this.destroyed || this.hiddenAt !== null) return;
    const state = this.status.state;
    if (state !== "offline" && state !== "stalled") return;
    this.restartNow();
  }

  /**
   * The camera's visibility changed (the live catalogue removed or restored it for this user): ask the
   * gateway again at once — a refusal shows 无权查看, a camera given back plays.
   */
  recheck(): void {
    if (this.destroyed) return;
    this.restartNow();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.opts.video.removeEventListener("playing", this.onPlaying);
    this.teardown();
    if (this.ticker !== null) clearInterval(this.ticker);
    this.ticker = null;
  }

  private report(patch: Partial<PlayerStatus>): void {
    const next = { ...this.status, ...patch };
    if (
      next.state === this.status.state &&
      next.latencyMs === this.status.latencyMs &&
      next.codec === this.status.codec &&
      next.path === this.status.path
    )
      return;
    this.status = next;
    if (!this.destroyed) this.opts.onStatus(next);
  }

  private teardown(): void {
    this.abort?.abort();
    this.abort = null;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.unfollow?.();
    this.unfollow = null;
    if (this.hls) {
      this.hls.destroy();
      this.hls = null;
    }
  }

  private restartNow(): void {
    this.teardown();
    void this.load();
  }

  private scheduleRestart(state: PlayerState): void {
    this.teardown();
    this.report({ state, latencyMs: null });
    const delay = restartDelay(this.attempt);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.load();
    }, delay);
  }

  private async load(): Promise<void> {
    if (this.destroyed) return;
    const { video, cameraId, variant } = this.opts;
    const abort = new AbortController();
    this.abort = abort;
    const waiting =
      this.status.state === "offline" || this.status.state === "stalled" || this.status.state === "transcodeFull";
    if (!waiting) this.report({ state: "starting" });
    // A play request that hangs (gateway busy starting the stream) is abandoned and retried.
    const timeout = setTimeout(() => abort.abort(), resolveTimeoutMs);
    let play: PlayResponse;
    try {
      play = await this.opts.resolve(cameraId, variant, abort.signal);
      // H.265: play it as it is where this browser decodes that exact stream, else ask for the transcode.
      if (play.codec === "h265" && !(await decodes(play.codecs ?? "hvc1.1.6.L120.90")).supported) {
        if (this.destroyed || this.abort !== abort) return;
        play = await this.opts.resolve(cameraId, variant, abort.signal, "transcode");
      }
    } catch (err) {
      // Aborted by teardown (a newer load or destroy): nothing to do. Failed or timed out: retry later.
      if (this.destroyed || this.abort !== abort) return;
      if (isForbidden(err)) {
        this.teardown();
        this.report({ state: "forbidden", latencyMs: null });
        return;
      }
      if (isTranscodeFull(err)) {
        this.report({ state: "transcodeFull", latencyMs: null, codec: "h265", path: "transcode" });
        this.scheduleRestart("transcodeFull");
        return;
      }
      this.scheduleRestart("offline");
      return;
    } finally {
      clearTimeout(timeout);
    }
    if (this.destroyed || this.abort !== abort) return;
    this.abort = null;
    // A transcoder came free: leave 转码资源已满 (the watchdog and "playing" take over from "starting").
    const waited = this.status.state === "transcodeFull";
    this.report({ codec: play.codec, path: play.path ?? "passthrough", ...(waited ? { state: "starting" } : {}) });
    this.lastTime = -1;
    this.lastProgressAt = Date.now();
    if (!Hls.isSupported()) {
      // Safari/iOS without MSE: native HLS playback; it does its own recovery.
      if (video.canPlayType("application/vnd.apple.mpegurl") === "") {
        this.report({ state: "unsupported" });
        return;
      }
      video.src = play.hls;
      this.play();
      return;
    }
    const hls = new Hls(wallHlsConfig(variant));
    this.hls = hls;
    hls.on(Hls.Events.MANIFEST_PARSED, () => this.play());
    hls.on(Hls.Events.ERROR, (_event, data) => {
      if (this.hls !== hls) return;
      // A playlist or part refused (403): the camera was just restricted. Ask for it again now: the play
      // answer says whether it is forbidden (no retry then) or the token merely stale.
      // At most once every few seconds: a gateway refusing parts with a valid play answer backs off.
      if (data.response?.code === 403 && Date.now() - this.refusedAt > 5_000) {
        this.refusedAt = Date.now();
        return this.restartNow();
      }
      if (data.fatal) reportFatal({ cameraId: this.opts.cameraId, type: data.type, details: data.details });
      const action = decideRecovery(
        { fatal: data.fatal, type: data.type, details: data.details },
        this.mediaRecoveries,
      );
      switch (action.kind) {
        case "ignore":
          return;
        case "stalled":
          this.report({ state: "stalled" });
          return;
        case "recoverMedia":
          this.mediaRecoveries += 1;
          this.lastRecoveryAt = Date.now();
          hls.recoverMediaError();
          return;
        case "unsupported":
          this.teardown();
          this.report({ state: "unsupported", latencyMs: null });
          return;
        case "restart":
          this.scheduleRestart(action.state);
      }
    });
    hls.attachMedia(video);
    // A main tile plays close to live; small tiles stay where they started (hlsConfig.ts, "sub").
    if (variant === "main") this.unfollow = followLiveEdge(hls, video);
    hls.loadSource(play.hls);
  }

  private play(): void {
    if (this.hiddenAt !== null || this.destroyed) return;
    // Muted autoplay is allowed everywhere; a rejected play() (interrupted by pause/destroy) is normal.
    this.opts.video.play().catch(() => {});
  }

  /** Once a second: is the picture moving? how far behind live are we? */
  private tick(): void {
    if (this.destroyed || this.hiddenAt !== null) return;
    const state = this.status.state;
    if (state === "unsupported" || state === "transcodeFull" || this.retryTimer !== null || this.abort !== null) return;
    const now = Date.now();
    const t = this.opts.video.currentTime;
    if (t > this.lastTime + 0.01 && this.lastTime >= 0) {
      this.lastProgressAt = now;
      this.attempt = 0;
      // A minute of clean playback forgives earlier media errors.
      if (now - this.lastRecoveryAt > 60_000) this.mediaRecoveries = 0;
      const hls = this.hls;
      const latencyMs = hls ? measureLatency(hls.playingDate, now, this.opts.clockOffsetMs(), hls.latency) : null;
      this.report({ state: "live", latencyMs: latencyMs === null ? null : Math.round(latencyMs / 100) * 100 });
    } else if (now - this.lastProgressAt > restartAfterStallMs) {
      this.scheduleRestart(state === "starting" ? "offline" : "stalled");
    } else if (state === "live" && now - this.lastProgressAt > stallAfterMs) {
      this.report({ state: "stalled" });
    }
    this.lastTime = t;
  }
}
