// Plans wall changes from client input against the current state: checks what zod cannot (cameras,
// units and tours exist, no camera twice on a screen, the caller's version is current) and returns the
// event data to log, or an error as data {code, message, field}. Pure: never logs, never reads a clock.
import {
  fail,
  type Preset,
  type PresetInput,
  type Result,
  type ScreenPut,
  type ScreenState,
  type TourPreset,
} from "@cw/protocol";
import type { WallCatalogue } from "./catalogueView";
import type { StoredScreen, WallScreenSetData } from "./projection";
import { startRun } from "./tour";

/** Every camera exists and the caller may see it; none appears twice. */
export function checkTiles(
  tiles: readonly (string | null)[],
  catalogue: WallCatalogue,
  sees: (cameraId: string) => boolean,
  field = "tiles",
): Result<void> {
  const seen = new Set<string>();
  for (const [i, id] of tiles.entries()) {
    if (id === null) continue;
    const prison = catalogue.cameraPrison(id);
    if (prison === undefined) return fail("validation", `no camera ${id}`, `${field}.${i}`);
    if (!sees(id))
      return fail("forbidden", `camera ${id} is not yours to show (another prison or a camera group)`, `${field}.${i}`);
    if (seen.has(id)) return fail("validation", `camera ${id} is already on another tile`, `${field}.${i}`);
    seen.add(id);
  }
  return { ok: true, value: undefined };
}

export interface PutContext {
  catalogue: WallCatalogue;
  preset(id: string): Preset | undefined;
  sees(cameraId: string): boolean;
  now: number;
}

export function tourPreset(preset: Preset | undefined): TourPreset | null {
  return preset?.kind === "tour" ? preset : null;
}

/**
 * PUT /wall/screens/{n}: the new logged state. Keeps the running tour when the same tourId comes back
 * (a console re-saving the screen must not restart it), starts it when the tourId is new, stops it on
 * null. The alarm tile stays unless the client clears it.
 */
export function planScreenPut(cur: StoredScreen, input: ScreenPut, ctx: PutContext): Result<WallScreenSetData> {
  if (input.ifVersion !== undefined && input.ifVersion !== cur.state.version) {
    return fail("conflict", `screen ${cur.state.n} changed: version ${cur.state.version}, not ${input.ifVersion}`);
  }
  const tiles = checkTiles(input.tiles, ctx.catalogue, ctx.sees);
  if (!tiles.ok) return tiles;
  if (input.tourId !== null && !tourPreset(ctx.preset(input.tourId))) {
    return fail("validation", `no tour ${input.tourId}`, "tourId");
  }
  const run =
    input.tourId === null ? null : cur.run?.tourId === input.tourId ? cur.run : startRun(input.tourId, ctx.now);
  const state: ScreenState = {
    ...cur.state,
    layoutId: input.layoutId,
    tiles: [...input.tiles],
    tourId: input.tourId,
    tour: null,
    alarmTile: input.alarmTile === null ? null : cur.state.alarmTile,
  };
  return { ok: true, value: { n: cur.state.n, state, run } };
}

/** A preset to save: cameras and units must exist (commanders see the whole province). */
export function planPreset(
  input: PresetInput,
  id: string,
  catalogue: WallCatalogue,
  actor: string,
  now: number,
): Result<Preset> {
  const meta = { id, updatedAt: now, updatedBy: actor };
  if (input.kind === "layout") {
    const tiles = checkTiles(input.tiles, catalogue, () => true);
    if (!tiles.ok) return tiles;
    return {
      ok: true,
      value: { ...meta, name: input.name, kind: "layout", layoutId: input.layoutId, tiles: input.tiles },
    };
  }
  for (const [i, step] of input.tour.steps.entries()) {
    if ("unitId" in step) {
      if (catalogue.unitPrison(step.unitId) === undefined) {
        return fail("validation", `no prison, block or sub-block ${step.unitId}`, `tour.steps.${i}.unitId`);
      }
    } else {
      const bad = step.cameraIds.findIndex((c) => !catalogue.hasCamera(c));
      if (bad >= 0) return fail("validation", `no camera ${step.cameraIds[bad]}`, `tour.steps.${i}.cameraIds.${bad}`);
    }
  }
  return { ok: true, value: { ...meta, name: input.name, kind: "tour", layoutId: input.layoutId, tour: input.tour } };
}
