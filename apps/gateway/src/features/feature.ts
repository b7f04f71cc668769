// The one seam every gateway feature plugs into, the way MediaMTX's servers/<protocol> each own their
// part: a feature owns its events (events/map.ts lists their schemas), its state folded from the log,
// its service (decide → append), its HTTP routes and its live topics. The core folds every logged event
// into each feature's state and opens them; the gateway starts them once the media plane and the live
// hub exist; the HTTP app registers their routes; the live hub sends their topics. Types only.
import type { StreamRegistry } from "@cw/streams";
import type { FastifyInstance } from "fastify";
import type { ConfigUser } from "../auth/users";
import type { Config } from "../config";
import type { EventLog, StoredEvent } from "../eventlog/types";
import type { Commit } from "../events/codec";
import type { LoggedEvent } from "../events/map";
import type { LiveSource, Publish } from "../live/hub";
import type { Logger } from "../log";
import type { Metrics } from "../metrics";
import type { Province } from "./catalogue/model";

/** What the core gives every feature when it is made (before the log is replayed). */
export interface Kernel {
  readonly config: Config;
  readonly log: Logger;
  readonly now: () => number;
  /** DATA_DIR/secret: signs play tokens, derives RTMP publish keys. */
  readonly secret: Buffer;
  /** The users the config brings (config file, demo set); features/users lays the log on top. */
  readonly users: ReadonlyMap<string, ConfigUser>;
  /** The base catalogue (CATALOGUE_FILE or the demo province). */
  readonly province: Province;
  /** The log itself, for the audit's pages (features append through commit). */
  readonly eventLog: EventLog;
  /** Appends typed events durably; every feature's state has folded them when it resolves. */
  readonly commit: Commit;
  /** Events appended after the replay, once folded (a feature's reactions: pushes, follow-up appends). */
  onEvent(listener: (e: LoggedEvent) => void): () => void;
}

/** State folded from the log: at the replay, then for every appended event; snapshotted under the feature's name. */
export interface FeatureState {
  /** `row` is the event as stored (the audit trail shows it as written). */
  fold(e: LoggedEvent, row: StoredEvent): void;
  /** The state as plain data (V8-serialisable) for a state snapshot, and taken back from one. */
  snapshot(): unknown;
  restore(data: unknown): void;
}

/** What exists once the gateway runs: the media plane, the live hub, the metrics. */
export interface Runtime {
  readonly media: StreamRegistry;
  readonly publish: Publish;
  readonly metrics: Metrics;
}

export type Stop = () => void | Promise<void>;

export interface Feature {
  /** Unique; also the name of its part in a state snapshot. */
  readonly name: string;
  readonly state?: FeatureState;
  /** After the replay (it may append: the day's inspection draw); features open in registration order. */
  open?(): void | Promise<void>;
  /** Once the media plane and the live hub exist (not when the core is opened alone, as in tests);
   *  returns what undoes it (run before the media plane closes). */
  start?(rt: Runtime): Stop | Promise<Stop>;
  /** Its HTTP routes; every route needs a session unless its config says otherwise (http/context.ts). */
  routes?(app: FastifyInstance, rt: Runtime): void;
  /** Its live topics: what a new connection is sent first, and the client frames it answers. */
  readonly live?: LiveSource;
  /** Stops its timers and subscriptions; features close in reverse order, before the log. */
  close?(): void | Promise<void>;
}
