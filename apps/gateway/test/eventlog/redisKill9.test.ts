// Durability of the Redis event log: appends run in a burst, redis-server gets kill -9, and every append
// acknowledged before the kill is there after a restart on the same AOF (appendfsync always). The
// appends in flight at the kill must REJECT (an error the feeds API answers 503 to), never hang.
// And the gateway's own kill -9: a child process appending to Redis, killed mid-burst.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import { openRedisEventLog } from "../../src/eventlog/redis";
import type { EventLog } from "../../src/eventlog/types";
import { startRedis } from "../support/redis";

async function seqsOf(log: EventLog): Promise<number[]> {
  const out: number[] = [];
  for await (const e of log.read(0)) out.push(e.seq);
  return out;
}

async function until(cond: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

it("keeps every acknowledged append through kill -9 of redis-server, and rejects the ones in flight", async () => {
  const first = await startRedis();
  let dir = first.dir;
  try {
    const log = await openRedisEventLog({ url: first.url, stream: "cw:events" });
    const acked = new Set<number>();
    const errors: Error[] = [];
    const writer = async (w: number) => {
      for (let i = 0; ; i++) {
        try {
          const stored = await log.append([{ type: "burst", actor: `w${w}`, data: { i } }]);
          for (const e of stored) acked.add(e.seq);
        } catch (err) {
          errors.push(err as Error);
          return;
        }
      }
    };
    const writers = Array.from({ length: 4 }, (_, w) => writer(w));
    await until(() => acked.size >= 300, "300 acknowledged appends");
    await first.kill9();
    await Promise.all(writers); // every writer ends on a rejected append: nothing hangs
    expect(errors).toHaveLength(4);
    await log.close();

    const second = await startRedis({ dir });
    dir = second.dir;
    try {
      const reopened = await openRedisEventLog({ url: second.url, stream: "cw:events" });
      const seqs = await seqsOf(reopened);
      await reopened.close();
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      const present = new Set(seqs);
      for (const s of acked) expect(present.has(s)).toBe(true);
    } finally {
      await second.stop();
    }
  } finally {
    await first.stop();
  }
});

// `node --import <tsx>`: one process, so SIGKILL hits the appender itself (no tsx CLI grandchild).
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const redisModule = pathToFileURL(fileURLToPath(new URL("../../src/eventlog/redis.ts", import.meta.url))).href;
const appenderCode = `
const { openRedisEventLog } = await import(${JSON.stringify(redisModule)});
const log = await openRedisEventLog({ url: process.argv[1], stream: "cw:events" });
for (let i = 0; ; i++) {
  const stored = await log.append([{ type: "kill.test", actor: null, data: { i } }]);
  process.stdout.write(stored.map((e) => e.seq).join(" ") + "\\n");
}
`;

it("keeps every acknowledged append through kill -9 of the gateway", async () => {
  const redis = await startRedis();
  try {
    const child = spawn(
      process.execPath,
      ["--import", tsxLoader, "--input-type=module", "-e", appenderCode, redis.url],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const acked = new Set<number>();
    let buffered = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const l of lines) for (const s of l.split(" ").filter(Boolean)) acked.add(Number(s));
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_c, sig) => resolve(sig)));
    try {
      await until(() => acked.size >= 300, "the child to acknowledge 300 appends");
    } finally {
      child.kill("SIGKILL");
    }
    expect(await exited).toBe("SIGKILL");
    const log = await openRedisEventLog({ url: redis.url, stream: "cw:events" });
    const seqs = await seqsOf(log);
    await log.close();
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    const present = new Set(seqs);
    for (const s of acked) expect(present.has(s)).toBe(true);
  } finally {
    await redis.stop();
  }
});
