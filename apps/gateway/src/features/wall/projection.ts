// The wall as a fold of the log: the latest logged state of each output screen (wall.screen.set) and
// the presets (preset.saved / preset.deleted). Versions, times and authors come from the log order, so
// every gateway replaying the same log agrees. Changes only through apply(event); never writes the log.
import type { Preset, ScreenState } from "@cw/protocol";
import { shownActor } from "../../events/actor";
import type { GatewayEventMap, LoggedEvent } from "../../events/map";

/**
 * A running tour's anchor: the page shown is anchorStep + whole dwells since anchorAt (frozen at
 * pausedAt while paused). Next/prev/pause/resume move the anchor; time alone never needs a log entry.
 */
export type TourRun = NonNullable<WallScreenSetData["run"]>;

/** A screen as logged: `state.tiles` are the tiles set by hand (a tour shows its pages over them). */
export interface StoredScreen {
  state: ScreenState;
  run: TourRun | null;
}

export type WallScreenSetData = GatewayEventMap["wall.screen.set"];

export type WallChange = { kind: "screen"; n: number } | { kind: "preset"; id: string };

export function initialScreen(n: number): StoredScreen {
  return {
    state: {
      n,
      layoutId: "4",
      tiles: [null, null, null, null],
      tourId: null,
      tour: null,
      alarmTile: null,
      version: 0,
      updatedAt: 0,
      updatedBy: null,
    },
    run: null,
  };
}

export class WallProjection {
  private readonly screenMap = new Map<number, StoredScreen>();
  private readonly presetMap = new Map<string, Preset>();

  /** Screens 1..count start as layout "4" with empty tiles until the log says otherwise. */
  constructor(readonly count: number) {
    for (let n = 1; n <= count; n++) this.screenMap.set(n, initialScreen(n));
  }

  screen(n: number): StoredScreen | undefined {
    return this.screenMap.get(n);
  }
  /** Screens 1..count in order (a log written with more screens keeps the extra ones, unserved). */
  screens(): StoredScreen[] {
    const out: StoredScreen[] = [];
    for (let n = 1; n <= this.count; n++) {
      const s = this.screenMap.get(n);
      if (s) out.push(s);
    }
    return out;
  }
  preset(id: string): Preset | undefined {
    return this.presetMap.get(id);
  }
  presets(): Preset[] {
    return [...this.presetMap.values()];
  }

  snapshot(): { screens: Map<number, StoredScreen>; presets: Map<string, Preset> } {
    return { screens: this.screenMap, presets: this.presetMap };
  }

  restore(data: unknown): void {
    const d = data as { screens: Map<number, StoredScreen>; presets: Map<string, Preset> };
    this.screenMap.clear();
    for (const [n, s] of d.screens) this.screenMap.set(n, s);
    this.presetMap.clear();
    for (const [id, p] of d.presets) this.presetMap.set(id, p);
  }

  fold(e: LoggedEvent): WallChange | null {
    if (e.type === "wall.screen.set") {
      const d = e.data;
      const version = (this.screenMap.get(d.n)?.state.version ?? 0) + 1;
      const state: ScreenState = { ...d.state, n: d.n, version, updatedAt: e.at, updatedBy: shownActor(e.actor) };
      this.screenMap.set(d.n, { state, run: d.run });
      return { kind: "screen", n: d.n };
    }
    if (e.type === "preset.saved") {
      const { preset } = e.data;
      this.presetMap.set(preset.id, { ...preset, updatedAt: e.at, updatedBy: shownActor(e.actor) });
      return { kind: "preset", id: preset.id };
    }
    if (e.type === "preset.deleted") {
      const { id } = e.data;
      if (!this.presetMap.delete(id)) return null;
      return { kind: "preset", id };
    }
    return null;
  }
}
