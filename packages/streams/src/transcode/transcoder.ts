// An H.264 rendition made on demand from a camera's stream (typically H.265 for a browser without an HEVC
// decoder): the upstream's access units go to ffmpeg as MPEG-TS on its stdin (../ts/muxer.ts), ffmpeg
// decodes, scales to the tile's size and encodes H.264 (plan.ts), and its FLV on stdout is demuxed into
// the same packager every stream uses. AAC rides along untouched on the source's timeline (-copyts).
// Owns the ffmpeg child and the upstream attachment; stop() ends both. Never outlives stop(), and never
// outlives the gateway either: a dead gateway closes ffmpeg's stdin, and ffmpeg exits at EOF.
// A transcoder killed mid-stream is restarted at the next key frame (back-off); the upstream's end or
// discontinuity ends this run (the packager then sees one discontinuity).
import { FlvDemuxer } from "../flv/demuxer";
import type { AccessUnit, MediaSink, Source, TrackSet, VideoTrack } from "../media/types";
import { Backoff, type BackoffPolicy } from "../sources/backoff";
import { type OwnedChild, spawnOwned } from "../sources/child-process";
import { type Logger, silentLogger } from "../sources/logger";
import { TsMuxer } from "../ts/muxer";
import { type HwAccel, type TranscodePlan, transcodeArgs } from "./plan";

/** The stream a transcoder reads: the registry attaches it to the camera's running source rendition. */
export interface Upstream {
  /** Delivers the upstream's events (its current config first, when known) until the returned detach. */
  attach(sink: MediaSink): () => void;
}

export interface TranscoderOptions {
  plan: TranscodePlan;
  hw: HwAccel;
  ffmpegPath: string;
  upstream: Upstream;
  log?: Logger;
  backoff?: BackoffPolicy;
  /** For logs only. */
  name?: string;
  now?: () => number;
  /** Starts ffmpeg with these arguments reading our pipe (hooks.ts: a spare started ahead). Default: a new one. */
  ffmpeg?: (args: string[]) => OwnedChild;
}

/** Input queued to ffmpeg beyond this (a stalled encoder) drops frames until the next key frame. */
const MAX_QUEUED = 8 * 1024 * 1024;

export class TranscodeSource implements Source {
  private sink: MediaSink | null = null;
  private detach: (() => void) | null = null;
  private child: OwnedChild | null = null;
  private muxer: TsMuxer | null = null;
  private input: TrackSet | null = null;
  private output: VideoTrack | null = null;
  private startedAt = 0;
  private notBefore = 0;
  private needKey = true;
  private stopped = false;
  private readonly backoff: Backoff;
  private readonly log: Logger;
  private readonly now: () => number;
  /** Runs started (a restart after a kill counts). */
  runs = 0;

  constructor(private readonly opts: TranscoderOptions) {
    this.backoff = new Backoff(opts.backoff ?? { initialMs: 500, maxMs: 10_000, healthyMs: 60_000 });
    this.log = opts.log ?? silentLogger;
    this.now = opts.now ?? Date.now;
  }

  /** The running ffmpeg's pid (tests, diagnostics). */
  get pid(): number | undefined {
    return this.child?.proc.pid;
  }

  start(sink: MediaSink): void {
    if (this.sink || this.stopped) return;
    this.sink = sink;
    this.detach = this.opts.upstream.attach({
      config: (t) => this.onConfig(t),
      unit: (au) => this.onUnit(au),
      discontinuity: (why) => {
        this.endRun();
        sink.discontinuity(why);
      },
      end: (why) => {
        this.endRun();
        sink.end(why);
      },
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.detach?.();
    this.detach = null;
    const child = this.child;
    this.child = null;
    await child?.stop();
  }

  private onConfig(t: TrackSet): void {
    const before = this.input?.video;
    this.input = t;
    // A new codec or size needs a new ffmpeg (a new MPEG-TS program); the packager sees the new output config.
    if (this.child && t.video && before && !t.video.config.equals(before.config)) this.endRun();
  }

  private onUnit(au: AccessUnit): void {
    const sink = this.sink;
    if (!sink || this.stopped) return;
    if (au.kind === "audio") {
      if (this.output && this.input?.audio) sink.unit(au);
      return;
    }
    const video = this.input?.video;
    if (!video) return;
    if (!this.child) {
      if (!au.key || this.now() < this.notBefore) return;
      this.spawn(video);
    }
    const child = this.child;
    const stdin = child?.proc.stdin;
    if (!child || !this.muxer || !stdin) return;
    if (this.needKey && !au.key) return;
    if (stdin.writableLength > MAX_QUEUED) {
      this.needKey = true; // the encoder fell behind: skip to the next key frame rather than queue
      return;
    }
    this.needKey = false;
    stdin.write(this.muxer.unit(au.dts, au.pts, au.key, au.data));
  }

  private spawn(video: VideoTrack): void {
    const args = transcodeArgs(this.opts.plan, this.opts.hw);
    const child = this.opts.ffmpeg?.(args) ?? spawnOwned(this.opts.ffmpegPath, args, { stdin: true });
    this.child = child;
    this.muxer = new TsMuxer(video);
    this.needKey = true;
    this.startedAt = this.now();
    this.runs++;
    const demuxer = new FlvDemuxer({
      tracks: (t) => {
        if (this.child !== child || !t.video) return;
        this.output = t.video;
        this.sink?.config({ video: t.video, audio: this.input?.audio ?? null });
      },
      unit: (au) => {
        if (this.child === child) this.sink?.unit(au);
      },
      error: (e) => this.log.warn({ transcoder: this.opts.name, ...e }, "transcoder output: FLV problem"),
    });
    child.proc.stdout?.on("data", (chunk: Buffer) => demuxer.push(chunk));
    void child.exited.then((code) => this.onExit(child, code));
    this.log.info({ transcoder: this.opts.name, pid: child.proc.pid, hw: this.opts.hw }, "transcoder started");
  }

  private onExit(child: OwnedChild, code: number | null): void {
    if (this.stopped || this.child !== child) return;
    // Killed or crashed while its input flows: say so, and start again at a key frame after a back-off.
    this.child = null;
    this.output = null;
    this.notBefore = this.now() + this.backoff.afterRun(this.now() - this.startedAt);
    const why = child.stderrTail().split("\n").slice(-2).join(" | ") || `ffmpeg exited with ${code}`;
    this.log.warn({ transcoder: this.opts.name, code, why }, "transcoder exited: restarting");
    this.sink?.discontinuity("transcoder restarted");
  }

  /** The upstream's timeline ended or changed: this ffmpeg run is over (a new one starts at a key frame). */
  private endRun(): void {
    const child = this.child;
    this.child = null;
    this.output = null;
    this.muxer = null;
    if (child) void child.stop();
  }
}
