// What a session sees of a preset (prison scope, camera groups). The output screens belong to the bureau's centre
// (wall.view / wall.edit in the policy table: operators get 403 and no wall.screen messages). Presets
// are shared by every console, so operators read them too, but only what lies in their prison: other
// prisons' tiles show empty and their tour steps are left out. Pure; the routes and the live hub call it.
import type { Preset, ScreenState, TourStep } from "@cw/protocol";
import type { WallCatalogue } from "./catalogueView";
import type { CameraSight } from "./sight";

/**
 * The preset as a session may see it: cameras of other prisons, and restricted cameras whose groups leave
 * the user out, are left out (a tile shows empty); province-wide sessions see units whole.
 */
export function scopePreset(preset: Preset, sight: CameraSight, catalogue: WallCatalogue): Preset {
  const prisonId = sight.scope;
  const mine = (cameraId: string) => sight.sees(cameraId);
  if (preset.kind === "layout") {
    return { ...preset, tiles: preset.tiles.map((id) => (id !== null && mine(id) ? id : null)) };
  }
  const steps = preset.tour.steps.flatMap((step): TourStep[] => {
    if ("unitId" in step) return prisonId === null || catalogue.unitPrison(step.unitId) === prisonId ? [step] : [];
    const cameraIds = step.cameraIds.filter(mine);
    return cameraIds.length > 0 ? [{ cameraIds }] : [];
  });
  return { ...preset, tour: { ...preset.tour, steps } };
}

/**
 * An output screen as a session may see it: a tile over a camera it may not see is null and listed in
 * `withheld` (the wall says "无权查看" there, not an empty tile), an alarm tile over one is null. The same
 * object when nothing is withheld.
 */
export function scopeScreen(screen: ScreenState, sight: Pick<CameraSight, "sees">): ScreenState {
  const withheld = screen.tiles.flatMap((id, i) => (id !== null && !sight.sees(id) ? [i] : []));
  const hideAlarm = screen.alarmTile !== null && !sight.sees(screen.alarmTile.cameraId);
  if (withheld.length === 0 && !hideAlarm) return screen;
  return {
    ...screen,
    tiles: screen.tiles.map((id, i) => (withheld.includes(i) ? null : id)),
    alarmTile: hideAlarm ? null : screen.alarmTile,
    ...(withheld.length > 0 ? { withheld } : {}),
  };
}
