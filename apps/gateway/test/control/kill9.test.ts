// kill -9 during a burst of signed alarms, with the journal and with Redis (a real redis-server):
// every alarm answered 2xx before the kill survives the restart; retries create no duplicates.
import { rmSync } from "node:fs";
import { describe, it } from "vitest";
import { type RedisHandle, startRedis } from "../support/redis";
import { killDuringBurst } from "./burst";

describe("kill -9 during a burst of signed alarms", () => {
  it("journal: keeps every answered alarm, no duplicates on retry", { timeout: 120_000 }, async () => {
    await killDuringBurst({});
  });

  it("redis: keeps every answered alarm, no duplicates on retry", { timeout: 120_000 }, async () => {
    let redis: RedisHandle | null = null;
    try {
      redis = await startRedis();
      await killDuringBurst({ REDIS_URL: redis.url });
    } finally {
      if (redis) {
        const dir = redis.dir;
        await redis.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});
