// RTSP camera source: an ffmpeg relay (`-c copy`, never transcoding) pulls the camera over RTSP/TCP
// and writes FLV to its stdout, which is demuxed in-process. Started on demand by the registry;
// restarted with exponential back-off while the camera is away.
// Owns: the ffmpeg child, its restart timer and the outage bookkeeping (end once per outage,
// discontinuity before the first frame of a new run). Never lets a child outlive stop().
import { FlvDemuxer } from "../flv/demuxer";
import type { MediaSink, Source } from "../media/types";
import { Backoff, type BackoffPolicy } from "./backoff";
import { type OwnedChild, spawnOwned } from "./child-process";
import { type Logger, silentLogger } from "./logger";

export interface RtspRelayOptions {
  url: string;
  ffmpegPath: string;
  log?: Logger;
  backoff?: BackoffPolicy;
  /** For logs only. */
  name?: string;
}

/** The ffmpeg command line of one relay run. Audio is kept only while FLV can carry it. */
export function relayArgs(url: string, withAudio: boolean): string[] {
  return [
    ...["-hide_banner", "-loglevel", "error", "-nostdin"],
    // -timeout: socket I/O timeout (µs) so a camera that goes silent ends the run instead of hanging it.
    ...["-rtsp_transport", "tcp", "-timeout", "10000000", "-i", url],
    ...["-map", "0:v:0", ...(withAudio ? ["-map", "0:a:0?"] : ["-an"]), "-c", "copy"],
    ...["-f", "flv", "-flvflags", "no_duration_filesize", "pipe:1"],
  ];
}

/** Strips credentials from a camera URL before it goes into a log line. */
const redact = (url: string): string => url.replace(/\/\/[^/@]*@/, "//***@");

export class RtspRelaySource implements Source {
  private sink: MediaSink | null = null;
  private child: OwnedChild | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private withAudio = true;
  /** A run delivered frames since the last outage: the next run starts a new timeline. */
  private live = false;
  private outageReported = false;
  private pendingDiscontinuity = false;
  private readonly backoff: Backoff;
  private readonly log: Logger;

  constructor(private readonly opts: RtspRelayOptions) {
    this.backoff = new Backoff(opts.backoff);
    this.log = opts.log ?? silentLogger;
  }

  start(sink: MediaSink): void {
    if (this.sink || this.stopped) return;
    this.sink = sink;
    this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.child?.stop();
    this.child = null;
  }

  private run(): void {
    const sink = this.sink!;
    const startedAt = Date.now();
    const child = spawnOwned(this.opts.ffmpegPath, relayArgs(this.opts.url, this.withAudio));
    this.child = child;
    const seen = new Set<string>();
    const demuxer = new FlvDemuxer({
      tracks: (t) => {
        if (this.pendingDiscontinuity) sink.discontinuity("rtsp relay restarted");
        this.pendingDiscontinuity = false;
        sink.config(t);
      },
      unit: (au) => {
        this.live = true;
        this.outageReported = false;
        sink.unit(au);
      },
      error: (e) => {
        if (e.code === "flv_unsupported" && e.field?.startsWith("audio")) this.withAudio = false; // next run
        if (seen.has(e.message)) return; // once per run, not once per frame
        seen.add(e.message);
        this.log.warn({ camera: this.opts.name, ...e }, "RTSP relay: FLV problem");
      },
    });
    child.proc.stdout?.on("data", (chunk: Buffer) => {
      if (this.child === child) demuxer.push(chunk);
    });
    void child.exited.then((code) => this.onExit(child, code, Date.now() - startedAt));
  }

  private onExit(child: OwnedChild, code: number | null, ranMs: number): void {
    if (this.stopped || this.child !== child) return;
    this.child = null;
    const why = child.stderrTail().split("\n").slice(-2).join(" | ") || `ffmpeg exited with ${code}`;
    if (/not currently supported in container|Could not write header/i.test(why)) this.withAudio = false;
    if (this.live || !this.outageReported) {
      this.sink?.end(`rtsp camera unavailable: ${why}`);
      this.log.warn({ camera: this.opts.name, url: redact(this.opts.url), code, why }, "RTSP relay ended");
    }
    if (this.live) this.pendingDiscontinuity = true;
    this.live = false;
    this.outageReported = true;
    const delay = this.backoff.afterRun(ranMs);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopped) this.run();
    }, delay);
  }
}
