// startGateway(config): the real composition — the media plane from @cw/streams (RTMP ingest on
// RTMP_PORT, RTSP relay and camera simulator through ffmpeg, the on-demand stream registry) under the
// gateway. Stops them in reverse order on close(). Tests of the HTTP edge use createGateway with a
// fake registry instead; this is what main.ts and the integration tests run.
import { join } from "node:path";
import {
  createSourceFactory,
  createStreamRegistry,
  createTranscodeHooks,
  findFfmpeg,
  type MediaSourceFactory,
  PortPool,
  RtmpIngest,
  type Source,
  type SourceFactory,
} from "@cw/streams";
import type { Config } from "./config";
import { lockDataDir } from "./dataDirLock";
import { selectEventLog, withDemoFeeds } from "./features/alarms/startup";
import { loadProvince } from "./features/catalogue/load";
import { cameraSpec } from "./features/streams/mediaHooks";
import { createGateway, type Gateway, type MediaPlane } from "./gateway";
import { createGbFeature } from "./gb28181/feature";
import { createLogger, type Logger } from "./log";
import { createEdgeFeature } from "./province/edge";
import { uplinkMediaHook } from "./uplink/media";

/** SIM=0: simulated cameras exist in the catalogue but show as offline. */
const simOff: Source = {
  start(sink) {
    sink.end("the camera simulator is turned off (SIM=0)");
  },
  async stop() {},
};

export async function startGateway(config: Config, log: Logger = createLogger(config.logLevel)): Promise<Gateway> {
  // One gateway per DATA_DIR (and no offline tool beside it): DataDirLockedError when another holds it.
  const lock = await lockDataDir(config.dataDir);
  try {
    return withLock(await compose(config, log), lock.release);
  } catch (err) {
    await lock.release();
    throw err;
  }
}

function withLock(gw: Gateway, release: () => Promise<void>): Gateway {
  const close = gw.close;
  return {
    ...gw,
    close: async () => {
      try {
        await close();
      } finally {
        await release();
      }
    },
  };
}

async function compose(config: Config, log: Logger): Promise<Gateway> {
  const eventLog = await selectEventLog(config, log);
  let sources: MediaSourceFactory | null = null;
  const offset = config.clockOffsetMs;
  const gb = await createGbFeature(config, log);
  const edge = createEdgeFeature(config, log, {
    media: uplinkMediaHook(config, log, gb?.pool ?? PortPool.parse(config.gbMediaPorts)),
    ptz: gb?.ptz ?? null,
    prisonOrder: config.gatewayRole === "edge" ? loadProvince(config.catalogueFile).prisons.map((p) => p.id) : [],
  });
  const gw = await createGateway({
    config,
    log,
    features: [...(gb ? [gb] : []), ...(edge ? [edge] : [])],
    ...(offset !== 0 ? { now: () => Date.now() + offset } : {}),
    ...(eventLog ? { eventLog } : {}),
    async media(hooks): Promise<MediaPlane> {
      const tools = findFfmpeg();
      hooks.log.info({ ffmpeg: tools.ffmpeg, system: tools.system }, "ffmpeg found");
      const ingest = new RtmpIngest({
        port: config.rtmpPort,
        host: config.host,
        dataDir: join(config.dataDir, "rtmp"),
        authorize: (name: string, key: string | undefined) => hooks.authorizePublish(name, key),
        log: hooks.log.child({ component: "rtmp" }),
      });
      await ingest.start();
      try {
        const real = createSourceFactory({
          ingest,
          ffmpegPath: tools.ffmpeg,
          clipDir: config.clipCacheDir ?? join(config.dataDir, "clips"),
          log: hooks.log.child({ component: "sources" }),
        });
        sources = real;
        const base: SourceFactory = (camera, variant) =>
          camera.source.kind === "sim" && !config.sim ? simOff : real(camera, variant);
        const sourceFactory = gb ? gb.wrap(base) : base;
        const registry = createStreamRegistry({
          resolve: (id) => hooks.resolve(id),
          sourceFactory,
          idleMs: config.streamIdleS * 1000,
          stallMs: config.stallS * 1000,
          transcode: createTranscodeHooks({
            ffmpegPath: tools.ffmpeg,
            max: config.transcodeMax,
            hw: config.transcodeHwaccel,
            mainSize: config.transcodeMainSize,
            spares: config.transcodeSpare,
            log: hooks.log.child({ component: "transcode" }),
          }),
          log: hooks.log.child({ component: "registry" }),
        });
        return {
          registry,
          async close() {
            await registry.close();
            await real.close();
            await ingest.close();
          },
        };
      } catch (err) {
        await ingest.close();
        throw err;
      }
    },
  });
  if (config.sim && config.simPrewarm && sources) {
    // Render every demo camera's clips in the background (one ffmpeg at a time, on-demand views jump the
    // queue), so the first view of any camera on a fresh machine does not wait for a render.
    const catalogue = gw.core.features.catalogue.store;
    const specs = catalogue.cameras().map((c) => cameraSpec(catalogue, c));
    (sources as MediaSourceFactory).prewarm(specs);
  }
  return withDemoFeeds(gw, config, log);
}
