// GStreamer's RTSP server as a camera for end-to-end specs (the same script the RTSP relay tests use:
// packages/streams/test/sources/helpers/gst-camera.py). Every start has its stop.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./gateway";

export interface GstCamera {
  url: string;
  stop(): Promise<void>;
}

export async function startGstCamera(codec: "h264" | "h265", audio: "none" | "aac" | "alaw"): Promise<GstCamera> {
  const script = join(repoRoot, "packages/streams/test/sources/helpers/gst-camera.py");
  const proc: ChildProcess = spawn("/usr/bin/python3", [script, codec, audio], { stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  proc.stderr?.on("data", (d: Buffer) => {
    err = (err + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    proc.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    proc.once("exit", (code) => reject(new Error(`GStreamer RTSP camera exited (${code}): ${err}`)));
  });
  return {
    url: `rtsp://127.0.0.1:${port}/cam`,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
      await exited;
    },
  };
}
