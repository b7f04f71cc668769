// The tour stepper, pure: pages from steps (units expand in catalogue order), the page shown at a
// given time with an injected clock, and next/prev/pause/resume moving the run's anchor.
import type { Tour } from "@cw/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TourRun } from "../../src/features/wall/projection";
import {
  controlRun,
  type RunAction,
  startRun,
  type TourCatalogue,
  tourPages,
  tourPosition,
} from "../../src/features/wall/tour";

const units: Record<string, string[]> = {
  "pj-b1-s1": ["a1", "a2", "a3", "a4", "a5"],
  "pj-b1-s2": ["b1", "b2"],
};
const catalogue: TourCatalogue = {
  hasCamera: (id) => Object.values(units).some((cams) => cams.includes(id)) || id.startsWith("c"),
  unitCameras: (id) => units[id] ?? null,
};

describe("tourPages", () => {
  it.each([
    [
      "a unit fills pages in catalogue order",
      [{ unitId: "pj-b1-s1" }],
      4,
      [
        ["a1", "a2", "a3", "a4"],
        ["a5", null, null, null],
      ],
    ],
    [
      "camera steps are one page each",
      [{ cameraIds: ["c1"] }, { cameraIds: ["c2", "c3"] }],
      4,
      [
        ["c1", null, null, null],
        ["c2", "c3", null, null],
      ],
    ],
    ["a long camera step spills onto more pages", [{ cameraIds: ["c1", "c2", "c3"] }], 1, [["c1"], ["c2"], ["c3"]]],
    [
      "unknown cameras and units are skipped",
      [{ cameraIds: ["x9"] }, { unitId: "nope" }, { unitId: "pj-b1-s2" }],
      4,
      [["b1", "b2", null, null]],
    ],
    ["a camera twice in one step shows once", [{ cameraIds: ["c1", "c1"] }], 4, [["c1", null, null, null]]],
  ] as const)("%s", (_name, steps, tiles, pages) => {
    const tour: Tour = { dwellS: 10, steps: steps as unknown as Tour["steps"] };
    expect(tourPages(tour, tiles, catalogue)).toEqual(pages);
  });
});

describe("tourPosition with an injected clock", () => {
  const run = startRun("t", 1_000);
  it.each([
    [1_000, 0, 11_000],
    [10_999, 0, 11_000],
    [11_000, 1, 21_000],
    [31_000, 0, 41_000], // 3 pages: wraps round
    [500, 0, 11_000], // a clock before the start shows the first page
  ])("at %i shows page %i, next at %i", (now, step, nextAt) => {
    expect(tourPosition(run, 10_000, 3, now)).toMatchObject({ step, nextAt, paused: false });
  });

  it("does not step a single page or an empty tour", () => {
    expect(tourPosition(run, 10_000, 1, 50_000)).toMatchObject({ step: 0, nextAt: null });
    expect(tourPosition(run, 10_000, 0, 50_000)).toMatchObject({ step: 0, nextAt: null });
  });
});

describe("controlRun", () => {
  const dwell = 10_000;
  it("next/prev show the neighbour page for a full dwell", () => {
    const run = startRun("t", 0);
    const next = controlRun(run, "next", dwell, 3, 15_000); // page 1 on screen → 2
    expect(tourPosition(next, dwell, 3, 15_000)).toMatchObject({ step: 2, nextAt: 25_000 });
    const prev = controlRun(next, "prev", dwell, 3, 16_000);
    expect(tourPosition(prev, dwell, 3, 16_000).step).toBe(1);
    expect(tourPosition(controlRun(run, "prev", dwell, 3, 1), dwell, 3, 1).step).toBe(2);
  });

  it("pause freezes the page; resume keeps the rest of the dwell", () => {
    const paused = controlRun(startRun("t", 0), "pause", dwell, 3, 14_000);
    expect(tourPosition(paused, dwell, 3, 99_000)).toMatchObject({ step: 1, paused: true, nextAt: null });
    const resumed = controlRun(paused, "resume", dwell, 3, 100_000);
    // 4 s of page 1 were spent before the pause: 6 s remain.
    expect(tourPosition(resumed, dwell, 3, 100_000)).toMatchObject({ step: 1, paused: false, nextAt: 106_000 });
  });

  it("next while paused moves the page and stays paused", () => {
    const paused = controlRun(startRun("t", 0), "pause", dwell, 3, 1_000);
    const moved = controlRun(paused, "next", dwell, 3, 50_000);
    expect(tourPosition(moved, dwell, 3, 90_000)).toMatchObject({ step: 1, paused: true });
  });

  it("property: any sequence of actions keeps the page in range and pause keeps it still", () => {
    const action = fc.constantFrom<RunAction>("pause", "resume", "next", "prev");
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.tuple(action, fc.integer({ min: 0, max: 60_000 })), { maxLength: 30 }),
        (pages, actions) => {
          let run: TourRun = startRun("t", 0);
          let now = 0;
          for (const [a, dt] of actions) {
            now += dt;
            run = controlRun(run, a, dwell, pages, now);
            const pos = tourPosition(run, dwell, pages, now);
            expect(pos.step).toBeGreaterThanOrEqual(0);
            expect(pos.step).toBeLessThan(pages);
            if (pos.paused) expect(tourPosition(run, dwell, pages, now + 10 * dwell).step).toBe(pos.step);
            else if (pos.nextAt !== null) expect(pos.nextAt).toBeGreaterThan(now);
          }
        },
      ),
    );
  });
});
