// Console commands on output screens: push the console's view to screen N, follow screen N (the
// console then shows and edits it live), and the gateway-run tour controls of a screen.
// Owns nothing but the calls; the screens' state arrives back over the live socket.
import type { TourControl } from "@cw/protocol";
import { errorText } from "../api/errorText";
import { screenOf } from "../wall/wallState";
import { consoleStore, ownView, wallStore } from "./consoleStore";
import { wallApi } from "./wallApi";

/**
 * Sends what the console shows to screen N. A push is a deliberate overwrite, so it carries no
 * ifVersion; it stops a tour running there (the operator chose these cameras).
 */
export async function pushToScreen(n: number): Promise<string | null> {
  const view = screenOf(wallStore.getState().screens, consoleStore.getState().screen);
  try {
    await wallApi.putScreen(n, { layoutId: view.layoutId, tiles: view.tiles, tourId: null });
    return null;
  } catch (err) {
    console.warn("push to screen failed", err);
    return errorText(err);
  }
}

/** Shows and edits screen N (or the console's own view for `ownView`); stops a local tour. */
export function followScreen(n: number): void {
  const s = consoleStore.getState();
  if (s.screen === n) return;
  consoleStore.setState({ screen: n, selectedTile: null, maximisedTile: null, tourRun: null });
}

export const isOutput = (screen: number): boolean => screen !== ownView;

export async function controlScreenTour(n: number, control: TourControl): Promise<string | null> {
  try {
    await wallApi.tour(n, control);
    return null;
  } catch (err) {
    console.warn("tour control failed", err);
    return errorText(err);
  }
}
