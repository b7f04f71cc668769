// The one typed event map of the live WebSocket (/api/v1/live). Every message is {topic, data}.
// Later issues add topics here (alarms, orders, wall state); the wall's store is keyed by topic.

import type { Camera } from "./catalogue";
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
}
export type LiveTopic = keyof LiveTopics;
export type LiveMessage = { [K in LiveTopic]: { topic: K; data: LiveTopics[K] } }[LiveTopic];
