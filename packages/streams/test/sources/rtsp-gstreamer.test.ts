// The RTSP relay against GStreamer's RTSP server as the camera: H.264 and H.265, AAC and G.711 audio,
// with and without Digest authentication, over TCP (interleaved) and UDP. Every case checks the codec
// configuration and frames that reach the sink; credentials never appear in what the relay reports.
import { afterEach, describe, expect, it } from "vitest";
import type { SourceNote } from "../../src/media/types";
import { RtspRelaySource } from "../../src/sources/rtsp-relay";
import { type GstCamera, startGstCamera } from "./helpers/gst-camera";
import { RecordingSink, waitFor } from "./helpers/recording-sink";

const owned: Array<GstCamera | RtspRelaySource> = [];
afterEach(async () => {
  for (const o of owned.splice(0).reverse()) await o.stop();
});

class NotingSink extends RecordingSink {
  readonly notes: SourceNote[] = [];
  note(info: SourceNote): void {
    this.notes.push(info);
  }
}

const auth = { user: "admin", password: "s3cret-Pw" };

async function relay(
  codec: "h264" | "h265",
  audio: "none" | "aac" | "alaw",
  transport: "tcp" | "udp",
  withAuth: boolean,
): Promise<NotingSink> {
  const camera = await startGstCamera(codec, audio, withAuth ? auth : undefined);
  owned.push(camera);
  const source = new RtspRelaySource({
    url: camera.url("/cam", withAuth ? `${auth.user}:${auth.password}` : ""),
    transport,
    ffmpegPath: "/usr/bin/ffmpeg",
  });
  owned.push(source);
  const sink = new NotingSink();
  source.start(sink);
  await waitFor(() => sink.units("video").length >= 30, 20_000, `30 ${codec} frames over ${transport}`);
  return sink;
}

describe("RTSP relay ← GStreamer RTSP server", () => {
  it.each([
    ["h264", "aac", "tcp", false, /^avc1\./, "passthrough"],
    ["h265", "none", "tcp", false, /^hvc1\.1\.6\.L\d+/, null],
    ["h265", "aac", "udp", true, /^hvc1\.1\.6\.L\d+/, "passthrough"],
    ["h264", "none", "udp", false, /^avc1\./, null],
    ["h265", "alaw", "tcp", true, /^hvc1\.1\.6\.L\d+/, "dropped"],
  ] as const)(
    "%s + %s audio over %s, digest auth %s",
    async (codec, audio, transport, withAuth, want, handling) => {
      const sink = await relay(codec, audio, transport, withAuth);
      const config = sink.events.find((e) => e.type === "config");
      if (config?.type !== "config") throw new Error("no config");
      expect(config.tracks.video?.codecString).toMatch(want);
      expect([config.tracks.video?.width, config.tracks.video?.height]).toEqual([320, 180]);
      expect(sink.units("video")[0]?.key).toBe(true);
      if (audio === "aac") {
        await waitFor(() => sink.units("audio").length > 0, 5000, "AAC frames");
        expect(sink.events.filter((e) => e.type === "config").at(-1)).toMatchObject({
          tracks: { audio: { codec: "aac" } },
        });
      } else expect(sink.units("audio")).toEqual([]);
      if (handling) expect(sink.notes.at(-1)?.audio?.handling).toBe(handling);
      expect(sink.count("end")).toBe(0);
    },
    40_000,
  );

  it("a wrong password: the camera is reported unavailable (401) and the password never shows", async () => {
    const camera = await startGstCamera("h264", "none", auth);
    owned.push(camera);
    const source = new RtspRelaySource({
      url: camera.url("/cam", `${auth.user}:wrong-Pw`),
      ffmpegPath: "/usr/bin/ffmpeg",
      backoff: { initialMs: 60_000, maxMs: 60_000, healthyMs: 60_000 },
    });
    owned.push(source);
    const sink = new RecordingSink();
    source.start(sink);
    await waitFor(() => sink.count("end") > 0, 20_000, "the relay to give up");
    const reason = sink.events.find((e) => e.type === "end");
    expect(reason?.type === "end" && reason.reason).toMatch(/401|Unauthorized|authoriz/i);
    expect(JSON.stringify(sink.events)).not.toContain("wrong-Pw");
  }, 40_000);
});
