// Starts GStreamer's RTSP server as a test camera (gst-camera.py) and stops it. Fails loudly when the
// GStreamer RTSP server is not installed (scripts/provision.mjs installs it).
import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface GstCamera {
  url(path?: string, credentials?: string): string;
  stop(): Promise<void>;
}

const script = join(dirname(fileURLToPath(import.meta.url)), "gst-camera.py");

export async function startGstCamera(
  codec: "h264" | "h265",
  audio: "none" | "aac" | "alaw",
  auth?: { user: string; password: string },
): Promise<GstCamera> {
  const args = [script, codec, audio, ...(auth ? [auth.user, auth.password] : [])];
  const proc: ChildProcess = spawn("/usr/bin/python3", args, { stdio: ["ignore", "pipe", "pipe"] });
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
    url: (path = "/cam", credentials = "") => `rtsp://${credentials ? `${credentials}@` : ""}127.0.0.1:${port}${path}`,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
      await exited;
    },
  };
}
