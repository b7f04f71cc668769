// createGateway(deps): composes the gateway from its parts — the core (event log + features), the media
// plane (injected: the real one from start.ts, a fake in tests), the live hub, metrics and the HTTP app —
// starts the features on them and listens. close() stops them in order: HTTP and sockets, the hub, what
// the features started, media (child processes), then the core (features, snapshot, log). It never
// decides how the media plane is built, nor anything a feature owns.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { StreamRegistry } from "@cw/streams";
import type { FastifyInstance } from "fastify";
import type { Session } from "./auth/sessions";
import type { Config } from "./config";
import { type Core, openCore } from "./core";
import type { EventLog } from "./eventlog/types";
import type { ControlPlane } from "./features/alarms/plane";
import type { CameraAccess } from "./features/cameraGroups/access";
import type { Province } from "./features/catalogue/model";
import type { CatalogueStore } from "./features/catalogue/store";
import type { Runtime } from "./features/feature";
import type { PrisonLinks } from "./features/overview/links";
import { endsSessions } from "./features/sessions";
import { type MediaHooks, mediaHooks } from "./features/streams/mediaHooks";
import { buildApp, type RouteInfo } from "./http/app";
import { loadTls } from "./http/tls";
import { LiveHub, type LiveHubOptions } from "./live/hub";
import { createLogger, type Logger } from "./log";
import { createMetrics } from "./metrics";
import type { DeviceRecordings } from "./recording/device";

export type { MediaHooks };

export interface MediaPlane {
  registry: StreamRegistry;
  /** Stops the registry, ingest servers and every child process. */
  close(): Promise<void>;
}

/** What an add-on gets of the running gateway: the kernel, the catalogue, the control plane. */
export interface AddOnCore extends Pick<Core, "config" | "log" | "now" | "commit" | "onEvent"> {
  catalogue: CatalogueStore;
  /** Who sees which camera (camera groups). */
  access: CameraAccess;
  control: ControlPlane;
  /** Each prison's edge link as the overview shows it (the GB service reports its platforms). */
  links: Pick<PrisonLinks, "report">;
}

/**
 * A part made before the gateway because it must wrap the media plane's source factory (GB/T 28181):
 * attached once the core and media are up, its routes registered with the features', closed before the
 * media plane. Anything that needs no such hook is a Feature (features/index.ts).
 */
export interface GatewayFeature {
  attach(core: AddOnCore, registry: StreamRegistry): Promise<void>;
  routes(app: FastifyInstance, core: AddOnCore): void;
  close(): Promise<void>;
  /** Recordings the cameras' own devices hold (GB/T 28181 NVRs), offered to the recording routes. */
  readonly deviceRecordings?: DeviceRecordings;
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
    const { features, featureList } = core;
    const media = await deps.media(mediaHooks(features.catalogue.store, log.child({ part: "media" })));
    stops.push(() => media.close());
    let hub: LiveHub | null = null;
    const metrics = createMetrics({ streams: () => media.registry, wsClients: () => hub?.size ?? 0 });
    core.onEvent(() => metrics.eventsAppended.inc());
    const sources = featureList.flatMap((f) => (f.live ? [f.live] : []));
    // A socket lives while its session does and its user keeps the role and prison it connected with.
    const sessionAlive = (s: Session) => {
      const now = features.sessions.store.byHashValue(s.hash);
      return now !== null && now.user.role === s.user.role && now.user.prisonId === s.user.prisonId;
    };
    hub = new LiveHub(sources, { now: core.now, sessionAlive, log }, deps.live);
    const liveHub = hub;
    // A revoked session or a disabled user's socket closes at once, not at the next heartbeat.
    core.onEvent((e) => {
      if (endsSessions(e)) liveHub.recheck();
    });
    const rt: Runtime = { media: media.registry, publish: liveHub.publish, metrics };
    for (const f of featureList) {
      if (f.start) stops.push(await f.start(rt));
    }
    stops.push(() => liveHub.close());
    // Add-ons made before the gateway (GB/T 28181 wraps the source factory): attached once it runs.
    const addOnCore = {
      ...core,
      catalogue: features.catalogue.store,
      access: features.cameraGroups.access,
      control: features.alarms.plane,
      links: features.overview.links,
    };
    for (const a of deps.features ?? []) {
      await a.attach(addOnCore, media.registry);
      stops.push(() => a.close());
      if (a.deviceRecordings) features.recording.useDevice(a.deviceRecordings);
    }
    const tls = await loadTls(config);
    const extra = (deps.features ?? []).map((a) => (app: FastifyInstance) => a.routes(app, addOnCore));
    const { app, routes } = await buildApp({ core, rt, hub: liveHub, extra }, config.wallDir ?? defaultWallDir, tls);
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
