// The wall service: the one writer of wall events (screen edits, tour controls, presets, the alarm
// tile) and the one source of what a screen shows now. Writes are serialised so ifVersion checks and
// the log agree; every logged change and every tour page that comes due reaches onScreen / onPreset
// listeners in the same tick (the live hub pushes them). Tour pages are not logged: they follow from
// the logged run anchor, the dwell and the clock (tour.ts). Never touches HTTP or sockets.
import { type Actor, userActor } from "@cw/alerts";
import {
  fail,
  layoutTileCount,
  type Preset,
  type PresetInput,
  type Result,
  type ScreenPut,
  type ScreenState,
  type TourControl,
} from "@cw/protocol";
import type { Commit } from "../../events/codec";
import type { GatewayEvent, LoggedEvent } from "../../events/map";
import { type AlarmWallRule, applyAlarmToScreens, clearAlarmHighlight, type WallAlarm } from "./alarmTile";
import type { WallCatalogue } from "./catalogueView";
import { planPreset, planScreenPut, tourPreset } from "./plan";
import type { StoredScreen, WallProjection, WallScreenSetData } from "./projection";
import { type Timers, TourScheduler } from "./scheduler";
import { controlRun, startRun, tourPages, tourPosition, tourView } from "./tour";

export interface WallServiceDeps {
  projection: WallProjection;
  catalogue: WallCatalogue;
  commit: Commit;
  /** Logged events after replay (the service turns wall events into pushes). */
  onEvent(listener: (e: LoggedEvent) => void): () => void;
  now: () => number;
  alarmRule: AlarmWallRule;
  newPresetId: () => string;
  timers?: Timers;
}

export interface Caller {
  username: string;
  /** Whether the caller may see a camera (prison scope, camera groups: wall/sight.ts). */
  sees(cameraId: string): boolean;
}

export class WallService {
  private readonly screenListeners = new Set<(s: ScreenState) => void>();
  private readonly presetListeners = new Set<(id: string, preset: Preset | null) => void>();
  /** What was last pushed per screen, so a tour tick pushes only screens whose page moved. */
  private readonly pushed = new Map<number, string>();
  private readonly scheduler: TourScheduler;
  private readonly unsubscribe: () => void;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: WallServiceDeps) {
    this.scheduler = new TourScheduler(
      () => this.nextDue(),
      deps.now,
      () => this.refresh(),
      deps.timers,
    );
    this.unsubscribe = deps.onEvent((e) => this.onLogged(e));
    for (const s of this.screens()) this.pushed.set(s.n, pushKey(s));
    this.scheduler.reschedule();
  }

  get count(): number {
    return this.deps.projection.count;
  }

  /** What screen n shows now (a running tour's current page in `tiles`), or undefined. */
  screen(n: number): ScreenState | undefined {
    const stored = this.deps.projection.screen(n);
    return stored && n <= this.count ? this.view(stored) : undefined;
  }
  screens(): ScreenState[] {
    return this.deps.projection.screens().map((s) => this.view(s));
  }
  preset(id: string): Preset | undefined {
    return this.deps.projection.preset(id);
  }
  presets(): Preset[] {
    return this.deps.projection.presets();
  }

  onScreen(listener: (s: ScreenState) => void): () => void {
    this.screenListeners.add(listener);
    return () => this.screenListeners.delete(listener);
  }
  onPreset(listener: (id: string, preset: Preset | null) => void): () => void {
    this.presetListeners.add(listener);
    return () => this.presetListeners.delete(listener);
  }

  put(n: number, input: ScreenPut, caller: Caller): Promise<Result<ScreenState>> {
    return this.exclusive(async () => {
      const cur = this.stored(n);
      if (!cur) return fail("not_found", `no screen ${n}: the wall has ${this.count}`);
      const plan = planScreenPut(cur, input, {
        catalogue: this.deps.catalogue,
        preset: (id) => this.preset(id),
        sees: (id) => caller.sees(id),
        now: this.deps.now(),
      });
      if (!plan.ok) return plan;
      return this.set(plan.value, userActor(caller.username));
    });
  }

  controlTour(n: number, control: TourControl, caller: Caller): Promise<Result<ScreenState>> {
    return this.exclusive(async () => {
      const cur = this.stored(n);
      if (!cur) return fail("not_found", `no screen ${n}: the wall has ${this.count}`);
      const now = this.deps.now();
      if (control.action === "start") {
        const id = control.tourId ?? "";
        const tour = tourPreset(this.preset(id));
        if (!tour) return fail("validation", `no tour ${id}`, "tourId");
        const want = layoutTileCount[tour.layoutId];
        const tiles = [
          ...cur.state.tiles.slice(0, want),
          ...new Array<null>(Math.max(0, want - cur.state.tiles.length)).fill(null),
        ];
        const state = { ...cur.state, layoutId: tour.layoutId, tiles, tourId: id };
        return this.set({ n, state, run: startRun(id, now) }, userActor(caller.username));
      }
      const run = cur.run;
      const tour = run && tourPreset(this.preset(run.tourId));
      if (!run || !tour) return fail("conflict", `no tour is running on screen ${n}`);
      if (control.action === "stop") {
        // The page on screen stays: stopping freezes it rather than jumping back to the hand-set tiles.
        const shown = this.view(cur);
        return this.set(
          { n, state: { ...cur.state, tiles: shown.tiles, tourId: null }, run: null },
          userActor(caller.username),
        );
      }
      const pages = tourPages(tour.tour, layoutTileCount[cur.state.layoutId], this.deps.catalogue).length;
      const next = controlRun(run, control.action, tour.tour.dwellS * 1000, pages, now);
      return this.set({ n, state: cur.state, run: next }, userActor(caller.username));
    });
  }

  /** POST (mode create, 409 on a taken id) or PUT (mode replace, 404 when missing). */
  savePreset(input: PresetInput, mode: "create" | "replace", caller: Caller, id?: string): Promise<Result<Preset>> {
    return this.exclusive(async () => {
      const presetId = id ?? input.id ?? this.deps.newPresetId();
      if (input.id !== undefined && input.id !== presetId)
        return fail("validation", "the id differs from the path", "id");
      const exists = this.preset(presetId) !== undefined;
      if (mode === "create" && exists) return fail("conflict", `preset ${presetId} already exists`, "id");
      if (mode === "replace" && !exists) return fail("not_found", `no preset ${presetId}`);
      const plan = planPreset(input, presetId, this.deps.catalogue, caller.username, this.deps.now());
      if (!plan.ok) return plan;
      await this.deps.commit([
        { type: "preset.saved", actor: userActor(caller.username), data: { preset: plan.value } },
      ]);
      const saved = this.preset(presetId);
      return saved ? { ok: true, value: saved } : fail("conflict", `preset ${presetId} was not saved`);
    });
  }

  /** Deleting a tour stops it on every screen running it (same append: one atomic change). */
  deletePreset(id: string, caller: Caller): Promise<Result<void>> {
    return this.exclusive(async () => {
      if (!this.preset(id)) return fail("not_found", `no preset ${id}`);
      const events: GatewayEvent[] = [{ type: "preset.deleted", actor: userActor(caller.username), data: { id } }];
      for (const s of this.deps.projection.screens()) {
        if (s.run?.tourId !== id) continue;
        const data: WallScreenSetData = {
          n: s.state.n,
          state: { ...s.state, tiles: this.view(s).tiles, tourId: null },
          run: null,
        };
        events.push({ type: "wall.screen.set", actor: userActor(caller.username), data });
      }
      await this.deps.commit(events);
      return { ok: true, value: undefined };
    });
  }

  /** For the alarm projection: a new alarm with a camera goes to the rule's screen's alarm tile. */
  onAlarmRaised(alarm: WallAlarm): Promise<void> {
    return this.exclusive(async () => {
      if (alarm.cameraId === null || !this.deps.catalogue.hasCamera(alarm.cameraId)) return;
      const changed = applyAlarmToScreens(this.storedStates(), alarm, this.deps.alarmRule);
      await this.setMany(changed, "system:alarm");
    });
  }

  /** For the alarm projection: acknowledged → the alarm tile stops flashing. */
  onAlarmAcknowledged(alarmId: string): Promise<void> {
    return this.exclusive(async () => {
      await this.setMany(clearAlarmHighlight(this.storedStates(), alarmId), "system:alarm");
    });
  }

  /** Pushes every screen whose tour page moved since the last push, then waits for the next page. */
  refresh(): void {
    for (const s of this.screens()) {
      const key = pushKey(s);
      if (this.pushed.get(s.n) === key) continue;
      this.pushed.set(s.n, key);
      for (const l of this.screenListeners) l(s);
    }
    this.scheduler.reschedule();
  }

  close(): void {
    this.scheduler.close();
    this.unsubscribe();
    this.screenListeners.clear();
    this.presetListeners.clear();
  }

  private stored(n: number): StoredScreen | undefined {
    return n >= 1 && n <= this.count ? this.deps.projection.screen(n) : undefined;
  }
  private storedStates(): ScreenState[] {
    return this.deps.projection.screens().map((s) => s.state);
  }

  private async set(data: WallScreenSetData, actor: Actor): Promise<Result<ScreenState>> {
    await this.deps.commit([{ type: "wall.screen.set", actor, data }]);
    const s = this.screen(data.n);
    return s ? { ok: true, value: s } : fail("not_found", `no screen ${data.n}`);
  }

  private async setMany(states: ScreenState[], actor: Actor): Promise<void> {
    if (states.length === 0) return;
    await this.deps.commit(
      states.map((state) => ({
        type: "wall.screen.set",
        actor,
        data: { n: state.n, state, run: this.deps.projection.screen(state.n)?.run ?? null } satisfies WallScreenSetData,
      })),
    );
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.queue.then(fn);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private view(stored: StoredScreen): ScreenState {
    const { state, run } = stored;
    const tour = run && tourPreset(this.preset(run.tourId));
    if (!run || !tour) return { ...state, tour: null };
    const size = layoutTileCount[state.layoutId];
    const pages = tourPages(tour.tour, size, this.deps.catalogue);
    const view = tourView(run, tour.tour, pages.length, this.deps.now());
    const tiles = pages[view.step] ?? new Array<string | null>(size).fill(null);
    return { ...state, tiles, tour: view };
  }

  private nextDue(): number | null {
    let due: number | null = null;
    for (const s of this.deps.projection.screens()) {
      const tour = s.run && tourPreset(this.preset(s.run.tourId));
      if (!s.run || !tour) continue;
      const pages = tourPages(tour.tour, layoutTileCount[s.state.layoutId], this.deps.catalogue).length;
      const at = tourPosition(s.run, tour.tour.dwellS * 1000, pages, this.deps.now()).nextAt;
      if (at !== null && (due === null || at < due)) due = at;
    }
    return due;
  }

  private onLogged(e: LoggedEvent): void {
    if (e.type === "wall.screen.set") {
      const s = this.screen(e.data.n);
      if (s) this.pushScreen(s);
    } else if (e.type === "preset.saved" || e.type === "preset.deleted") {
      const id = e.type === "preset.saved" ? e.data.preset.id : e.data.id;
      const preset = this.preset(id) ?? null;
      for (const l of this.presetListeners) l(id, preset);
      // A tour edited while it runs: its screens show the new pages now. (A deleted tour's screens are
      // stopped by wall.screen.set events in the same append; they push themselves.)
      if (preset) {
        for (const s of this.screens()) if (s.tourId === id && this.pushed.get(s.n) !== pushKey(s)) this.pushScreen(s);
      }
    } else return;
    this.scheduler.reschedule();
  }

  private pushScreen(s: ScreenState): void {
    this.pushed.set(s.n, pushKey(s));
    for (const l of this.screenListeners) l(s);
  }
}

/** Equal keys = nothing new to show (same logged version, same page, same tiles). */
function pushKey(s: ScreenState): string {
  return `${s.version}|${s.tour?.step ?? -1}|${s.tour?.paused ?? ""}|${s.tiles.join(",")}`;
}
