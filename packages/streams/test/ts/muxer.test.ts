import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { TsDemuxer } from "../../src/ts/demuxer";
import { TsMuxer } from "../../src/ts/muxer";
import { h264Fixture, h265Fixture, probeStreams } from "../fmp4/media";
import { RecordingSink } from "../sources/helpers/recording-sink";

const dir = mkdtempSync(join(tmpdir(), "cw-tsmux-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it.each([
  ["hevc", h265Fixture({ seconds: 2 })],
  ["h264", h264Fixture({ seconds: 2 })],
])("%s: ffprobe decodes every frame from 1.000 s; the demuxer reads the same frames back", (codec, fx) => {
  const m = new TsMuxer(fx.track);
  const ts = Buffer.concat(fx.aus.map((u) => m.unit(u.dts + 1000, u.pts + 1000, u.key, u.data)));
  const rows = probeStreams(join(dir, `${codec}.ts`), ts, "codec_name,start_time,nb_read_frames");
  expect(rows[0]).toEqual([codec, "1.000000", "50"]);
  const sink = new RecordingSink();
  const d = new TsDemuxer(sink);
  d.push(ts);
  d.flush();
  const back = sink.units("video");
  expect(back.map((u) => [u.dts, u.key])).toEqual(fx.aus.map((u) => [u.dts + 1000, u.key]));
});
