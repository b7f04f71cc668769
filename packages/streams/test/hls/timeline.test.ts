import { describe, expect, it } from "vitest";
import { Timeline, type TrackKind } from "../../src/hls/timeline";

const WRAP = 2 ** 32;
type Step = [TrackKind, number];

/** Maps each unit; a null result is a detected discontinuity, which the test rebases to continue at `at`. */
function run(steps: Step[], continueAt = (last: number) => last + 40): (number | string)[] {
  const t = new Timeline({ gapMs: 5000, backJumpMs: 1000 });
  let last = 0;
  let first = true;
  return steps.map(([kind, src]) => {
    const out = t.map(kind, src);
    if (out !== null) {
      last = out;
      return out;
    }
    const at = first ? 0 : continueAt(last);
    t.rebase(src, at);
    const mapped = t.map(kind, src)!;
    const label = first ? "start" : "disc";
    first = false;
    last = mapped;
    return `${label}@${mapped}`;
  });
}

describe("Timeline", () => {
  it.each<[string, Step[], (number | string)[]]>([
    [
      "continuous video",
      [
        ["video", 1000],
        ["video", 1040],
        ["video", 1080],
      ],
      ["start@0", 40, 80],
    ],
    [
      "audio interleaved slightly behind video",
      [
        ["video", 1000],
        ["audio", 990],
        ["video", 1040],
        ["audio", 1013],
      ],
      ["start@0", -10, 40, 13],
    ],
    [
      "restart at 0",
      [
        ["video", 5000],
        ["video", 5040],
        ["video", 0],
        ["video", 40],
      ],
      ["start@0", 40, "disc@80", 120],
    ],
    [
      "32-bit wrap is continuous",
      [
        ["video", WRAP - 80],
        ["video", WRAP - 40],
        ["video", 0],
        ["video", 40],
      ],
      ["start@0", 40, 80, 120],
    ],
    [
      "audio just before the wrap after video just past it",
      [
        ["video", WRAP - 40],
        ["video", 0],
        ["audio", WRAP - 20],
        ["video", 40],
      ],
      ["start@0", 40, 20, 80],
    ],
    [
      "gap > 5 s",
      [
        ["video", 0],
        ["video", 40],
        ["video", 9000],
      ],
      ["start@0", 40, "disc@80"],
    ],
    [
      "gap < 5 s is kept (a slow camera)",
      [
        ["video", 0],
        ["video", 4000],
      ],
      ["start@0", 4000],
    ],
    [
      "backward jump within a track",
      [
        ["video", 1000],
        ["video", 1040],
        ["video", 1020],
      ],
      ["start@0", 40, "disc@80"],
    ],
    [
      "audio far behind video (its source restarted)",
      [
        ["video", 5000],
        ["audio", 5000],
        ["video", 5040],
        ["audio", 2000],
      ],
      ["start@0", 0, 40, "disc@80"],
    ],
    [
      "duplicate timestamps are nudged 1 ms",
      [
        ["video", 0],
        ["video", 0],
        ["video", 0],
        ["video", 40],
      ],
      ["start@0", 1, 2, 40],
    ],
  ])("%s", (_name, steps, expected) => {
    expect(run(steps)).toEqual(expected);
  });

  it("needs a rebase before the first unit", () => {
    expect(new Timeline({ gapMs: 5000, backJumpMs: 1000 }).map("video", 0)).toBeNull();
  });
});
