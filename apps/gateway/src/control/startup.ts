// What `npm start` adds around the gateway for the control plane: the event log chosen by config
// (REDIS_URL → Redis Streams shared by several gateways, else the file journal the core opens) and the
// demo feed simulator started after listen and stopped before the gateway closes.
import type { Config } from "../config";
import { openRedisEventLog } from "../eventlog/redis";
import type { EventLog } from "../eventlog/types";
import type { Gateway } from "../gateway";
import type { Logger } from "../log";
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
  const sim = startDemoFeeds(config, gw.core.catalogue, gw.url, log);
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
