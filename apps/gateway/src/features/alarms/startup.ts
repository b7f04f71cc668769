// What `npm start` adds around the gateway for the control plane: the event log chosen by config
// (REDIS_URL → Redis Streams shared by several gateways, else the file journal the core opens) and the
// demo feed simulator started after listen and stopped before the gateway closes.
import type { Config } from "../../config";
import { openRedisEventLog } from "../../eventlog/redis";
import type { EventLog } from "../../eventlog/types";
import type { Gateway } from "../../gateway";
import { injectFetch } from "../../http/injectFetch";
import type { Logger } from "../../log";
import { startDemoFeeds } from "./simWiring";

/** The Redis event log when REDIS_URL is set; undefined = the core's default journal. */
export async function selectEventLog(config: Config, log: Logger): Promise<EventLog | undefined> {
  if (!config.redisUrl) return undefined;
  const eventLog = await openRedisEventLog({ url: config.redisUrl, log: log.child({ part: "redis-log" }) });
  log.info({ redis: config.redisUrl.replace(/\/\/[^@/]*@/, "//***@") }, "event log: Redis Streams");
  return eventLog;
}

/** Starts the demo feeds (FEED_SIM) against the listening gateway; its close() stops them first. */
export function withDemoFeeds(gw: Gateway, config: Config, log: Logger): Gateway {
  // Over HTTPS the certificate may not name 127.0.0.1 (or be self-signed): the simulator's requests then
  // go through the gateway's own routes in-process (fastify inject: same hooks, signature checks and
  // validation, no socket) instead of through a TLS client that would refuse it.
  const tls = gw.url.startsWith("https:");
  const feedsCore = { catalogue: gw.core.features.catalogue.store, now: gw.core.now };
  const sim = startDemoFeeds(config, feedsCore, gw.url, log, tls ? injectFetch(gw.app) : undefined);
  if (sim === null) return gw;
  const close = gw.close;
  return {
    ...gw,
    close: async () => {
      await sim.stop();
      await close();
    },
  };
}
