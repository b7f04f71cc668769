// createGateway(deps): composes the gateway from its parts — core state (event log + projections),
// the media plane (injected: the real one from start.ts, a fake in tests), the live hub, metrics and
// the HTTP app — and listens. close() stops them in order: HTTP and sockets, hub, media (child
// processes), then the log. It never decides how the media plane is built.
import { timingSafeEqual } from "node:crypto";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Camera } from "@cw/protocol";
import type { CameraSpec, StreamRegistry } from "@cw/streams";
import type { FastifyInstance } from "fastify";
import type { Province } from "./catalogue/model";
import type { Config } from "./config";
import { wireControl } from "./control/wire";
import { type Core, openCore } from "./core";
import type { EventLog } from "./eventlog/types";
import { buildApp, type RouteInfo } from "./http/app";
import type { HttpContext } from "./http/context";
import { loadTls } from "./http/tls";
import { LiveHub, type LiveHubOptions } from "./live/hub";
import { createLogger, type Logger } from "./log";
import { createMetrics } from "./metrics";
import { wireOrders } from "./orders/wire";
import { wireOverview } from "./overview/wire";
import { wireRecording } from "./recording/wire";

/** What the gateway offers the media plane: camera lookups and the RTMP publish check. */
export interface MediaHooks {
  resolve(cameraId: string): CameraSpec | null;
  /** RTMP stream name is `<cameraId>` (main) or `<cameraId>_sub`; the key is the camera's publish key. */
  authorizePublish(streamName: string, key: string | undefined): boolean;
  log: Logger;
}

export interface MediaPlane {
  registry: StreamRegistry;
  /** Stops the registry, ingest servers and every child process. */
  close(): Promise<void>;
}

/**
 * A self-contained feature that brings its own sockets and routes (GB/T 28181 today), until issue 13's
 * Feature interface replaces this: attached once core and media are up, its routes registered with the
 * rest, closed before the media plane.
 */
export interface GatewayFeature {
  attach(core: Core, registry: StreamRegistry): Promise<void>;
  routes(app: FastifyInstance, ctx: HttpContext): void;
  close(): Promise<void>;
}

export interface GatewayDeps {
  config: Config;
  log?: Logger;
  now?: () => number;
  media: (hooks: MediaHooks) => MediaPlane | Promise<MediaPlane>;
  eventLog?: EventLog;
  province?: Province;
  live?: LiveHubOptions;
  features?: GatewayFeature[];
}

export interface Gateway {
  /** e.g. http://127.0.0.1:8080 */
  readonly url: string;
  readonly app: FastifyInstance;
  readonly core: Core;
  /** Every route with its auth mode (the security tests walk this). */
  readonly routes: RouteInfo[];
  close(): Promise<void>;
}

export const defaultWallDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../wall/dist");

export function cameraSpec(core: Core, camera: Camera): CameraSpec {
  return {
    id: camera.id,
    name: camera.name,
    label: core.catalogue.label(camera),
    source: camera.source,
    codec: camera.codec,
    hasSubStream: camera.hasSubStream,
  };
}

function mediaHooks(core: Core, log: Logger): MediaHooks {
  return {
    log,
    resolve(cameraId) {
      const camera = core.catalogue.camera(cameraId);
      return camera ? cameraSpec(core, camera) : null;
    },
    authorizePublish(streamName, key) {
      const cameraId = core.catalogue.camera(streamName) ? streamName : streamName.replace(/_sub$/, "");
      const camera = core.catalogue.camera(cameraId);
      const want = core.catalogue.publishKey(cameraId);
      if (camera?.source.kind !== "rtmp" || want === undefined || key === undefined) return false;
      const a = Buffer.from(key);
      const b = Buffer.from(want);
      return a.length === b.length && timingSafeEqual(a, b);
    },
  };
}

export async function createGateway(deps: GatewayDeps): Promise<Gateway> {
  const { config } = deps;
  const log = deps.log ?? createLogger(config.logLevel);
  const core = await openCore({
    config,
    log,
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.eventLog ? { eventLog: deps.eventLog } : {}),
    ...(deps.province ? { province: deps.province } : {}),
  });
  const stops: Array<() => Promise<void> | void> = [() => core.close()];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) {
      try {
        await stop();
      } catch (err) {
        log.error({ err }, "gateway: error while stopping a part");
      }
    }
  };
  try {
    const media = await deps.media(mediaHooks(core, log.child({ part: "media" })));
    stops.push(() => media.close());
    let hub: LiveHub | null = null;
    const metrics = createMetrics({ streams: () => media.registry, wsClients: () => hub?.size ?? 0 });
    core.onEvent(() => metrics.eventsAppended.inc());
    hub = new LiveHub(core, media.registry, deps.live);
    const liveHub = hub;
    stops.push(() => liveHub.close());
    stops.push(wireControl({ core, hub: liveHub, registry: media.registry }));
    stops.push(wireOverview({ core, hub: liveHub, registry: media.registry }));
    const orders = await wireOrders({ core, hub: liveHub, policy: () => config.alerts });
    stops.push(() => orders.close());
    for (const f of deps.features ?? []) {
      await f.attach(core, media.registry);
      stops.push(() => f.close());
    }
    const recording = await wireRecording({ core, registry: media.registry });
    stops.push(() => recording.close());
    const ctx: HttpContext = {
      core,
      streams: media.registry,
      metrics,
      hub,
      orders: orders.service,
      recording: recording.feature,
    };
    const tls = await loadTls(config);
    const extra = (deps.features ?? []).map((f) => (a: FastifyInstance, c: HttpContext) => f.routes(a, c));
    const { app, routes } = await buildApp(ctx, config.wallDir ?? defaultWallDir, tls, extra);
    stops.push(() => app.close());
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const host = config.host.includes(":") ? `[${config.host}]` : config.host;
    const url = `${tls ? "https" : "http"}://${host}:${port}`;
    log.info(
      { url, rtmpPort: config.rtmpPort, dataDir: config.dataDir, tls: tls?.source ?? null },
      tls ? "gateway listening (HTTPS, HTTP/2)" : "gateway listening",
    );
    let closing: Promise<void> | null = null;
    return {
      url,
      app,
      core,
      routes,
      close: () => {
        closing ??= stopAll().then(() => log.info("gateway stopped"));
        return closing;
      },
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
