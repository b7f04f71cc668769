// Tours as the gateway keeps them (presets of kind "tour": steps of camera lists or units) and as the
// console edits and runs them locally (a list of cameras and groups). Owns: the two conversions and
// the preset list's ordering. Pure: no I/O, no clock.
import type { Preset, PresetInput, TourPreset, TourStep } from "@cw/protocol";
import type { LayoutId } from "./layouts";
import type { Tour, TourItem } from "./tour";

/** Most cameras one step may list (the wire's bound; a longer run of cameras becomes several steps). */
const maxStepCameras = 64;

/** A saved tour preset as the console's local tour (steps flattened back into cameras and groups). */
export function tourFromPreset(p: TourPreset): Tour {
  const items: TourItem[] = [];
  for (const step of p.tour.steps) {
    if ("unitId" in step) items.push({ kind: "group", id: step.unitId });
    else for (const id of step.cameraIds) items.push({ kind: "camera", id });
  }
  return { id: p.id, name: p.name, items, dwellMs: p.tour.dwellS * 1000 };
}

/** Consecutive cameras share a step (one page run); each group is a step of its own. */
export function stepsOf(items: readonly TourItem[]): TourStep[] {
  const steps: TourStep[] = [];
  let run: string[] = [];
  const flush = () => {
    for (let i = 0; i < run.length; i += maxStepCameras) steps.push({ cameraIds: run.slice(i, i + maxStepCameras) });
    run = [];
  };
  for (const item of items) {
    if (item.kind === "camera") run.push(item.id);
    else {
      flush();
      steps.push({ unitId: item.id });
    }
  }
  flush();
  return steps;
}

/** What to POST for a new tour preset shown in `layoutId`. */
export function tourPresetInput(tour: Omit<Tour, "id">, layoutId: LayoutId): PresetInput {
  return {
    name: tour.name.trim(),
    kind: "tour",
    layoutId,
    tour: { dwellS: Math.round(tour.dwellMs / 1000), steps: stepsOf(tour.items) },
  };
}

/** Presets in a stable order for lists: by name, then id. */
export function sortPresets(list: readonly Preset[]): Preset[] {
  return [...list].sort((a, b) => a.name.localeCompare(b.name, "zh-CN") || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
