// An edge gateway's link upward (GATEWAY_ROLE=edge): the GB/T 28181 lower-platform user agent registered
// with UPPER_SIP_URI as the prison's platform (type 200), answering the upper's catalogue queries with the
// prison's tree (edgeTree.ts, ids from channelIds.ts), NOTIFYing it of camera changes, and handing the
// upper's INVITEs to the uplink media handler when one is plugged in (`media`; 488 without), and its PTZ
// commands to the camera's own PTZ path (edgePtz.ts). A gateway
// add-on (gateway.ts GatewayFeature): attached once the core and media plane are up, stopped (unregister)
// before them. Never touches the event log: the edge's own log stays the prison's.
import { LowerUa, type UplinkMediaHandler } from "@cw/gb28181";
import type { StreamRegistry } from "@cw/streams";
import type { Config } from "../config";
import { ConfigError } from "../config";
import type { AddOnCore, GatewayFeature } from "../gateway";
import type { Logger } from "../log";
import { ChannelIds } from "./channelIds";
import { defaultEdgeGbId } from "./edgeId";
import { applyUpperPtz, type PtzPath } from "./edgePtz";
import { edgeTree, treeChanges } from "./edgeTree";

export interface EdgeFeature extends GatewayFeature {
  readonly ua: () => LowerUa | null;
}

export interface EdgeOptions {
  /** Makes the uplink media handler (PS over RTP) once the core and media plane exist. */
  media?: (core: AddOnCore, registry: StreamRegistry) => UplinkMediaHandler;
  /** The whole catalogue's prison ids in order (the default GB id is the prison's position). */
  prisonOrder: string[];
  /** The edge's own PTZ path (its GB service), for the upper's PTZ commands; none: they are dropped. */
  ptz?: PtzPath | null;
}

/** null unless GATEWAY_ROLE=edge; a missing or bad upper setting stops the start naming the variable. */
export function createEdgeFeature(config: Config, log: Logger, o: EdgeOptions): EdgeFeature | null {
  if (config.gatewayRole !== "edge") return null;
  const prisonId = config.edgePrisonId;
  if (!prisonId) throw new ConfigError("GATEWAY_ROLE=edge needs EDGE_PRISON_ID (the prison this edge serves)");
  if (!config.upperSipUri) throw new ConfigError("GATEWAY_ROLE=edge needs UPPER_SIP_URI (sip:<id>@<host>:<port>)");
  if (!config.upperSipPassword) throw new ConfigError("GATEWAY_ROLE=edge needs UPPER_SIP_PASSWORD");
  const m = /^sip:(\d{20})@([^:]+):(\d+)$/.exec(config.upperSipUri)!;
  const upperId = m[1]!;
  const edgeId = config.edgeGbId ?? defaultEdgeGbId(upperId, o.prisonOrder, prisonId);
  const edgeLog = log.child({ part: "edge", edgeId, prisonId });
  let ua: LowerUa | null = null;
  let stopCatalogue: (() => void) | null = null;
  let notifyTimer: NodeJS.Timeout | null = null;
  return {
    ua: () => ua,
    async attach(core, registry) {
      const ids = ChannelIds.open(config.dataDir, edgeId);
      const prisonName = core.catalogue.prison(prisonId)?.name ?? prisonId;
      const list = () => {
        const down = new Set(
          registry
            .health()
            .filter((h) => h.state === "offline" || h.state === "error")
            .map((h) => h.cameraId),
        );
        const prison = core.catalogue.tree(prisonId).children[0];
        const items = prison
          ? edgeTree({
              platformId: edgeId,
              prison,
              camera: (id) => core.catalogue.camera(id),
              idOf: (k, id) => ids.idOf(k, id),
              down,
            })
          : [];
        ids.save().catch((err: unknown) => edgeLog.error({ err }, "channel ids not saved"));
        return items;
      };
      let sent = list();
      const byChannel = () => new Map(sent.filter((i) => i.kind === "camera").map((i) => [i.id, i]));
      let channels = byChannel();
      const cameraOf = (channelId: string) => {
        if (!channels.has(channelId)) channels = byChannel();
        const gb = core.catalogue
          .cameras()
          .find((c) => c.source.kind === "gb28181" && c.source.channelId === channelId);
        if (gb) return gb.id;
        return core.catalogue.cameras().find((c) => ids.idOf("camera", c.id) === channelId)?.id;
      };
      ua = new LowerUa({
        id: edgeId,
        name: prisonName,
        upper: {
          id: upperId,
          domain: upperId.slice(0, 10),
          endpoint: { transport: config.upperSipTransport, address: m[2]!, port: Number(m[3]) },
        },
        password: config.upperSipPassword!,
        host: config.gbSipHost ?? config.host,
        transport: config.upperSipTransport,
        keepaliveMs: config.upperKeepaliveS * 1000,
        pageSize: 20,
        catalog: () => {
          sent = list();
          channels = byChannel();
          return sent;
        },
        cameraOf,
      });
      if (o.media) ua.setMediaHandler(o.media(core, registry));
      ua.onEvent((e) => {
        if (e.type === "registered") edgeLog.info({ upper: config.upperSipUri }, "registered with the upper platform");
        if (e.type === "registerFailed") edgeLog.warn({ reason: e.reason }, "registration with the upper refused");
        if (e.type === "linkLost") edgeLog.warn({ reason: e.reason }, "link to the upper platform lost");
        if (e.type === "ptz")
          void applyUpperPtz(
            { cameraOf, camera: (id) => core.catalogue.camera(id), ptz: o.ptz ?? null, log: edgeLog },
            e.channelId,
            e.ptzCmd,
          );
      });
      // Camera edits reach the upper as one NOTIFY of what changed, half a second after the last one.
      // While not registered (starting, or re-registering after a lost link) the changes are held, not
      // dropped: the NOTIFY goes once registered — unless the upper's Catalog query got them first.
      const flush = () => {
        notifyTimer = null;
        if (!ua?.registered) {
          notifyTimer = setTimeout(flush, 500);
          return;
        }
        const next = list();
        const changes = treeChanges(sent, next);
        sent = next;
        channels = byChannel();
        ua.notifyCatalog(changes);
      };
      stopCatalogue = core.catalogue.onChange((c) => {
        if (c.prisonId !== prisonId || notifyTimer) return;
        notifyTimer = setTimeout(flush, 500);
      });
      await ua.start();
      edgeLog.info({ upper: config.upperSipUri, cameras: channels.size }, "edge: registering upward");
    },
    routes() {},
    async close() {
      stopCatalogue?.();
      if (notifyTimer) clearTimeout(notifyTimer);
      await ua?.stop();
    },
  };
}
