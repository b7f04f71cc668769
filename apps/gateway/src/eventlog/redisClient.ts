// Redis connections for the event log: RESP2 clients that fail fast at open (a wrong REDIS_URL stops
// the start) and reconnect with back-off afterwards, plus the durability check at open. Owns no state
// of the log; never retries a command itself (the caller decides what a failed append means).
import { createClient } from "redis";

export interface RedisLogSink {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * RESP2 on purpose: raw replies stay plain arrays (RESP3 turns XREAD/CONFIG answers into maps).
 * No per-command timeout: node-redis arms an AbortSignal.timeout (a timer, and a DOMException when it
 * fires even after the answer) for every command, which cost ~2 % of the gateway's CPU at 1000 alarms/s
 * (--cpu-prof). A Redis that goes away is seen by the socket (close, TCP keepalive) and every command in
 * flight is rejected then; an append that is merely slow (appendfsync always on a busy disk) is better
 * waited for than failed, since its event may already be in the stream.
 */
export function makeClient(
  url: string,
  offlineQueue: boolean,
  reconnect: (retries: number, cause: Error) => number | Error,
) {
  return createClient({
    url,
    RESP: 2,
    disableOfflineQueue: !offlineQueue,
    commandOptions: { timeout: 0 },
    socket: { reconnectStrategy: reconnect, keepAlive: true, keepAliveInitialDelay: 5_000 },
  });
}
export type Client = ReturnType<typeof makeClient>;

export function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

export async function connect(url: string, log: RedisLogSink | undefined, offlineQueue: boolean): Promise<Client> {
  let opened = false;
  // Fail the open at once (a wrong REDIS_URL should stop the start); once open, reconnect with back-off.
  const client = makeClient(url, offlineQueue, (retries, cause) =>
    opened ? Math.min(50 * 2 ** retries, 2_000) : cause,
  );
  client.on("error", (err: unknown) => {
    if (opened) log?.warn({ err: asError(err).message }, "redis event log: connection error");
  });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`cannot connect to Redis at ${url.replace(/\/\/[^@/]*@/, "//***@")}: ${asError(err).message}`);
  }
  opened = true;
  return client;
}

/** Warns when the server would lose acknowledged events in a crash (CONFIG may be disabled: then silent). */
export async function checkDurability(client: Client, log: RedisLogSink | undefined): Promise<void> {
  try {
    const raw = (await client.sendCommand(["CONFIG", "GET", "append*"])) as unknown;
    const flat = Array.isArray(raw) ? raw.map(String) : [];
    const get = (k: string) => flat[flat.indexOf(k) + 1];
    if (get("appendonly") !== "yes" || get("appendfsync") !== "always") {
      log?.warn(
        { appendonly: get("appendonly"), appendfsync: get("appendfsync") },
        "redis event log: Redis is not running with appendonly yes + appendfsync always; acknowledged events can be lost if Redis crashes",
      );
    }
  } catch {
    // Managed Redis often renames CONFIG: nothing to check, nothing to say.
  }
}
