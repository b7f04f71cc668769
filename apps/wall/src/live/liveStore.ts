// The live store: one slice per topic of the live socket, filled by per-topic reducers.
// Owns: the connection state and the latest data per topic. Adding a topic = a schema in topics.ts
// and a reducer here. Never opens sockets (LiveProvider does) and never renders.
import type { Camera, LiveMessage, LiveTopics, Preset, ScreenState as WireScreen } from "@cw/protocol";
import { createStore } from "zustand/vanilla";
import { type HealthByCamera, mergeHealth } from "./health";
import type { ConnState } from "./liveSocket";

export interface LiveState {
  conn: ConnState;
  hello: LiveTopics["hello"] | null;
  /** serverTime − local time at hello, so latency can be measured against the server clock. */
  clockOffsetMs: number;
  health: HealthByCamera;
  /** Catalogue changes since load (null = removed); the tree merges them over its fetched copy. */
  cameraChanges: Record<string, Camera | null>;
  /** Output screens as the gateway holds them (every screen on connect, then changes), by number. */
  wallScreens: Record<number, WireScreen>;
  /** Presets saved (or deleted: null) since connect, by id. */
  presetChanges: Record<string, Preset | null>;
  /** True after (re)connect until the first stream.health snapshot arrives. */
  awaitingSnapshot: boolean;
}

export function initialLiveState(): LiveState {
  return {
    conn: "connecting",
    hello: null,
    clockOffsetMs: 0,
    health: {},
    cameraChanges: {},
    wallScreens: {},
    presetChanges: {},
    awaitingSnapshot: true,
  };
}

type Reducers = { [K in LiveMessage["topic"]]: (s: LiveState, data: LiveTopics[K], now: number) => Partial<LiveState> };

export const topicReducers: Reducers = {
  hello: (_s, data, now) => ({ hello: data, clockOffsetMs: data.serverTime - now }),
  "stream.health": (s, data) => ({ health: mergeHealth(s.health, data, s.awaitingSnapshot), awaitingSnapshot: false }),
  "catalogue.camera": (s, data) => ({ cameraChanges: { ...s.cameraChanges, [data.id]: data.camera } }),
  // A stale version (a late message across a reconnect) never overwrites a newer one; tour steps
  // keep the version, so an equal version is accepted.
  "wall.screen": (s, data) =>
    (s.wallScreens[data.n]?.version ?? -1) > data.version ? {} : { wallScreens: { ...s.wallScreens, [data.n]: data } },
  preset: (s, data) => ({ presetChanges: { ...s.presetChanges, [data.id]: data.preset } }),
};

export function applyLive(state: LiveState, msg: LiveMessage, now: number): Partial<LiveState> {
  const reducer = topicReducers[msg.topic] as (s: LiveState, d: unknown, now: number) => Partial<LiveState>;
  return reducer(state, msg.data, now);
}

export const liveStore = createStore<LiveState>(initialLiveState);
