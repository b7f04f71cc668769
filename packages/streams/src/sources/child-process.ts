// One owned child process (ffmpeg): spawned with piped stdout, stderr tail kept for diagnostics, and
// a stop() that sends SIGTERM, escalates to SIGKILL after a grace and resolves only once it exited.
import { type ChildProcess, spawn } from "node:child_process";

export interface OwnedChild {
  readonly proc: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). Never rejects. */
  readonly exited: Promise<number | null>;
  /** The last few KB of stderr, for error reports. */
  stderrTail(): string;
  stop(graceMs?: number): Promise<void>;
}

/** `stdin: true` gives the child a pipe to read (the transcoder's input); it sees EOF if we die. */
export function spawnOwned(cmd: string, args: string[], opts: { stdin?: boolean } = {}): OwnedChild {
  const proc = spawn(cmd, args, { stdio: [opts.stdin ? "pipe" : "ignore", "pipe", "pipe"] });
  proc.stdin?.on("error", () => {}); // EPIPE when the child exits first: its exit is handled by `exited`
  let tail = "";
  proc.stderr?.on("data", (d: Buffer) => {
    tail = (tail + d.toString("utf8")).slice(-4096);
  });
  const exited = new Promise<number | null>((resolve) => {
    proc.once("error", (err) => {
      tail += `\nspawn failed: ${err.message}`;
      resolve(-1);
    });
    proc.once("close", (code) => resolve(code));
  });
  const running = () => proc.exitCode === null && proc.signalCode === null && proc.pid !== undefined;
  return {
    proc,
    exited,
    stderrTail: () => tail.trim(),
    async stop(graceMs = 2000) {
      if (running()) {
        // A child reading our pipe ends at its EOF; ffmpeg blocked on that read ignores SIGTERM until then.
        proc.stdin?.end();
        proc.kill("SIGTERM");
        const timer = setTimeout(() => running() && proc.kill("SIGKILL"), graceMs);
        await exited;
        clearTimeout(timer);
      }
      await exited;
    },
  };
}
