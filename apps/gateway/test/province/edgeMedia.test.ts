// The bureau plays an edge camera through the edge (issue 18 item 1): a bureau and an edge as two real
// gateway processes on 127.0.0.1; the edge's simulated cameras appear at the bureau as GB cameras
// (`gb-<channelId>`); the bureau's first playlist request INVITEs the edge, whose uplink sender answers with
// PS over RTP from the camera's own stream; the bureau packages it, and ffprobe decodes its segments. The
// edge runs that camera's source once, however many watch it.
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginWith, type Requester, requester } from "../helpers";
import { type ProvincePair, startProvincePair } from "./pair";

let pair: ProvincePair;
let req: Requester;
let cookie: string;

beforeAll(async () => {
  pair = await startProvincePair(); // the edge with its simulated cameras (SIM defaults on)
  req = requester(pair.bureau.url);
  cookie = await loginWith(req, "commander", "test-pass");
}, 150_000);

afterAll(async () => {
  await pair?.stop();
});

async function poll<T>(f: () => Promise<T | null>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== null) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

function ffprobe(mp4: Buffer): { codec: string; frames: number; width: number } {
  const r = spawnSync(
    "/usr/bin/ffprobe",
    ["-v", "error", "-show_entries", "frame=width:stream=codec_name", "-of", "json", "-show_frames", "-"],
    { input: mp4, maxBuffer: 64 * 1024 * 1024 },
  );
  if (r.error || r.status !== 0) throw new Error(`ffprobe: ${r.error?.message ?? r.stderr.toString()}`);
  const j = JSON.parse(r.stdout.toString()) as { frames: { width: number }[]; streams: { codec_name: string }[] };
  return { codec: j.streams[0]?.codec_name ?? "", frames: j.frames.length, width: j.frames[0]?.width ?? 0 };
}

describe("bureau → edge → camera", () => {
  it("the bureau's playlist of an edge camera serves segments whose video decodes; one source at the edge", async () => {
    const camera = await poll(
      async () => {
        const res = await req("/api/v1/cameras?prisonId=pj", { cookie });
        const cams = (await res.json()) as { id: string; name: string }[];
        return cams.find((c) => c.id.startsWith("gb-")) ?? null;
      },
      60_000,
      "the edge's cameras at the bureau",
    );
    const play = (await (await req(`/api/v1/cameras/${camera.id}/play?variant=main`, { cookie })).json()) as {
      hls: string;
    };
    const url = `${pair.bureau.url}${play.hls}`;
    // A cold start: INVITE, the edge's stream (its clip may be rendered first), then a whole segment.
    const playlist = await poll(
      async () => {
        const res = await fetch(url);
        const text = await res.text();
        return res.status === 200 && text.includes("#EXTINF") ? text : null;
      },
      60_000,
      "a playlist with a segment",
    );
    const base = url.slice(0, url.lastIndexOf("/") + 1);
    const map = /#EXT-X-MAP:URI="([^"]+)"/.exec(playlist)?.[1];
    const segment = playlist.split("\n").find((l) => l.length > 0 && !l.startsWith("#"));
    expect(map && segment).toBeTruthy();
    const init = Buffer.from(await (await fetch(base + map)).arrayBuffer());
    const media = Buffer.from(await (await fetch(base + segment)).arrayBuffer());
    const p = ffprobe(Buffer.concat([init, media]));
    expect(p.codec).toBe("h264");
    expect(p.frames).toBeGreaterThan(5);
    expect(p.width).toBeGreaterThan(0);
    // At the edge: the camera the bureau watches runs once (its main stream), fed to the uplink by a tap.
    const edgeReq = requester(pair.edge.url);
    const edgeCookie = await loginWith(edgeReq, "commander", "test-pass");
    const streams = (await (await edgeReq("/api/v1/streams", { cookie: edgeCookie })).json()) as {
      cameraId: string;
      variant: string;
      state: string;
    }[];
    const running = streams.filter((s) => s.state !== "idle");
    expect(running).toHaveLength(1);
    expect(running[0]).toMatchObject({ variant: "main" });
  }, 150_000);
});
