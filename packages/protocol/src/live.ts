// The one typed event map of the live WebSocket (/api/v1/live). Every message is {topic, data}.
// Later issues add topics here (alarms, orders, wall state); the wall's store is keyed by topic.

import { z } from "zod";
import type { AlarmView, BoardCellView, ObligationView } from "./alarms";
import type { Camera } from "./catalogue";
import type { InspectionChange } from "./inspection";
import type { OrderAck, OrderLive } from "./orders";
import type { Overview } from "./overview";
import type { StreamHealth } from "./streams";
import type { Preset, ScreenState } from "./wall";

export interface LiveTopics {
  /** Sent once on connect: who you are and the server's clock (for latency display). */
  hello: { username: string; role: string; serverTime: number };
  /** Health of every active stream (full snapshot on connect, then changes). */
  "stream.health": StreamHealth[];
  /** A camera was added, changed or removed (null camera = removed). */
  "catalogue.camera": { id: string; camera: Camera | null };
  /** An output screen's state: every screen on connect, then each change (tour steps included). */
  "wall.screen": ScreenState;
  /** A preset was saved or deleted (null preset = deleted). */
  preset: { id: string; preset: Preset | null };
  /** An order's view (scoped to an operator's prison): issued, missed while offline, changed, reminded. */
  order: OrderLive;
  /** One alarm changed (raised, repeated, acknowledged, resolved, cleared, light or escalation): its view. */
  alarm: AlarmView;
  /** Roll-call board cells that changed (a report, a light). */
  "rollcall.board": { cells: BoardCellView[] };
  /** An obligation opened, changed light, escalated or was fulfilled. */
  obligation: ObligationView;
  /** The daily inspection or a rectification changed (operators: only their prison's rectifications). */
  inspection: InspectionChange;
  /** Key figures, per-prison worst state and the alarm ticker: coalesced, at most every ~300 ms when changed. */
  overview: Overview;
}
export type LiveTopic = keyof LiveTopics;

/** Every server → client topic (the subscribe message names a subset). */
export const liveTopicNames = [
  "hello",
  "stream.health",
  "catalogue.camera",
  "wall.screen",
  "preset",
  "order",
  "alarm",
  "rollcall.board",
  "obligation",
  "inspection",
  "overview",
] as const satisfies readonly LiveTopic[];

/**
 * Client → server: hear only these topics on this connection (null: every topic, the default at connect).
 * `hello` always comes. Widening sends the snapshots of the topics added (stream health, screens, the
 * overview, what a terminal missed), as on connect.
 */
export const zLiveSubscribe = z
  .object({ topics: z.array(z.enum(liveTopicNames)).max(liveTopicNames.length).nullable() })
  .strict();
export type LiveSubscribe = z.infer<typeof zLiveSubscribe>;
export type LiveMessage = { [K in LiveTopic]: { topic: K; data: LiveTopics[K] } }[LiveTopic];

/** Messages the wall sends on the live socket (client → server). */
export interface LiveClientTopics {
  /** A terminal received an order for one of its units (guaranteed delivery, docs/api/orders.md). */
  "order.ack": OrderAck;
  /** Narrow (or widen back) the topics this connection hears (see zLiveSubscribe). */
  subscribe: LiveSubscribe;
}
export type LiveClientMessage = {
  [K in keyof LiveClientTopics]: { topic: K; data: LiveClientTopics[K] };
}[keyof LiveClientTopics];
