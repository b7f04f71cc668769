// RTSP camera source: an ffmpeg relay (`-c copy`, never transcoding) pulls the camera over RTSP (TCP
// interleaved or UDP; ffmpeg answers Basic and Digest authentication) and writes MPEG-TS to its stdout,
// demuxed in-process (../ts). MPEG-TS, not FLV, because Debian 12's ffmpeg cannot write HEVC into FLV: an
// H.265 camera never played ("Could not write header … Function not implemented"). Started on demand by
// the registry; restarted with exponential back-off while the camera is away.
// Owns: the ffmpeg child, its restart timer and the outage bookkeeping (end once per outage,
// discontinuity before the first frame of a new run). Never lets a child outlive stop(); never writes the
// camera's credentials anywhere (logs, health errors): `redactUrl` strips them from every text it reports.
import type { MediaSink, Source, TrackSet } from "../media/types";
import { TsDemuxer } from "../ts/demuxer";
import { Backoff, type BackoffPolicy } from "./backoff";
import { type OwnedChild, spawnOwned } from "./child-process";
import { type Logger, silentLogger } from "./logger";

export interface RtspRelayOptions {
  url: string;
  /** RTP over the RTSP connection (interleaved, default) or over UDP. */
  transport?: "tcp" | "udp";
  ffmpegPath: string;
  log?: Logger;
  backoff?: BackoffPolicy;
  /** For logs only. */
  name?: string;
}

/** The ffmpeg command line of one relay run. `-loglevel info` for the input's stream list (audio codec). */
export function relayArgs(url: string, transport: "tcp" | "udp" = "tcp"): string[] {
  return [
    ...["-hide_banner", "-loglevel", "info", "-nostats", "-nostdin"],
    // -timeout: socket I/O timeout (µs) so a camera that goes silent ends the run instead of hanging it.
    ...["-rtsp_transport", transport, "-timeout", "10000000", "-i", url],
    ...["-map", "0:v:0", "-map", "0:a:0?", "-c", "copy"],
    // Every packet flushed at once (the TS muxer otherwise buffers 32 KB: a quarter second at 1 Mb/s).
    ...["-f", "mpegts", "-muxdelay", "0", "-muxpreload", "0", "-flush_packets", "1", "pipe:1"],
  ];
}

/** Strips credentials from a camera URL (or any text holding one) before it is logged or reported. */
export const redactUrl = (text: string): string => text.replace(/(rtsps?:\/\/)[^/@\s]*@/g, "$1***@");

/** The input's audio codec, from ffmpeg's stream list ("Stream #0:1: Audio: pcm_alaw, 8000 Hz, mono"). */
export function audioCodecIn(stderr: string): string | null {
  return /Stream #\d+:\d+[^:]*: Audio: ([\w-]+)/.exec(stderr)?.[1] ?? null;
}

export class RtspRelaySource implements Source {
  private sink: MediaSink | null = null;
  private child: OwnedChild | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
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

  /** The running ffmpeg's pid (health, diagnostics). */
  get pid(): number | undefined {
    return this.child?.proc.pid;
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
    const child = spawnOwned(this.opts.ffmpegPath, relayArgs(this.opts.url, this.opts.transport));
    this.child = child;
    const demuxer = new TsDemuxer(
      {
        config: (t: TrackSet) => {
          if (this.pendingDiscontinuity) sink.discontinuity("rtsp relay restarted");
          this.pendingDiscontinuity = false;
          sink.config(t);
        },
        unit: (au) => {
          this.live = true;
          this.outageReported = false;
          sink.unit(au);
        },
        discontinuity: (r) => sink.discontinuity(r),
        end: (r) => sink.end(r),
      },
      (message) => this.log.warn({ camera: this.opts.name, message }, "RTSP relay: MPEG-TS problem"),
    );
    let head = "";
    let audioSeen = false;
    child.proc.stderr?.on("data", (d: Buffer) => {
      if (audioSeen || head.length > 16_384) return;
      head += d.toString("utf8");
      const codec = audioCodecIn(head);
      if (!codec) return;
      audioSeen = true;
      // AAC passes through; anything else (cameras' G.711) is dropped and said so in health.
      sink.note?.({ audio: { codec, handling: codec === "aac" ? "passthrough" : "dropped" } });
    });
    child.proc.stdout?.on("data", (chunk: Buffer) => {
      if (this.child === child) demuxer.push(chunk);
    });
    void child.exited.then((code) => this.onExit(child, code, Date.now() - startedAt));
  }

  private onExit(child: OwnedChild, code: number | null, ranMs: number): void {
    if (this.stopped || this.child !== child) return;
    this.child = null;
    const tail = child
      .stderrTail()
      .split("\n")
      .filter((l) => l.trim() !== "");
    const why = redactUrl(tail.slice(-2).join(" | ")) || `ffmpeg exited with ${code}`;
    if (this.live || !this.outageReported) {
      this.sink?.end(`rtsp camera unavailable: ${why}`);
      this.log.warn({ camera: this.opts.name, url: redactUrl(this.opts.url), code, why }, "RTSP relay ended");
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
