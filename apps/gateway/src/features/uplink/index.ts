// The uplink: store-and-forward of the control plane from a prison's edge gateway up to the bureau's
// gateway, through the bureau's own signed feeds API (docs/api/uplink.md). Runs when UPPER_URL is set:
// every alarm and roll-call report, once in this gateway's durable log, is posted to the bureau in log
// order with a stable sourceId, retried through outages, with a durable cursor in DATA_DIR/uplink.
// Without UPPER_URL it only answers GET /api/v1/uplink with {enabled: false}.
import { randomInt } from "node:crypto";
import { join } from "node:path";
import type { AlarmsFeature } from "../alarms";
import type { CatalogueStore } from "../catalogue/store";
import type { Feature, Kernel } from "../feature";
import type { OrdersFeature } from "../orders";
import type { UsersFeature } from "../users";
import { CursorStore } from "./cursor";
import { bureauDownRoutes } from "./down/bureauRoutes";
import { DownIndex } from "./down/downIndex";
import { OrderPuller } from "./down/puller";
import { downRules } from "./down/rules";
import { Forwarder } from "./forwarder";
import type { UplinkLookups } from "./items";
import { uplinkMetrics } from "./metrics";
import { type UplinkView, uplinkRoutes } from "./routes";
import { FeedSender } from "./sender";
import { UPPER_ACTOR } from "./upper";
import { FeedWindow } from "./window";

export interface UplinkOptions {
  /** Randomness for the back-off's jitter (tests pass a seeded one). */
  rng?: () => number;
}

export function uplinkFeature(
  k: Kernel,
  d: { alarms: AlarmsFeature; orders: OrdersFeature; catalogue: CatalogueStore; users: UsersFeature },
  opts: UplinkOptions = {},
) {
  const { upperUrl, upperFeedKey } = k.config;
  const log = k.log.child({ part: "uplink" });
  const control = () => d.alarms.plane.projection.state;
  /** A user's display name for the other level to show (else the actor as written). */
  const nameOf = (actor: string | null): string => {
    if (actor === null) return "";
    const user = actor.startsWith("user:") ? d.users.directory.get(actor.slice(5)) : null;
    return user?.displayName ?? actor;
  };
  // As a bureau: what each prison's edge pulls (every gateway answers; only edges ask).
  const down = new DownIndex(k.eventLog, downRules({ alarm: (id) => control().alarms.byId[id], nameOf }));
  const offDown = k.onEvent((e) => down.observe(e));
  let puller: OrderPuller | null = null;
  let forwarder: Forwarder | null = null;
  let offEvents: (() => void) | null = null;
  let feedWindow: FeedWindow | null = null;

  const view = (): UplinkView =>
    forwarder === null || upperUrl === undefined
      ? { enabled: false }
      : {
          enabled: true,
          upperUrl,
          serverTime: k.now(),
          ...forwarder.status(),
          orders: puller === null ? null : puller.status(),
        };

  return {
    name: "uplink",
    forwarder: () => forwarder,
    async open() {
      if (upperUrl === undefined) return;
      if (upperFeedKey === undefined) {
        log.error({}, "uplink: UPPER_URL is set but UPPER_FEED_KEY is not; nothing is forwarded");
        return;
      }
      const cursor = await CursorStore.open(join(k.config.dataDir, "uplink"));
      const lookups: UplinkLookups = {
        upperOrder: (orderId, unitId) => {
          const order = control().orders.byId[orderId];
          if (order?.issuedBy !== UPPER_ACTOR) return null;
          return order.targets.find((t) => t.unitId === unitId)?.prisonId ?? null;
        },
        upAlarm: (alarmId) => {
          const a = control().alarms.byId[alarmId];
          return a === undefined || a.origin === "rollcall" ? null : a.prisonId;
        },
        nameOf,
      };
      const rng = opts.rng ?? (() => randomInt(0, 2 ** 32) / 2 ** 32);
      const sender = new FeedSender({
        upperUrl,
        key: upperFeedKey,
        now: k.now,
        snapshot: (ref) => d.alarms.plane.ctx.snapshots.get(ref),
      });
      feedWindow = new FeedWindow({
        upperUrl,
        key: upperFeedKey,
        now: k.now,
        snapshot: (ref) => d.alarms.plane.ctx.snapshots.get(ref),
      });
      const w = feedWindow;
      forwarder = new Forwarder({
        eventLog: k.eventLog,
        cursor,
        send: (item, signal, withSnapshot) => sender.send(item, signal, withSnapshot),
        sendWindow: (items, signal) => w.send(items, signal),
        probe: async (signal) => {
          const res = await fetch(`${upperUrl}/healthz`, {
            signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]),
          });
          await res.arrayBuffer();
          return res.ok;
        },
        now: k.now,
        rng,
        log,
        lookups,
      });
      const f = forwarder;
      offEvents = k.onEvent((e) => f.observe(e));
      f.start();
      const prisonId =
        k.config.edgePrisonId ?? (k.province.prisons.length === 1 ? k.province.prisons[0]?.id : undefined);
      if (prisonId === undefined) {
        log.warn({}, "uplink: no EDGE_PRISON_ID (and more than one prison): orders from the bureau are not pulled");
        return;
      }
      puller = new OrderPuller({
        upperUrl,
        key: upperFeedKey,
        prisonId,
        cursor: await CursorStore.open(join(k.config.dataDir, "uplink"), "orders.json"),
        control,
        commit: k.commit,
        handled: (h, via) => {
          const c = d.alarms.plane.commands;
          return h.handled === "acknowledged"
            ? c.ack(h.alarmId, { note: h.note }, UPPER_ACTOR, prisonId, via)
            : c.resolve(h.alarmId, { disposition: h.disposition, note: h.note }, UPPER_ACTOR, prisonId, via);
        },
        now: k.now,
        rng,
        log,
      });
      puller.start();
    },
    start(rt) {
      const f = forwarder;
      return f === null ? () => {} : uplinkMetrics(rt.metrics.registry, () => f.status());
    },
    routes(app) {
      uplinkRoutes(app, view);
      bureauDownRoutes(app, {
        config: k.config,
        catalogue: d.catalogue,
        orders: d.orders.service,
        control: d.alarms.plane,
        down,
        now: k.now,
      });
    },
    async close() {
      offDown();
      down.close();
      offEvents?.();
      await puller?.stop();
      await forwarder?.stop();
      feedWindow?.close();
    },
  } satisfies Feature & { forwarder: () => Forwarder | null };
}

export type UplinkFeature = ReturnType<typeof uplinkFeature>;
