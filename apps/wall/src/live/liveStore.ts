// The live store: one slice per topic of the live socket, filled by per-topic reducers.
// Owns: the connection state and the latest data per topic. Adding a topic = a schema in topics.ts
// and a reducer here. Never opens sockets (LiveProvider does) and never renders.
import type { AlarmView, Camera, LiveMessage, LiveTopics, Preset, ScreenState as WireScreen } from "@cw/protocol";
import { createStore } from "zustand/vanilla";
import {
  applyAlarmLive,
  applyAlarmsLive,
  applyBoardLive,
  emptyLiveControl,
  type LiveControl,
} from "../duty/liveControl";
import { applyOrderLive, emptyLiveOrders, type LiveOrders } from "../orders/liveOrders";
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
  /** Orders pushed on the `order` topic (orders/liveOrders.ts). */
  orders: LiveOrders;
  /** +1 for every `inspection` change pushed (inspection views re-fetch when it moves); the last one. */
  inspectionSeq: number;
  inspectionLast: LiveTopics["inspection"] | null;
  /** The latest coalesced overview (map status, key figures, ticker); null until the first arrives. */
  overview: LiveTopics["overview"] | null;
  /** Alarms, roll-call cells and obligations pushed since connect (duty/liveControl.ts). */
  control: LiveControl;
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
    orders: emptyLiveOrders(),
    inspectionSeq: 0,
    inspectionLast: null,
    overview: null,
    control: emptyLiveControl(),
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
  inspection: (s, data) => ({ inspectionSeq: s.inspectionSeq + 1, inspectionLast: data }),
  order: (s, data, now) => ({ orders: applyOrderLive(s.orders, data, now) }),
  alarm: (s, data) => ({ control: applyAlarmLive(s.control, data) }),
  "rollcall.board": (s, data) => ({ control: applyBoardLive(s.control, data.cells) }),
  obligation: (s, data) => ({ control: { ...s.control, obligations: { ...s.control.obligations, [data.id]: data } } }),
  // A late message across a reconnect never replaces a newer overview.
  overview: (s, data) => (s.overview !== null && s.overview.at > data.at ? {} : { overview: data }),
};

export function applyLive(state: LiveState, msg: LiveMessage, now: number): Partial<LiveState> {
  const reducer = topicReducers[msg.topic] as (s: LiveState, d: unknown, now: number) => Partial<LiveState>;
  return reducer(state, msg.data, now);
}

/**
 * Applies the messages of one burst in order, as one state change (one render): consecutive `alarm`
 * messages are merged with a single copy of the alarm map.
 */
export function applyLiveBatch(state: LiveState, msgs: readonly LiveMessage[], now: number): LiveState {
  let s = state;
  let alarms: AlarmView[] = [];
  const flushAlarms = () => {
    if (alarms.length === 0) return;
    s = { ...s, control: applyAlarmsLive(s.control, alarms) };
    alarms = [];
  };
  for (const m of msgs) {
    if (m.topic === "alarm") {
      alarms.push(m.data);
      continue;
    }
    flushAlarms();
    s = { ...s, ...applyLive(s, m, now) };
  }
  flushAlarms();
  return s;
}

export const liveStore = createStore<LiveState>(initialLiveState);
