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

/**
 * A real ffmpeg RTMP publisher: test pattern + sine, H.264 + AAC (or a camera's G.711 A-law/µ-law at
 * 8 kHz mono, FLV sound formats 7/8), 1 s GOP.
 */
export function startPublisher(
  url: string,
  ffmpeg = "/usr/bin/ffmpeg",
  audio: "aac" | "pcm_alaw" | "pcm_mulaw" = "aac",
): TestChild {
  const sound = audio === "aac" ? ["-c:a", "aac"] : ["-c:a", audio, "-ar", "8000", "-ac", "1"];
  return startChild(ffmpeg, [
    ...["-hide_banner", "-loglevel", "error", "-nostdin", "-re"],
    ...["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-f", "lavfi", "-i", "sine"],
    ...["-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", ...sound],
    ...["-f", "flv", url],
  ]);
}
