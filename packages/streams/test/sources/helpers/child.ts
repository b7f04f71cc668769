// Test processes: spawn ffmpeg (publishers, clip makers) and always stop them.
import { type ChildProcess, spawn } from "node:child_process";

export interface TestChild {
  proc: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export function startChild(cmd: string, args: string[]): TestChild {
  const proc = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  proc.stderr?.on("data", (d: Buffer) => {
    err = (err + d.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  return {
    proc,
    stderr: () => err,
    exited,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill("SIGKILL");
        await exited;
      }
    },
  };
}

/** A real ffmpeg RTMP publisher: test pattern + sine, H.264 + AAC, 1 s GOP. */
export function startPublisher(url: string, ffmpeg = "/usr/bin/ffmpeg"): TestChild {
  return startChild(ffmpeg, [
    ...["-hide_banner", "-loglevel", "error", "-nostdin", "-re"],
    ...["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-f", "lavfi", "-i", "sine"],
    ...["-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", "-c:a", "aac"],
    ...["-f", "flv", url],
  ]);
}
