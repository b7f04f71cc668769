// GB simulator, media: a live camera — ffmpeg encodes in real time (H.264, one AUD per frame) and each
// frame is handed out the moment its encoder finishes it, so a test can measure glass-to-glass latency
// through the GB path (the picture may carry a wall-clock barcode). Senders that join wait for a key frame,
// as a decoder must. Owns one ffmpeg process; close() ends it.
import { type ChildProcess, spawn } from "node:child_process";
import { nalUnits, type SimFrame } from "./encode";

export interface LiveFrames {
  /** Calls `onFrame` with every frame from now on; returns the unsubscribe. */
  subscribe(onFrame: (f: SimFrame) => void): () => void;
}

const AUD = Buffer.from([0, 0, 0, 1, 9]);

export class LiveEncoder implements LiveFrames {
  private readonly proc: ChildProcess;
  private readonly listeners = new Set<(f: SimFrame) => void>();
  private pending = Buffer.alloc(0);
  private count = 0;

  /** `args`: ffmpeg arguments up to and including the encoder's; `-f h264 -` is added. */
  constructor(
    args: string[],
    ffmpeg = "/usr/bin/ffmpeg",
    private readonly fps = 25,
  ) {
    this.proc = spawn(ffmpeg, [...args, "-x264-params", "aud=1", "-f", "h264", "-"], {
      stdio: ["ignore", "pipe", "ignore"],
    });
    this.proc.stdout!.on("data", (chunk: Buffer) => this.onBytes(chunk));
  }

  subscribe(onFrame: (f: SimFrame) => void): () => void {
    this.listeners.add(onFrame);
    return () => this.listeners.delete(onFrame);
  }

  close(): void {
    this.proc.kill("SIGKILL");
    this.listeners.clear();
  }

  private onBytes(chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    for (;;) {
      // A frame is complete once the next frame's AUD has arrived.
      const first = this.pending.indexOf(AUD);
      if (first < 0) return;
      const next = this.pending.indexOf(AUD, first + AUD.length);
      if (next < 0) {
        if (first > 0) this.pending = this.pending.subarray(first);
        return;
      }
      const nals = nalUnits(this.pending.subarray(first, next)).filter((n) => (n[0]! & 0x1f) !== 9);
      this.pending = this.pending.subarray(next);
      const frame: SimFrame = {
        nals,
        key: nals.some((n) => (n[0]! & 0x1f) === 5),
        pts90: Math.round((this.count++ * 90_000) / this.fps),
      };
      for (const l of this.listeners) l(frame);
    }
  }
}
