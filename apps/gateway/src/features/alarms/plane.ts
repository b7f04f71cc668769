// The control plane in the gateway: the ControlState projection (fed by core's fold, at replay and
// live), the commands and reads the routes use, the obligation clock (tick), the stream-health bridge,
// the alarm → wall hooks and the live pushes. Live pushes are coalesced per event-loop turn (a burst
// of alarms becomes one view per alarm, not one per event). Owns its timers; close() stops them.
import { randomBytes } from "node:crypto";
import type { AlertsPolicy, CameraPlace, DomainEvent, RollCallConfig } from "@cw/alerts";
import type { LiveMessage } from "@cw/protocol";
import type { Commit } from "../../events/codec";
import { domainOf, type LoggedEvent } from "../../events/map";
import { ControlCommands } from "./commands";
import type { BlockInfo, ControlContext } from "./context";
import { ControlProjection, type ControlTouch } from "./projection";
import { ControlReads } from "./reads";
import type { SnapshotStore } from "./snapshots";
import { TickTimer } from "./tick";
import { type HealthSource, VideoLossBridge } from "./videoLoss";
import { alarmView, obligationView } from "./views";

export interface AlarmWallHooks {
  onAlarmRaised(alarm: { alarmId: string; cameraId: string | null; severity: number }): Promise<void>;
  onAlarmAcknowledged(alarmId: string): Promise<void>;
}

export interface ControlLog {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface ControlPlaneOptions {
  policy: AlertsPolicy;
  rollcalls: RollCallConfig;
  blocks: readonly BlockInfo[];
  prisonExists(prisonId: string): boolean;
  cameraOf(cameraId: string): CameraPlace | undefined;
  snapshots: SnapshotStore;
  commit: Commit;
  now: () => number;
  log: ControlLog;
  tickMs?: number;
  newId?: () => string;
}

/** A live message and the prison it belongs to (null: bureau-level, not for operators). */
export type ControlLiveListener = (msg: LiveMessage, prisonId: string | null) => void;

/** Random hex from a pooled buffer: one getrandom call per ~800 ids, not one per id (ids are not secrets). */
const pool = { buf: Buffer.alloc(0), at: 0 };
function randomHex(bytes: number): string {
  if (pool.at + bytes > pool.buf.length) {
    pool.buf = randomBytes(4096);
    pool.at = 0;
  }
  const hex = pool.buf.toString("hex", pool.at, pool.at + bytes);
  pool.at += bytes;
  return hex;
}

const defaultNewId = (now: () => number) => () => `${now().toString(36)}-${randomHex(5)}`;

export class ControlPlane {
  readonly projection = new ControlProjection();
  readonly commands: ControlCommands;
  readonly reads: ControlReads;
  readonly ctx: ControlContext;
  private readonly ticker: TickTimer;
  private readonly bridges = new Set<VideoLossBridge>();
  private readonly liveListeners = new Set<ControlLiveListener>();
  private wall: AlarmWallHooks | null = null;
  private started = false;
  private pending = { alarms: new Set<string>(), slots: new Set<string>(), obligations: new Set<string>() };
  private flushScheduled = false;

  constructor(private readonly opts: ControlPlaneOptions) {
    const state = this.projection.state;
    this.ctx = {
      state,
      policy: opts.policy,
      rollcalls: opts.rollcalls,
      now: opts.now,
      newId: opts.newId ?? defaultNewId(opts.now),
      snapshots: opts.snapshots,
      blocks: opts.blocks,
      prisonExists: opts.prisonExists,
      cameraOf: opts.cameraOf,
      commit: opts.commit,
    };
    this.commands = new ControlCommands(this.ctx);
    this.reads = new ControlReads(this.ctx);
    this.ticker = new TickTimer(this.ctx, opts.log, opts.tickMs ?? 1000);
  }

  /** Folds a logged event (core calls it for every event, replayed or new). */
  fold(e: LoggedEvent): void {
    const d = domainOf(e);
    if (d === null) return;
    const touch = this.projection.apply(d);
    if (!this.started) return;
    this.queueLive(touch);
    this.wallHook(d);
  }

  /** After replay: live pushes, wall hooks and the obligation clock start. */
  start(wall: AlarmWallHooks | null): void {
    this.wall = wall;
    this.started = true;
    this.ticker.start();
  }

  tickOnce(): Promise<number> {
    return this.ticker.once();
  }

  /** Raises / clears video-loss alarms from a stream registry's health; returns the stop. */
  watchHealth(source: HealthSource): () => Promise<void> {
    const bridge = new VideoLossBridge(this.ctx, source, this.opts.log);
    this.bridges.add(bridge);
    return () => {
      this.bridges.delete(bridge);
      return bridge.close();
    };
  }

  onLive(listener: ControlLiveListener): () => void {
    this.liveListeners.add(listener);
    return () => this.liveListeners.delete(listener);
  }

  private wallHook(e: DomainEvent): void {
    const wall = this.wall;
    if (wall === null) return;
    const done = (p: Promise<void>, alarmId: string) =>
      p.catch((err: unknown) => this.opts.log.warn({ err, alarmId }, "alarm → wall failed"));
    if (e.type === "alarm.raised") {
      const { id, cameraId, severity } = e.data;
      if (cameraId !== null && this.opts.policy.alarms.wallTile[severity] === true) {
        void done(wall.onAlarmRaised({ alarmId: id, cameraId, severity }), id);
      }
    } else if (e.type === "alarm.acknowledged" || e.type === "alarm.resolved" || e.type === "alarm.cleared") {
      void done(wall.onAlarmAcknowledged(e.data.id), e.data.id);
    }
  }

  private queueLive(t: ControlTouch): void {
    if (this.liveListeners.size === 0) return;
    if (t.alarmId !== null) this.pending.alarms.add(t.alarmId);
    if (t.slotKey !== null) this.pending.slots.add(t.slotKey);
    // Acknowledge obligations travel inside their alarm's view; the others have their own topic.
    if (t.obligationId !== null && t.alarmId === null) this.pending.obligations.add(t.obligationId);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flushLive());
  }

  private flushLive(): void {
    this.flushScheduled = false;
    const { alarms, slots, obligations } = this.pending;
    this.pending = { alarms: new Set(), slots: new Set(), obligations: new Set() };
    const now = this.ctx.now();
    const state = this.ctx.state;
    const emit = (msg: LiveMessage, prisonId: string | null) => {
      for (const l of this.liveListeners) l(msg, prisonId);
    };
    for (const id of alarms) {
      const a = state.alarms.byId[id];
      if (a !== undefined) emit({ topic: "alarm", data: alarmView(a, now) }, a.prisonId);
    }
    const cellsByPrison = new Map<string, ReturnType<ControlReads["cell"]>[]>();
    for (const key of slots) {
      const cell = this.reads.cell(key, null);
      if (cell === null) continue;
      cellsByPrison.set(cell.prisonId, [...(cellsByPrison.get(cell.prisonId) ?? []), cell]);
    }
    for (const [prisonId, cells] of cellsByPrison) {
      emit({ topic: "rollcall.board", data: { cells: cells.filter((c) => c !== null) } }, prisonId);
    }
    for (const id of obligations) {
      const o = state.obligations.byId[id];
      if (o !== undefined) emit({ topic: "obligation", data: obligationView(o, now) }, o.prisonId);
    }
  }

  /** Waits for commands and health decisions in flight (tests, clean shutdown). */
  async settled(): Promise<void> {
    await this.commands.drain();
    for (const b of this.bridges) await b.settled();
  }

  async close(): Promise<void> {
    this.started = false;
    this.wall = null;
    this.liveListeners.clear();
    await this.ticker.stop();
    for (const b of [...this.bridges]) await b.close();
    this.bridges.clear();
    await this.commands.drain();
  }
}
