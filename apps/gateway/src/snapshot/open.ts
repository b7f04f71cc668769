// Opening the log and the state together: the newest state snapshot that belongs to this log is read
// first (it carries the journal's line index, so opening the journal checks only the lines after it),
// the state is built, the snapshot restored into it (rebuilt empty if that fails half-way: the whole
// log is then replayed), and the snapshotter is made. Owns the fingerprint of what a snapshot depends
// on besides the log. Never folds events itself (the core does).
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { Config } from "../config";
import { openJournal } from "../eventlog/journal";
import type { EventLog } from "../eventlog/types";
import type { Province } from "../features/catalogue/model";
import type { Logger } from "../log";
import { SNAPSHOT_FORMAT, type SnapshotCandidate, snapshotCandidates, withFirst } from "./file";
import { restoreLatest, Snapshotter, type StatePart } from "./snapshotter";

async function* none<T>(): AsyncGenerator<T> {}

/** A snapshot taken with another catalogue, screen count, time zone or secret is not used. */
export function stateFingerprint(d: { config: Config; province: Province; secret: Buffer }): string {
  return createHash("sha256")
    .update(
      JSON.stringify({
        format: SNAPSHOT_FORMAT,
        province: d.province,
        wallScreens: d.config.wallScreens,
        tzOffsetMin: d.config.rollcalls.tzOffsetMin,
      }),
    )
    .update(d.secret)
    .digest("hex");
}

export interface OpenStateOptions<T> {
  config: Config;
  log: Logger;
  now: () => number;
  fingerprint: string;
  /** Another EventLog (tests, Redis); default: the file journal in DATA_DIR. */
  eventLog?: EventLog;
  /** Builds the empty state on the log; `parts` names what a snapshot holds. */
  build(eventLog: EventLog): T;
  parts(built: T): Readonly<Record<string, StatePart>>;
}

export interface OpenedState<T> {
  eventLog: EventLog;
  built: T;
  snapshotter: Snapshotter;
  /** Measurements for the "event log replayed" line (bench): snapshot read, journal open, and when the
   *  restore began (performance.now(); the core reports restore + fold from it). */
  timing: { snapshotReadMs: number; openMs: number; restoreFrom: number };
}

export async function openState<T>(o: OpenStateOptions<T>): Promise<OpenedState<T>> {
  const { config, log } = o;
  const dir = join(config.dataDir, "state");
  const snapLog = log.child({ part: "snapshot" });
  const start = performance.now();
  const candidates = (config.snapshotEvery > 0 ? snapshotCandidates(dir, o.fingerprint) : none<SnapshotCandidate>())[
    Symbol.asyncIterator
  ]();
  const newest = await candidates.next();
  const snapshotReadAt = performance.now();
  const eventLog =
    o.eventLog ??
    (await openJournal({
      dir: join(config.dataDir, "journal"),
      log: log.child({ part: "journal" }),
      now: o.now,
      hint: newest.done ? undefined : newest.value.snapshot?.log,
    }));
  const restoreFrom = performance.now();
  let built = o.build(eventLog);
  let restoredSeq = 0;
  try {
    restoredSeq = await restoreLatest({
      candidates: withFirst(newest, candidates),
      eventLog,
      parts: o.parts(built),
      log: snapLog,
    });
  } catch (err) {
    log.error({ err }, "state snapshot could not be restored: replaying the whole log");
    built = o.build(eventLog);
    restoredSeq = 0;
  }
  const snapshotter = new Snapshotter({
    dir,
    fingerprint: o.fingerprint,
    log: snapLog,
    every: config.snapshotEvery,
    parts: o.parts(built),
    now: o.now,
    restoredSeq,
    ...(eventLog.hint ? { logHint: () => eventLog.hint?.() } : {}),
  });
  const timing = {
    snapshotReadMs: Math.round(snapshotReadAt - start),
    openMs: Math.round(restoreFrom - snapshotReadAt),
    restoreFrom,
  };
  return { eventLog, built, snapshotter, timing };
}
