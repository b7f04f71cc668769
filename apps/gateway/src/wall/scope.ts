// Who sees what of the wall. The output screens belong to the bureau's centre: operators (prison
// centres) get 403 on wall endpoints and no wall.screen messages. Presets are shared by every console,
// so operators read them too, but only what lies in their prison: other prisons' tiles show empty and
// their tour steps are left out. Pure; the routes and the live hub call it.
import type { Preset, Role, TourStep } from "@cw/protocol";
import type { WallCatalogue } from "./catalogueView";

/** Roles that may look at the output screens (GET and live). */
export const wallReaders: readonly Role[] = ["commander", "chief", "duty", "viewer"];
/** Roles that may change what the output screens show. */
export const wallEditors: readonly Role[] = ["commander", "chief", "duty"];
/** Roles that may save and delete presets. */
export const presetEditors: readonly Role[] = ["commander"];

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
