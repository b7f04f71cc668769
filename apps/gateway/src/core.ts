// The gateway's state: the event log and the features folded from it. Opening it builds the kernel
// (config, clock, secret, users, the catalogue file, the log and its typed commit), makes the features
// (features/index.ts), restores the newest state snapshot that matches the log and replays the rest
// (all of it when there is none), then opens the features in order. Afterwards every appended event
// reaches every feature's state (via subscribe) before append() resolves, so a route that awaits
// commit() sees its own change; then the onEvent listeners hear it. No HTTP, no media here.
import { loadSecret } from "./auth/secret";
import { buildUsers } from "./auth/users";
import type { Config } from "./config";
import type { EventLog, StoredEvent } from "./eventlog/types";
import { type Commit, committer, decodeRow } from "./events/codec";
import type { LoggedEvent } from "./events/map";
import { loadProvince } from "./features/catalogue/load";
import type { Province } from "./features/catalogue/model";
import type { Feature, Kernel } from "./features/feature";
import { type Features, makeFeatures } from "./features/index";
import { closeFeatures, openFeatures } from "./features/lifecycle";
import type { Logger } from "./log";
import { scopeProvince } from "./province/scope";
import { openState, stateFingerprint } from "./snapshot/open";
import type { Snapshotter } from "./snapshot/snapshotter";

export interface Core extends Pick<Kernel, "config" | "log" | "now" | "eventLog" | "commit" | "onEvent"> {
  /** Every feature by name (composition and tests); `featureList` in fold/open/start order. */
  readonly features: Features;
  readonly featureList: readonly Feature[];
  /** State snapshots: restored at open, taken when due and at close (snapshot/snapshotter.ts). */
  readonly snapshots: Snapshotter;
  close(): Promise<void>;
}

export interface CoreOptions {
  config: Config;
  log: Logger;
  now?: () => number;
  /** Another EventLog implementation (tests, Redis); default: the file journal in DATA_DIR. */
  eventLog?: EventLog;
  /** The base catalogue; default: CATALOGUE_FILE or the demo province. */
  province?: Province;
}

export async function openCore(opts: CoreOptions): Promise<Core> {
  const { config, log } = opts;
  const now = opts.now ?? Date.now;
  const province = opts.province ?? scopeProvince(loadProvince(config.catalogueFile), config);
  const secret = await loadSecret(config.dataDir);
  const users = await buildUsers(config, province.prisons);
  const listeners = new Set<(e: LoggedEvent) => void>();
  const onEvent = (l: (e: LoggedEvent) => void) => {
    listeners.add(l);
    return () => void listeners.delete(l);
  };
  const opened = await openState({
    ...{ config, log, now, fingerprint: stateFingerprint({ config, province, secret }) },
    ...(opts.eventLog ? { eventLog: opts.eventLog } : {}),
    build: (eventLog) =>
      makeFeatures({ config, log, now, secret, users, province, eventLog, commit: committer(eventLog), onEvent }),
    parts: (f) => Object.fromEntries(f.list.flatMap((x) => (x.state ? [[x.name, x.state]] : []))),
  });
  const { eventLog, built: features, snapshotter, timing } = opened;
  const fold = (row: StoredEvent, live: boolean): LoggedEvent | null => {
    snapshotter.folded(row, live);
    const e = decodeRow(row);
    if (e !== null) for (const f of features.list) f.state?.fold(e, row);
    return e;
  };
  let replayed = 0;
  for await (const row of eventLog.read(snapshotter.restoredSeq)) {
    fold(row, false);
    replayed++;
  }
  const unsubscribe = eventLog.subscribe((row) => {
    const e = fold(row, true);
    if (e !== null) for (const l of listeners) l(e);
  });
  const { snapshotReadMs, openMs, restoreFrom } = timing;
  const replayMs = Math.round(performance.now() - restoreFrom);
  const { restoredSeq } = snapshotter;
  log.info(
    { restoredSeq, replayed, lastSeq: eventLog.lastSeq, snapshotReadMs, openMs, replayMs },
    "event log replayed",
  );
  await openFeatures(features.list).catch(async (err: unknown) => {
    unsubscribe();
    await eventLog.close();
    throw err;
  });
  snapshotter.start();
  const commit: Commit = committer(eventLog);
  return {
    ...{ config, log, now, eventLog, commit, onEvent, features: features.named, featureList: features.list },
    snapshots: snapshotter,
    async close() {
      await closeFeatures(features.list);
      await snapshotter.close();
      unsubscribe();
      listeners.clear();
      await eventLog.close();
    },
  };
}
