import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import HLS from "hls-parser";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { StreamRegistry } from "../../src/media/types";
import { createStreamRegistry } from "../../src/registry/registry";
import { aacFixture, h264Fixture, h265Fixture, interleave, probeStreams } from "../fmp4/media";
import { validateMedia, validateMultivariant } from "../hls/validate";
import { replaySource, testCamera } from "./replay";

const camera = { ...testCamera("gate-1", { kind: "sim" }), codec: "h265" as const, hasSubStream: true };
const dir = mkdtempSync(join(tmpdir(), "cw-mv-"));
let registry: StreamRegistry;

beforeAll(() => {
  const hevc = h265Fixture({ seconds: 4 });
  const sub = interleave(h264Fixture({ seconds: 4 }), aacFixture({ seconds: 4 }));
  registry = createStreamRegistry({
    resolve: (id) => (id === camera.id ? camera : null),
    sourceFactory: (_c, variant) =>
      variant === "main"
        ? replaySource({ video: hevc.track, audio: null }, hevc.aus, 4000)
        : replaySource(
            sub.tracks,
            sub.aus.filter((u) => u.dts < 4000),
            4000,
          ),
  });
});
afterAll(async () => {
  await registry.close();
  rmSync(dir, { recursive: true, force: true });
});

it("lists the HEVC main and the H.264 sub with CODECS and RESOLUTION; hls-parser accepts it", async () => {
  const r = await registry.multivariant(camera.id);
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  expect(validateMultivariant(r.value)).toEqual([]);
  const m = HLS.parse(r.value) as InstanceType<typeof HLS.types.MasterPlaylist>;
  const byUri = Object.fromEntries(m.variants.map((v) => [v.uri, v]));
  expect(byUri["main/index.m3u8"]?.codecs).toMatch(/^hvc1\.1\.6\.L\d+\.[0-9A-F]+$/);
  expect(byUri["main/index.m3u8"]?.resolution).toEqual({ width: 320, height: 180 });
  expect(byUri["sub/index.m3u8"]?.codecs).toMatch(/^avc1\.[0-9a-f]{6},mp4a\.40\.2$/);
  expect(m.independentSegments).toBe(true);
});

it("the HEVC passthrough's media playlist is valid and ffprobe decodes its init + segments", async () => {
  const deadline = Date.now() + 15_000;
  let text = "";
  while (Date.now() < deadline) {
    const p = await registry.playlist(camera.id, "main", {});
    if (p.ok) text = p.value;
    if ((text.match(/#EXTINF/g) ?? []).length >= 2) break;
    await new Promise((res) => setTimeout(res, 200));
  }
  expect(validateMedia(text)).toEqual([]);
  const msns = [...text.matchAll(/^s(\d+)\.m4s$/gm)].map((m) => Number(m[1]));
  const init = await registry.init(camera.id, "main");
  const segs = await Promise.all(msns.map((n) => registry.segment(camera.id, "main", n)));
  const bytes = [init, ...segs].map((x) => (x.ok ? x.value : Buffer.alloc(0)));
  const fields = "codec_name,codec_tag_string,nb_read_frames";
  const [[codec, tag, frames] = []] = probeStreams(join(dir, "hevc.mp4"), Buffer.concat(bytes), fields);
  expect([codec, tag]).toEqual(["hevc", "hvc1"]);
  expect(Number(frames)).toBeGreaterThanOrEqual(25 * msns.length - 1);
});
