// The big-screen wall on the wire: layouts, the state of each output screen (layout, camera per tile,
// running tour, alarm tile), what consoles PUT, and presets (named layouts and tours). The gateway
// validates with these schemas and the wall renders from the inferred types. No I/O, no clock.
import { z } from "zod";
import { zId } from "./ids";

/** Layout ids: an N-tile grid, or one big tile plus small ones around it ("1+5" = 6 tiles). */
export const layoutIds = ["1", "4", "9", "16", "25", "36", "64", "1+5", "1+7", "1+12"] as const;
export const zLayoutId = z.enum(layoutIds);
export type LayoutId = z.infer<typeof zLayoutId>;

export const layoutTileCount: Readonly<Record<LayoutId, number>> = {
  "1": 1,
  "4": 4,
  "9": 9,
  "16": 16,
  "25": 25,
  "36": 36,
  "64": 64,
  "1+5": 6,
  "1+7": 8,
  "1+12": 13,
};

export const isLayoutId = (s: unknown): s is LayoutId => typeof s === "string" && s in layoutTileCount;

/** The most output screens a gateway drives (WALL_SCREENS). */
export const maxScreens = 16;
export const zScreenNumber = z.number().int().min(1).max(maxScreens);

/** A tile: a camera id, or null for an empty tile. */
export const zTile = zId.nullable();

/** Adds an issue at `tiles` when the tile count does not match the layout. */
function checkTiles(v: { layoutId: LayoutId; tiles: readonly (string | null)[] }, ctx: z.RefinementCtx): void {
  const want = layoutTileCount[v.layoutId];
  if (v.tiles.length !== want) {
    ctx.addIssue({
      code: "custom",
      path: ["tiles"],
      message: `layout ${v.layoutId} has ${want} tiles, got ${v.tiles.length}`,
    });
  }
}

/** The camera an alarm put on the screen; highlighted until the alarm is acknowledged. */
export const zAlarmTile = z.object({ cameraId: zId, alarmId: z.string().min(1).max(128), highlight: z.boolean() });
export type AlarmTile = z.infer<typeof zAlarmTile>;

/**
 * Where a running tour is, derived by the gateway from the logged start and the clock (steps are not
 * logged). `nextAt` is null while paused.
 */
export const zTourView = z.object({
  step: z.number().int().min(0),
  steps: z.number().int().min(0),
  paused: z.boolean(),
  dwellS: z.number().min(5),
  nextAt: z.number().nullable(),
});
export type TourView = z.infer<typeof zTourView>;

export const zScreenState = z
  .object({
    n: zScreenNumber,
    layoutId: zLayoutId,
    /** One entry per tile of the layout; while a tour runs, the tour's current page. */
    tiles: z.array(zTile),
    tourId: zId.nullable(),
    tour: zTourView.nullable(),
    alarmTile: zAlarmTile.nullable(),
    /**
     * Indexes of the tiles showing a camera this reader may not see (camera groups): their id is null
     * here and the wall shows "无权查看" in them. Absent when nothing is withheld. An alarm tile over such
     * a camera is null for this reader.
     */
    withheld: z.array(z.number().int().min(0)).optional(),
    /** +1 for every logged change of this screen (tour steps do not count); PUT's ifVersion. */
    version: z.number().int().min(0),
    updatedAt: z.number(),
    /** Username, "system:tour", "system:alarm", or null for the initial state. */
    updatedBy: z.string().nullable(),
  })
  .superRefine(checkTiles);
export type ScreenState = z.infer<typeof zScreenState>;

/** PUT /api/v1/wall/screens/{n}. `ifVersion` given and stale → 409 conflict. */
export const zScreenPut = z
  .object({
    layoutId: zLayoutId,
    tiles: z.array(zTile).max(64),
    tourId: zId.nullable().default(null),
    /** null clears the alarm tile; absent leaves it. */
    alarmTile: z.null().optional(),
    ifVersion: z.number().int().min(0).optional(),
  })
  .strict()
  .superRefine(checkTiles);
export type ScreenPut = z.infer<typeof zScreenPut>;

export const tourActions = ["start", "pause", "resume", "next", "prev", "stop"] as const;
/** POST /api/v1/wall/screens/{n}/tour. `start` needs tourId. */
export const zTourControl = z
  .object({ action: z.enum(tourActions), tourId: zId.optional() })
  .strict()
  .refine((v) => v.action !== "start" || v.tourId !== undefined, {
    message: "start needs a tourId",
    path: ["tourId"],
  });
export type TourControl = z.infer<typeof zTourControl>;

/** A tour step: these cameras, or every camera of a unit (bureau, prison, block or sub-block). */
export const zTourStep = z.union([
  z.object({ cameraIds: z.array(zId).min(1).max(64) }).strict(),
  z.object({ unitId: zId }).strict(),
]);
export type TourStep = z.infer<typeof zTourStep>;

export const minDwellS = 5;
export const zTour = z
  .object({ dwellS: z.number().min(minDwellS).max(3600), steps: z.array(zTourStep).min(1).max(200) })
  .strict();
export type Tour = z.infer<typeof zTour>;

const zPresetName = z.string().trim().min(1).max(60);

/** What a commander POSTs / PUTs (id optional on POST: the gateway makes one). */
export const zPresetInput = z.discriminatedUnion("kind", [
  z
    .object({
      id: zId.optional(),
      name: zPresetName,
      kind: z.literal("layout"),
      layoutId: zLayoutId,
      tiles: z.array(zTile),
    })
    .strict()
    .superRefine(checkTiles),
  z
    .object({ id: zId.optional(), name: zPresetName, kind: z.literal("tour"), layoutId: zLayoutId, tour: zTour })
    .strict(),
]);
export type PresetInput = z.infer<typeof zPresetInput>;

const presetMeta = { id: zId, updatedAt: z.number(), updatedBy: z.string().nullable() };
export const zPreset = z.discriminatedUnion("kind", [
  z.object({ ...presetMeta, name: zPresetName, kind: z.literal("layout"), layoutId: zLayoutId, tiles: z.array(zTile) }),
  z.object({ ...presetMeta, name: zPresetName, kind: z.literal("tour"), layoutId: zLayoutId, tour: zTour }),
]);
export type Preset = z.infer<typeof zPreset>;
export type LayoutPreset = Extract<Preset, { kind: "layout" }>;
export type TourPreset = Extract<Preset, { kind: "tour" }>;
