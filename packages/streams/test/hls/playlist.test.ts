// Golden playlist text and a strict line grammar for everything the packager renders.
import { describe, expect, it } from "vitest";
import { Packager } from "../../src/hls/packager";
import { renderPlaylist } from "../../src/hls/playlist";
import type { PartInfo, PlaylistView, SegmentInfo } from "../../src/hls/types";
import { strictCheck } from "./grammar";
import { feed, frames, VIDEO_ONLY } from "./synthetic";

const T0 = 1_700_000_000_000; // 2023-11-14T22:13:20.000Z

function segment(
  msn: number,
  i: number,
  opts: { disc?: boolean; init?: number; parts?: number; open?: boolean } = {},
): SegmentInfo {
  const parts: PartInfo[] = Array.from({ length: opts.parts ?? 5 }, (_, k) => ({
    index: k,
    durationMs: 200,
    independent: k === 0,
    bytes: Buffer.alloc(0),
  }));
  return {
    msn,
    startMs: i * 1000,
    durationMs: opts.open ? 0 : 1000,
    discontinuity: opts.disc ?? false,
    initVersion: opts.init ?? 1,
    programDateTime: T0 + i * 1000,
    parts,
    bytes: opts.open ? null : Buffer.alloc(0),
  };
}

describe("renderPlaylist", () => {
  it("golden text: MAP per init version, DISCONTINUITY, PDT, parts of the last three segments, preload hint", () => {
    const view: PlaylistView = {
      targetDurationS: 1,
      partTargetMs: 200,
      partHoldBackMs: 600,
      mediaSequence: 10,
      discontinuitySequence: 3,
      segments: [
        segment(10, 0),
        segment(11, 1),
        segment(12, 2, { disc: true, init: 2 }),
        segment(13, 3, { init: 2 }),
        segment(14, 4, { init: 2 }),
      ],
      open: segment(15, 5, { init: 2, parts: 2, open: true }),
      nextMsn: 16,
    };
    expect(renderPlaylist(view)).toBe(
      `#EXTM3U
#EXT-X-VERSION:9
#EXT-X-TARGETDURATION:1
#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=0.600
#EXT-X-PART-INF:PART-TARGET=0.200
#EXT-X-MEDIA-SEQUENCE:10
#EXT-X-DISCONTINUITY-SEQUENCE:3
#EXT-X-MAP:URI="init-1.mp4"
#EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:20.000Z
#EXTINF:1.000,
s10.m4s
#EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:21.000Z
#EXTINF:1.000,
s11.m4s
#EXT-X-DISCONTINUITY
#EXT-X-MAP:URI="init-2.mp4"
#EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:22.000Z
#EXTINF:1.000,
s12.m4s
#EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:23.000Z
#EXT-X-PART:DURATION=0.200,URI="p13.0.m4s",INDEPENDENT=YES
#EXT-X-PART:DURATION=0.200,URI="p13.1.m4s"
#EXT-X-PART:DURATION=0.200,URI="p13.2.m4s"
#EXT-X-PART:DURATION=0.200,URI="p13.3.m4s"
#EXT-X-PART:DURATION=0.200,URI="p13.4.m4s"
#EXTINF:1.000,
s13.m4s
#EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:24.000Z
#EXT-X-PART:DURATION=0.200,URI="p14.0.m4s",INDEPENDENT=YES
#EXT-X-PART:DURATION=0.200,URI="p14.1.m4s"
#EXT-X-PART:DURATION=0.200,URI="p14.2.m4s"
#EXT-X-PART:DURATION=0.200,URI="p14.3.m4s"
#EXT-X-PART:DURATION=0.200,URI="p14.4.m4s"
#EXTINF:1.000,
s14.m4s
#EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:25.000Z
#EXT-X-PART:DURATION=0.200,URI="p15.0.m4s",INDEPENDENT=YES
#EXT-X-PART:DURATION=0.200,URI="p15.1.m4s"
#EXT-X-PRELOAD-HINT:TYPE=PART,URI="p15.2.m4s"
`,
    );
  });

  it("between segments the hint names part 0 of the next one", () => {
    const text = renderPlaylist({
      targetDurationS: 1,
      partTargetMs: 200,
      partHoldBackMs: 600,
      mediaSequence: 0,
      discontinuitySequence: 0,
      segments: [segment(0, 0)],
      open: null,
      nextMsn: 1,
    });
    expect(text.trimEnd().split("\n").at(-1)).toBe('#EXT-X-PRELOAD-HINT:TYPE=PART,URI="p1.0.m4s"');
  });
});

describe("packager playlists pass the strict line check", () => {
  it("through start, steady state, discontinuity and codec change", () => {
    const p = new Packager({ now: () => T0 });
    p.config(VIDEO_ONLY);
    const seen: string[] = [];
    const check = (): void => {
      const text = p.playlist();
      if (text) seen.push(...strictCheck(text));
    };
    for (const u of [...frames(0, 200), ...frames(0, 60)]) {
      p.unit(u);
      check();
    }
    p.config({ video: { ...VIDEO_ONLY.video!, config: Buffer.from("0142001effe1", "hex") }, audio: null });
    for (const u of frames(9000, 60)) {
      p.unit(u);
      check();
    }
    expect(seen).toEqual([]);
    expect(p.playlist()).toContain('#EXT-X-MAP:URI="init-2.mp4"');
  });

  it("no playlist before the first part", () => {
    const p = new Packager();
    p.config(VIDEO_ONLY);
    feed(p, frames(0, 4));
    expect(p.playlist()).toBeNull();
  });
});
