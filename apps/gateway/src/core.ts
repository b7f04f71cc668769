// The gateway's state: the event log and the projections folded from it (projections.ts), plus users,
// the server secret and HLS token tracking. Opening it restores the newest state snapshot that matches
// the log and replays the rest (all of it when there is none); afterwards every appended event reaches
// the projections (via subscribe) before append() resolves, so a route that awaits commit() sees its
// own change. No HTTP here.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { TokenUse } from "./auth/hlsToken";
import { loadSecret } from "./auth/secret";
import type { SessionStore } from "./auth/sessions";
import { buildUsers, type User } from "./auth/users";
import { loadProvince } from "./catalogue/load";
import type { Province } from "./catalogue/model";
import type { CatalogueChange, CatalogueStore } from "./catalogue/store";
import type { Config } from "./config";
import type { ControlPlane } from "./control/plane";
import type { AuditIndex } from "./eventlog/audit";
import { openJournal } from "./eventlog/journal";
import type { EventLog, StoredEvent } from "./eventlog/types";
import { type Commit, committer, decodeRow } from "./events/codec";
import type { LoggedEvent } from "./events/map";
import { openInspection } from "./inspection/open";
import type { InspectionService } from "./inspection/service";
import type { Logger } from "./log";
import type { TemplateStore } from "./orders/templates";
import type { OverviewProjection } from "./overview/projection";
import { buildProjections, type Projections, stateFingerprint } from "./projections";
import type { RecordingProjection } from "./recording/projection";
import { type SnapshotCandidate, snapshotCandidates, withFirst } from "./snapshot/file";
import { restoreLatest, Snapshotter } from "./snapshot/snapshotter";

async function* none<T>(): AsyncGenerator<T> {}

import { wallCatalogue } from "./wall/catalogueView";
import { WallService } from "./wall/service";

export interface Core {
  readonly config: Config;
  readonly log: Logger;
  readonly now: () => number;
  readonly secret: Buffer;
  readonly eventLog: EventLog;
  readonly users: ReadonlyMap<string, User>;
  readonly sessions: SessionStore;
  readonly catalogue: CatalogueStore;
  readonly audit: AuditIndex;
  readonly tokens: TokenUse;
  /** Output screens, presets, tours and the alarm tile (wall/service.ts). */
  readonly wall: WallService;
  /** Alarms, roll calls, obligations and orders: ControlState, commands, reads, tick (control/plane.ts). */
  readonly control: ControlPlane;
  /** The daily inspection: draw, record, rectifications (inspection/service.ts). */
  readonly inspection: InspectionService;
  /** Figures, map status and reports folded from the log (overview/projection.ts). */
  readonly overview: OverviewProjection;
  /** Order templates folded from the log (orders/templates.ts). */
  readonly templates: TemplateStore;
  /** Recording plans, evidence and alarm markers folded from the log (recording/projection.ts). */
  readonly recording: RecordingProjection;
  /** State snapshots: restored at open, taken when due and at close (snapshot/snapshotter.ts). */
  readonly snapshots: Snapshotter;
  /** Appends durably; projections have applied the events when this resolves. */
  commit: Commit;
  onCatalogueChange(listener: (change: CatalogueChange) => void): () => void;
  onEvent(listener: (e: LoggedEvent) => void): () => void;
  close(): Promise<void>;
}

export interface CoreOptions {
  config: Config;
  log: Logger;
  now?: () => number;
  /** Another EventLog implementation (tests, Redis later); default: the file journal in DATA_DIR. */
  eventLog?: EventLog;
  /** The base catalogue; default: CATALOGUE_FILE or the demo province. */
  province?: Province;
}

export async function openCore(opts: CoreOptions): Promise<Core> {
  const { config, log } = opts;
  const now = opts.now ?? Date.now;
  const province = opts.province ?? loadProvince(config.catalogueFile);
  const secret = await loadSecret(config.dataDir);
  const users = await buildUsers(config, province.prisons);
  const snapshots = {
    dir: join(config.dataDir, "state"),
    fingerprint: stateFingerprint({ config, province, secret }),
    log: log.child({ part: "snapshot" }),
  };
  const openStart = performance.now(); // measurement: the log line below reports open + replay times (bench)
  // The newest snapshot is read first: it carries the journal's line index, so opening the journal checks
  // only the lines after it.
  const candidates = (
    config.snapshotEvery > 0 ? snapshotCandidates(snapshots.dir, snapshots.fingerprint) : none<SnapshotCandidate>()
  )[Symbol.asyncIterator]();
  const newest = await candidates.next();
  const snapshotReadAt = performance.now();
  const eventLog =
    opts.eventLog ??
    (await openJournal({
      dir: join(config.dataDir, "journal"),
      log: log.child({ part: "journal" }),
      now,
      hint: newest.done ? undefined : newest.value.snapshot?.log,
    }));
  const replayStart = performance.now();
  const build = (): Projections => buildProjections({ config, province, secret, users, eventLog, now, log });
  let p = build();
  let restoredSeq = 0;
  try {
    restoredSeq = await restoreLatest({
      candidates: withFirst(newest, candidates),
      eventLog,
      parts: p.parts,
      log: snapshots.log,
    });
  } catch (err) {
    log.error({ err }, "state snapshot could not be restored: replaying the whole log");
    p = build();
    restoredSeq = 0;
  }
  const { sessions, catalogue, audit, wallProjection, inspectionProjection, overview, templates, control, recording } =
    p;
  const snapshotter = new Snapshotter({
    ...snapshots,
    every: config.snapshotEvery,
    parts: p.parts,
    now,
    restoredSeq,
    ...(eventLog.hint ? { logHint: () => eventLog.hint?.() } : {}),
  });
  const catalogueListeners = new Set<(c: CatalogueChange) => void>();
  const eventListeners = new Set<(e: LoggedEvent) => void>();

  /** Folds one row into every projection; the typed event and its catalogue change (null: not ours). */
  const fold = (row: StoredEvent, live: boolean): { e: LoggedEvent; change: CatalogueChange | null } | null => {
    audit.apply(row);
    snapshotter.folded(row, live);
    const e = decodeRow(row);
    if (e === null) return null;
    sessions.apply(e);
    wallProjection.apply(e);
    inspectionProjection.apply(e);
    control.fold(e);
    overview.apply(e);
    templates.apply(e);
    recording.apply(e);
    return { e, change: catalogue.apply(e) };
  };
  let replayed = 0;
  for await (const row of eventLog.read(restoredSeq)) {
    fold(row, false);
    replayed++;
  }
  const unsubscribe = eventLog.subscribe((row) => {
    const folded = fold(row, true);
    if (folded === null) return;
    for (const l of eventListeners) l(folded.e);
    if (folded.change) for (const l of catalogueListeners) l(folded.change);
  });
  const commit = committer(eventLog);
  log.info(
    {
      restoredSeq,
      replayed,
      lastSeq: eventLog.lastSeq,
      prisons: province.prisons.length,
      cameras: catalogue.cameras().length,
      snapshotReadMs: Math.round(snapshotReadAt - openStart),
      openMs: Math.round(replayStart - snapshotReadAt),
      replayMs: Math.round(performance.now() - replayStart),
    },
    "event log replayed",
  );
  const tokens = new TokenUse(config.hlsTokenTtlS * 1000, now);
  const wall = new WallService({
    projection: wallProjection,
    catalogue: wallCatalogue(catalogue),
    commit,
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    now,
    alarmRule: config.wallAlarm,
    newPresetId: () => `p-${randomBytes(4).toString("hex")}`,
  });
  // Opened after the replay: it may draw today's inspection at once (and so append to the log).
  const inspection = await openInspection({
    config,
    projection: inspectionProjection,
    catalogue,
    commit,
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    control: () => control.projection.state,
    now,
    log,
  }).catch(async (err: unknown) => {
    tokens.close();
    wall.close();
    unsubscribe();
    await eventLog.close();
    throw err;
  });
  control.start(wall);
  snapshotter.start();

  return {
    config,
    log,
    now,
    secret,
    eventLog,
    users,
    sessions,
    catalogue,
    audit,
    tokens,
    wall,
    inspection,
    control,
    overview,
    templates,
    recording,
    snapshots: snapshotter,
    commit,
    onCatalogueChange(listener) {
      catalogueListeners.add(listener);
      return () => catalogueListeners.delete(listener);
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    async close() {
      tokens.close();
      wall.close();
      inspection.close();
      await control.close();
      await snapshotter.close();
      unsubscribe();
      catalogueListeners.clear();
      eventListeners.clear();
      await eventLog.close();
    },
  };
}
