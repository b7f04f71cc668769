import type { TourPreset } from "@cw/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TourItem } from "../src/wall/tour";
import { stepsOf, tourFromPreset, tourPresetInput } from "../src/wall/tourPreset";

const cam = (id: string): TourItem => ({ kind: "camera", id });
const group = (id: string): TourItem => ({ kind: "group", id });

describe("tour presets", () => {
  it.each([
    { items: [cam("a"), cam("b")], steps: [{ cameraIds: ["a", "b"] }] },
    { items: [group("pj")], steps: [{ unitId: "pj" }] },
    {
      items: [cam("a"), group("pj"), cam("b"), cam("c")],
      steps: [{ cameraIds: ["a"] }, { unitId: "pj" }, { cameraIds: ["b", "c"] }],
    },
    { items: [], steps: [] },
  ])("steps of $items.length items", ({ items, steps }) => {
    expect(stepsOf(items)).toEqual(steps);
  });

  it("splits a long run of cameras into steps of at most 64", () => {
    const items = Array.from({ length: 130 }, (_, i) => cam(`c${i}`));
    expect(stepsOf(items).map((s) => ("cameraIds" in s ? s.cameraIds.length : 0))).toEqual([64, 64, 2]);
  });

  it("builds the POST body with whole seconds of dwell", () => {
    expect(tourPresetInput({ name: " t ", items: [cam("a")], dwellMs: 7_400 }, "9")).toEqual({
      name: "t",
      kind: "tour",
      layoutId: "9",
      tour: { dwellS: 7, steps: [{ cameraIds: ["a"] }] },
    });
  });

  it("property: preset → local tour → steps round-trips the items", () => {
    const item = fc.oneof(fc.constantFrom("a", "b", "c").map(cam), fc.constantFrom("pj", "sy1").map(group));
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 30 }), (items) => {
        const preset: TourPreset = {
          id: "t1",
          name: "t",
          kind: "tour",
          layoutId: "4",
          tour: { dwellS: 5, steps: stepsOf(items) },
          updatedAt: 0,
          updatedBy: null,
        };
        const tour = tourFromPreset(preset);
        expect(tour.items).toEqual(items);
        expect(stepsOf(tour.items)).toEqual(preset.tour.steps);
        expect(tour.dwellMs).toBe(5_000);
      }),
    );
  });
});
