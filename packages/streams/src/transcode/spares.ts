// Spare ffmpegs for cold transcodes. ffmpeg's own start — exec, linking libavcodec & co., parsing its
// arguments, opening its input — is 0.3–0.5 s of a cold transcode's first output here and up to 1.3 s on a
// loaded machine (docs/benchmarks.md, "H.265"); a spare started ahead with the very same arguments waits
// on its stdin (no CPU) and takes the next transcode of its profile at once.
// Owns: one waiting spare per profile (rendition plan) and the timer that starts them again. A spare is
// kept only while the budget has room for one more transcode (the ffmpegs it handed out, still running,
// below TRANSCODE_MAX): a spare is not a transcode — it uses no CPU and ~10 MB of private memory — so it is
// outside TRANSCODE_MAX and never makes one refused. Never outlives close(); never outlives the gateway
// either: a spare reads our pipe and exits at its end, when we close it or die.
import type { OwnedChild } from "../sources/child-process";
import { type Logger, silentLogger } from "../sources/logger";

export interface SpareOptions {
  /** Starts an ffmpeg with these arguments, reading its stdin from our pipe. */
  spawn(args: string[]): OwnedChild;
  /** TRANSCODE_MAX: spares are kept only while fewer handed-out ffmpegs run. */
  max: number;
  /**
   * After a spare is taken (or a transcode ends), the next one starts this much later, so its own start
   * does not slow the cold start that took the last one. Default 3 000.
   */
  refillMs?: number;
  log?: Logger;
}

/** A spare that dies while waiting (an ffmpeg that cannot start) is started again at most this often in a row. */
const MAX_FAILURES = 3;

const alive = (c: OwnedChild): boolean => c.proc.exitCode === null && c.proc.signalCode === null;

export class SpareFfmpegs {
  private readonly profiles = new Map<string, string[]>();
  private readonly spares = new Map<string, OwnedChild>();
  private readonly inUse = new Set<OwnedChild>();
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private closed = false;
  private readonly refillMs: number;
  private readonly log: Logger;

  constructor(private readonly opts: SpareOptions) {
    this.refillMs = opts.refillMs ?? 3_000;
    this.log = opts.log ?? silentLogger;
  }

  /** Keeps a spare of this profile (its exact ffmpeg arguments) from now on. */
  keep(args: string[]): void {
    this.profiles.set(args.join("\0"), args);
    this.schedule(0);
  }

  /** An ffmpeg running these arguments: the waiting spare when there is one, else a new one. */
  take(args: string[]): OwnedChild {
    const key = args.join("\0");
    const spare = this.spares.get(key);
    this.spares.delete(key);
    const ready = spare !== undefined && alive(spare);
    if (ready) this.failures = 0;
    const child = ready ? spare : this.opts.spawn(args);
    this.inUse.add(child);
    void child.exited.then(() => {
      this.inUse.delete(child);
      this.schedule(this.refillMs);
    });
    this.schedule(this.refillMs);
    return child;
  }

  /** The waiting spares' pids (tests, diagnostics). */
  waiting(): number[] {
    return [...this.spares.values()].flatMap((c) => (c.proc.pid === undefined ? [] : [c.proc.pid]));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const spares = [...this.spares.values()];
    this.spares.clear();
    await Promise.all(spares.map((s) => s.stop()));
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    if (this.inUse.size >= this.opts.max) this.trim(); // no room: a spare could not be used, free its memory now
    if (this.timer) {
      if (ms > 0) return; // a refill is already due
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.fill();
    }, ms);
    this.timer.unref();
  }

  private trim(): void {
    for (const s of this.spares.values()) void s.stop();
    this.spares.clear();
  }

  private fill(): void {
    if (this.closed) return;
    if (this.inUse.size >= this.opts.max) {
      this.trim();
      return;
    }
    for (const [key, args] of this.profiles) {
      if (this.spares.has(key) || this.failures >= MAX_FAILURES) continue;
      const spare = this.opts.spawn(args);
      this.spares.set(key, spare);
      void spare.exited.then((code) => {
        if (this.spares.get(key) !== spare) return; // taken or trimmed
        // Died while waiting for input (killed, or an ffmpeg that cannot start): start another, a few times.
        this.spares.delete(key);
        this.failures++;
        this.log.warn(
          { code, why: spare.stderrTail().slice(-300) },
          "transcoding: a spare ffmpeg exited while waiting",
        );
        this.schedule(this.refillMs * this.failures);
      });
    }
  }
}
