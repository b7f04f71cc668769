// What a prison-bound session sees of a preset. The output screens belong to the bureau's centre
// (wall.view / wall.edit in the policy table: operators get 403 and no wall.screen messages). Presets
// are shared by every console, so operators read them too, but only what lies in their prison: other
// prisons' tiles show empty and their tour steps are left out. Pure; the routes and the live hub call it.
import type { Preset, TourStep } from "@cw/protocol";
import type { WallCatalogue } from "./catalogueView";

/** The preset as a session limited to `prisonId` may see it (null: the whole province, unchanged). */
export function scopePreset(preset: Preset, prisonId: string | null, catalogue: WallCatalogue): Preset {
  if (prisonId === null) return preset;
  const mine = (cameraId: string) => catalogue.cameraPrison(cameraId) === prisonId;
  if (preset.kind === "layout") {
    return { ...preset, tiles: preset.tiles.map((id) => (id !== null && mine(id) ? id : null)) };
  }
  const steps = preset.tour.steps.flatMap((step): TourStep[] => {
    if ("unitId" in step) return catalogue.unitPrison(step.unitId) === prisonId ? [step] : [];
    const cameraIds = step.cameraIds.filter(mine);
    return cameraIds.length > 0 ? [{ cameraIds }] : [];
  });
  return { ...preset, tour: { ...preset.tour, steps } };
}
