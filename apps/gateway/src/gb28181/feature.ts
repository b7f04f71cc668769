// GB/T 28181 as one gateway feature, registered in one place (start.ts passes it to createGateway): the
// SIP server on GB_SIP_PORT, the media port pool, GB cameras as on-demand sources, the device service and
// its routes. It wraps the media plane's source factory, so it is made before the gateway and attached
// to it as an add-on (gateway.ts GatewayFeature): `wrap`, `attach` once the core is open, `routes`, `close`.
import { join } from "node:path";
import { GbServer } from "@cw/gb28181";
import { fail } from "@cw/protocol";
import { type CameraSpec, PortPool, type SourceFactory } from "@cw/streams";
import { atRestKey, secretBox } from "../auth/atRest";
import { loadSecret } from "../auth/secret";
import type { Config } from "../config";
import type { GatewayFeature } from "../gateway";
import type { Logger } from "../log";
import type { PtzPath } from "../province/edgePtz";
import type { DeviceRecordings } from "../recording/device";
import { recordDirOf } from "../recording/wire";
import { GbDeviceRecordings } from "./deviceRecordings";
import { GbSource } from "./gbSource";
import { gbRoutes } from "./routes";
import { GbService } from "./service";
import { GbSettings } from "./settings";
import { SharedTick } from "./ticker";

export interface GbFeature extends GatewayFeature {
  wrap(factory: SourceFactory): SourceFactory;
  readonly server: GbServer;
  /** The media port pool (GB_MEDIA_PORTS), shared with an edge's uplink media sender. */
  readonly pool: PortPool;
  /** A GB camera's PTZ (audited as `gb.ptz` with the actor): the route's, and an edge's upper's. */
  ptz: PtzPath;
  readonly deviceRecordings: DeviceRecordings;
}

/** null when GB is off (no GB_PASSWORD). Loads DATA_DIR/secret first: device passwords are sealed with it. */
export async function createGbFeature(config: Config, log: Logger): Promise<GbFeature | null> {
  const password = config.gbPassword;
  if (!password) return null;
  const pool = PortPool.parse(config.gbMediaPorts);
  if (!pool) throw new Error(`GB_MEDIA_PORTS "${config.gbMediaPorts}" is not a range of ports above 1023`);
  const bindHost = config.gbSipHost ?? config.host;
  const publicHost = config.gbMediaIp ?? bindHost;
  const settings = GbSettings.open(config.dataDir, secretBox(atRestKey(await loadSecret(config.dataDir))));
  const gbLog = log.child({ part: "gb28181" });
  const server = new GbServer({
    bindHost,
    publicHost,
    port: config.gbSipPort,
    serverId: config.gbServerId,
    domain: config.gbDomain,
    keepaliveMs: config.gbKeepaliveS * 1000,
    // A bureau holds its edges to 1 s unless told otherwise: it must see a dead link within 5 s.
    platformKeepaliveMs:
      (config.gbPlatformKeepaliveS ?? (config.gatewayRole === "bureau" ? 1 : config.gbKeepaliveS)) * 1000,
    utcOffsetMinutes: config.rollcalls.tzOffsetMin,
    passwordFor: (id) => settings.passwordFor(id, password),
    onProblem: (what, from) => gbLog.debug({ from: `${from.address}:${from.port}`, what }, "GB SIP input dropped"),
  });
  const ticker = new SharedTick();
  let seq = 0;
  const media = {
    server,
    pool,
    bindHost,
    mediaIp: publicHost,
    transport: config.gbMediaTransport,
    mediaTimeoutMs: config.gbMediaTimeoutS * 1000,
    // 10 digits: 0 (live) + domain digits 4-8 + a 4-digit sequence (GB/T 28181-2016 Annex F).
    nextSsrc: () => {
      seq = (seq + 1) % 10_000;
      return `0${config.gbDomain.slice(3, 8)}${String(seq).padStart(4, "0")}`;
    },
    now: Date.now,
    ticker,
    log: gbLog,
  };
  let playbackSeq = 0;
  const deviceRecordings = new GbDeviceRecordings({
    // 1 (playback) + domain digits 4-8 + a sequence: never the SSRC of a live stream.
    ctx: {
      ...media,
      nextSsrc: () => {
        playbackSeq = (playbackSeq + 1) % 10_000;
        return `1${config.gbDomain.slice(3, 8)}${String(playbackSeq).padStart(4, "0")}`;
      },
    },
    root: join(recordDirOf({ config }), ".device"),
    idleMs: config.streamIdleS * 1000,
  });
  let service: GbService | null = null;
  return {
    server,
    pool,
    deviceRecordings,
    ptz: (camera, action, speed, preset, actor) =>
      service
        ? service.ptz(camera, action, speed, preset, actor)
        : Promise.resolve(fail("conflict", "the GB/T 28181 service is not running yet", "id")),
    wrap: (factory) => (camera: CameraSpec, variant) =>
      camera.source.kind === "gb28181"
        ? new GbSource(media, camera.source.deviceId, camera.source.channelId)
        : factory(camera, variant),
    async attach(core, registry) {
      service = new GbService(core, server, settings, gbLog, () => new Set(registry.health().map((h) => h.cameraId)));
      await service.assignConfigured(config.gbDevicePrisons);
      await server.start();
      await deviceRecordings.start();
      gbLog.info(
        { port: server.port, host: bindHost, serverId: config.gbServerId, domain: config.gbDomain },
        "GB/T 28181 SIP server listening",
      );
    },
    routes(app, ctx) {
      if (service) gbRoutes(service)(app, ctx);
    },
    async close() {
      await deviceRecordings.close();
      ticker.stop();
      await server.close();
    },
  };
}
