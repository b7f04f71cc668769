// Simulator clip spec: cache keys, per-camera look and the ffmpeg command line (pure).
import { describe, expect, it } from "vitest";
import type { CameraSpec } from "../../src/media/types";
import { clipSpec, defaultSimFps, escapeFilterValue, hueOf, renderArgs } from "../../src/sources/sim/clip-spec";

const cam = (over: Partial<CameraSpec> = {}): CameraSpec => ({
  id: "pj-1-01",
  name: "一号门岗",
  label: "盘锦监狱 / 一监区",
  source: { kind: "sim" },
  codec: "h264",
  hasSubStream: true,
  ...over,
});
const cjk = { file: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", cjk: true };
const latin = { file: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", cjk: false };

describe("clipSpec", () => {
  it("is stable for the same camera and variant", () => {
    expect(clipSpec(cam(), "main", defaultSimFps, cjk).key).toBe(clipSpec(cam(), "main", defaultSimFps, cjk).key);
  });

  it.each([
    ["another camera", cam({ id: "pj-1-02" }), "main"],
    ["a renamed camera", cam({ name: "二号门岗" }), "main"],
    ["a moved camera", cam({ label: "盘锦监狱 / 二监区" }), "main"],
    ["the sub variant", cam(), "sub"],
  ] as const)("changes its key for %s", (_n, other, variant) => {
    expect(clipSpec(other, variant, defaultSimFps, cjk).key).not.toBe(clipSpec(cam(), "main", defaultSimFps, cjk).key);
  });

  it.each([
    ["a CJK font", cjk, "盘锦监狱 / 一监区", "一号门岗  pj-1-01"],
    ["only a Latin font", latin, "", "pj-1-01"],
    ["no font", null, "", ""],
  ])("with %s draws top=%j bottom=%j", (_n, font, top, bottom) => {
    expect(clipSpec(cam(), "main", defaultSimFps, font)).toMatchObject({ topText: top, bottomText: bottom });
  });

  it("makes a file name safe for any camera id", () => {
    expect(clipSpec(cam({ id: "../a b/c" }), "sub", defaultSimFps, null).fileName).toMatch(
      /^___a_b_c-sub-[0-9a-f]{16}\.flv$/,
    );
  });

  it("renders an H.265 camera's clip with x265 into MPEG-TS (FLV cannot carry HEVC on Debian 12's ffmpeg)", () => {
    const spec = clipSpec(cam({ codec: "h265" }), "main", defaultSimFps, null);
    expect(spec).toMatchObject({ codec: "h265", fileName: expect.stringMatching(/-main-[0-9a-f]{16}\.ts$/) });
    expect(spec.key).not.toBe(clipSpec(cam(), "main", defaultSimFps, null).key);
    const args = renderArgs(spec, null, { top: null, bottom: null }, "/tmp/x.ts");
    expect(args).toEqual(expect.arrayContaining(["libx265", "mpegts"]));
    expect(args.join(" ")).toMatch(/bframes=0:keyint=25:repeat-headers=1/);
    expect(
      renderArgs(clipSpec(cam(), "main", defaultSimFps, null), null, { top: null, bottom: null }, "/tmp/x.flv"),
    ).toEqual(expect.arrayContaining(["libx264", "flv"]));
  });

  it("gives cameras different hues", () => {
    const hues = new Set(Array.from({ length: 50 }, (_, i) => hueOf(`cam-${i}`)));
    expect(hues.size).toBeGreaterThan(40);
  });
});

describe("escapeFilterValue", () => {
  it.each([
    ["/usr/share/fonts/a.ttc", "/usr/share/fonts/a.ttc"],
    ["C:\\x", "C\\\\:\\\\\\\\x"],
    ["it's", "it\\\\\\'s"],
    ["a,b;[c]", "a\\,b\\;\\[c\\]"],
  ])("%s → %s", (v, escaped) => expect(escapeFilterValue(v)).toBe(escaped));
});

describe("renderArgs", () => {
  it("renders main: 960x540 at 25 fps, 1 s GOP, no B-frames, no audio, FLV", () => {
    const spec = clipSpec(cam(), "main", defaultSimFps, cjk);
    const a = renderArgs(spec, cjk, { top: "/c/top.txt", bottom: "/c/bottom.txt" }, "/c/out.tmp").join(" ");
    expect(a).toContain("testsrc2=size=960x540:rate=25:duration=4");
    expect(a).toContain(`hue=h=${spec.hue}`);
    expect(a).toContain("textfile=/c/top.txt:expansion=none");
    expect(a).toContain("-bf 0");
    expect(a).toContain("expr:gte(t,n_forced*1)");
    expect(a).toContain("-an -f flv /c/out.tmp");
  });

  it("renders sub at 480x270 and 12.5 fps and draws nothing without a font", () => {
    const spec = clipSpec(cam(), "sub", defaultSimFps, null);
    const a = renderArgs(spec, null, { top: null, bottom: null }, "/o").join(" ");
    expect(a).toContain("testsrc2=size=480x270:rate=12.5");
    expect(a).not.toContain("drawtext");
  });
});
