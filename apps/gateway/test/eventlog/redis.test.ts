// The Redis Streams event log against a real redis-server: the shared EventLog contract, then what only
// a shared log has to prove: two gateways on one stream see each other's events, in one dense sequence.
import { basename } from "node:path";
import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openRedisEventLog } from "../../src/eventlog/redis";
import type { EventLog, StoredEvent } from "../../src/eventlog/types";
import { type RedisHandle, startRedis } from "../support/redis";
import { eventLogContract } from "./contract";

let redis: RedisHandle;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

// The contract's `dir` names persistent state: here it names the stream.
eventLogContract("redis", (dir) => openRedisEventLog({ url: redis.url, stream: `cw:test:${basename(dir)}` }));

async function readAll(log: EventLog, after = 0): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of log.read(after)) out.push(e);
  return out;
}

async function until(cond: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Connections redis-server sees, counted by a separate control client (itself included). */
async function serverClients(): Promise<number> {
  const c = createClient({ url: redis.url, RESP: 2 });
  await c.connect();
  const list = String(await c.sendCommand(["CLIENT", "LIST"]));
  await c.close();
  return list.split("\n").filter((l) => l.trim() !== "").length;
}

describe("Redis event log shared by two gateways", () => {
  let n = 0;
  const open: EventLog[] = [];
  const two = async () => {
    const stream = `cw:shared:${++n}`;
    const a = await openRedisEventLog({ url: redis.url, stream });
    const b = await openRedisEventLog({ url: redis.url, stream });
    open.push(a, b);
    return { a, b, stream };
  };
  afterEach(async () => {
    for (const l of open.splice(0)) await l.close();
  });

  it("delivers the other gateway's appends to subscribers, in order, exactly once", async () => {
    const { a, b } = await two();
    const seenA: number[] = [];
    const seenB: number[] = [];
    a.subscribe((e) => seenA.push(e.seq));
    b.subscribe((e) => seenB.push(e.seq));
    await b.append([{ type: "from.b", actor: "u:b", data: { n: 1 } }]);
    await a.append([{ type: "from.a", actor: null, data: { n: 2 } }]);
    await b.append([
      { type: "from.b", actor: null, data: 3 },
      { type: "from.b", actor: null, data: 4 },
    ]);
    await until(() => seenA.length === 4 && seenB.length === 4, "both gateways to see 4 events");
    expect(seenA).toEqual([1, 2, 3, 4]);
    expect(seenB).toEqual([1, 2, 3, 4]);
    expect(a.lastSeq).toBe(4);
    expect((await readAll(a)).map((e) => e.type)).toEqual(["from.b", "from.a", "from.b", "from.b"]);
  });

  it("fills the gap before its own append: another gateway's earlier event comes first", async () => {
    const { a, b } = await two();
    const seen: StoredEvent[] = [];
    // No subscriber on `a` yet, so no tail runs: b's event reaches a only through a's own append.
    await b.append([{ type: "b.first", actor: null, data: null }]);
    a.subscribe((e) => seen.push(e));
    const [mine] = await a.append([{ type: "a.second", actor: null, data: null }]);
    expect(mine?.seq).toBe(2);
    expect(seen.map((e) => [e.seq, e.type])).toEqual([
      [1, "b.first"],
      [2, "a.second"],
    ]);
  });

  it("never gives one seq to two gateways appending concurrently", async () => {
    const { a, b } = await two();
    const batches = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        (i % 2 === 0 ? a : b).append([
          { type: "c", actor: null, data: { i, k: 0 } },
          { type: "c", actor: null, data: { i, k: 1 } },
        ]),
      ),
    );
    const seqs = batches.flat().map((e) => e.seq);
    expect(new Set(seqs).size).toBe(120);
    expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    for (const batch of batches) expect(batch[1]?.seq).toBe((batch[0]?.seq ?? 0) + 1);
    const reopened = await openRedisEventLog({ url: redis.url, stream: `cw:shared:${n}` });
    open.push(reopened);
    expect(reopened.lastSeq).toBe(120);
    const all = await readAll(reopened);
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
  });

  it("replay then subscribe misses nothing another gateway appends meanwhile", async () => {
    const { a, b } = await two();
    await b.append(Array.from({ length: 30 }, (_, i) => ({ type: "old", actor: null, data: i })));
    const folded: number[] = [];
    const writer = b.append([{ type: "racing", actor: null, data: null }]);
    for await (const e of a.read(0)) folded.push(e.seq);
    a.subscribe((e) => folded.push(e.seq));
    await writer;
    await b.append([{ type: "after", actor: null, data: null }]);
    await until(() => folded.length === 32, "32 events folded");
    expect(folded).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
  });

  it("refuses a key that is not a stream, and an unreachable Redis, with a message", async () => {
    const c = createClient({ url: redis.url });
    await c.connect();
    await c.set("cw:not-a-stream", "x");
    await c.close();
    await expect(openRedisEventLog({ url: redis.url, stream: "cw:not-a-stream" })).rejects.toThrow(/not a stream/);
    await expect(openRedisEventLog({ url: "redis://127.0.0.1:1" })).rejects.toThrow(/cannot connect to Redis/);
  });

  it("leaves no connections open after close", async () => {
    const before = await serverClients();
    const { a, b } = await two();
    a.subscribe(() => undefined);
    b.subscribe(() => undefined);
    await a.append([{ type: "x", actor: null, data: 1 }]);
    await until(() => b.lastSeq === 1, "b to see seq 1");
    expect(await serverClients()).toBe(before + 4); // each log: one for commands, one tailing
    for (const l of open.splice(0)) await l.close();
    const deadline = Date.now() + 5_000;
    while ((await serverClients()) !== before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await serverClients()).toBe(before);
  });
});
