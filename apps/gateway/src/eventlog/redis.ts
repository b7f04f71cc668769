// The Redis Streams event log (REDIS_URL): one stream shared by every gateway, so several gateways
// share one log and one state. Appends run one Lua script (redisCodec.ts) that takes the next seq and
// XADDs the batch atomically; reads page with XRANGE; a dedicated connection tails the stream with
// blocking XREAD so events appended by OTHER gateways reach this one's subscribers.
//
// Durability is Redis' own: an append resolves when Redis has answered, and Redis answers after its
// AOF write, fsync'd per `appendfsync` (`always`: every acknowledged event survives a crash of Redis;
// `everysec`: up to ~1 s may be lost; no AOF: only RDB snapshots). The tests run redis-server with
// `--appendonly yes --appendfsync always`; at open we warn when the server is not durable.
//
// Ordering: subscribers see every event exactly once, in seq order, whoever appended it. `lastSeq` is
// the delivery watermark: everything ≤ lastSeq has been given to the subscribers of the time, and
// read(after) replays exactly (after, lastSeq]. The tail starts at the first subscribe(), so replay
// then subscribe (what the gateway core does) misses nothing another gateway appends in between.
// Errors surface as rejected appends (the offline queue is off): never a silent loss, never a hang.
import { createHash } from "node:crypto";
import { asError, type Client, checkDurability, connect, type RedisLogSink } from "./redisClient";
import { APPEND_SCRIPT, decodeRange, decodeRead, encodeBatch, entryId } from "./redisCodec";
import type { EventLog, NewEvent, StoredEvent } from "./types";

export type { RedisLogSink } from "./redisClient";

export interface RedisEventLogOptions {
  url: string;
  /** Stream key; every gateway of one deployment uses the same. */
  stream?: string;
  log?: RedisLogSink;
  now?: () => number;
  /** XRANGE/XREAD page size. */
  pageSize?: number;
  /** How long one blocking XREAD waits before it is re-issued. */
  blockMs?: number;
}

const SCRIPT_SHA = createHash("sha1").update(APPEND_SCRIPT).digest("hex");

interface PendingAppend {
  events: Array<NewEvent & { at: number }>;
  resolve(stored: StoredEvent[]): void;
  reject(err: Error): void;
}

class RedisEventLog implements EventLog {
  private watermark: number;
  private deliveries: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(e: StoredEvent) => void>();
  private readonly inflight = new Set<Promise<unknown>>();
  private tail: { client: Client; loop: Promise<void> } | null = null;
  private tailStarting: Promise<void> | null = null;
  private wake: { timer: NodeJS.Timeout; resolve: () => void } | null = null;
  private closed = false;
  private closing: Promise<void> | null = null;
  private pending: PendingAppend[] = [];
  private scheduled = false;

  constructor(
    private readonly main: Client,
    private readonly opts: Required<Pick<RedisEventLogOptions, "url" | "stream" | "pageSize" | "blockMs">> & {
      log: RedisLogSink | undefined;
      now: () => number;
    },
    lastSeq: number,
  ) {
    this.watermark = lastSeq;
  }

  get lastSeq(): number {
    return this.watermark;
  }

  append(events: NewEvent[]): Promise<StoredEvent[]> {
    if (this.closed) return Promise.reject(new Error("event log is closed"));
    if (events.length === 0) return Promise.resolve([]);
    const at = this.opts.now();
    const timed = events.map((e) => ({ ...e, at: e.at ?? at }));
    const p = new Promise<StoredEvent[]>((resolve, reject) => {
      this.pending.push({ events: timed, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          const batch = this.pending;
          this.pending = [];
          void this.appendBatch(batch);
        });
      }
    });
    this.inflight.add(p);
    const forget = () => this.inflight.delete(p);
    p.then(forget, forget);
    return p;
  }

  /**
   * Group commit: every append issued in one tick goes to Redis as ONE script run (one round trip, one
   * AOF fsync with appendfsync always), as the journal shares one write + fsync. The script assigns the
   * batch dense seqs atomically; each caller gets its own slice. A failure fails every append of the batch
   * (none of its events was written: the script writes all or nothing).
   */
  private async appendBatch(batch: PendingAppend[]): Promise<void> {
    const all = batch.flatMap((b) => b.events);
    let stored: StoredEvent[];
    try {
      const first = await this.runScript(encodeBatch(all));
      stored = all.map((e, i) => ({ seq: first + i, at: e.at, type: e.type, actor: e.actor, data: e.data ?? null }));
      const last = stored[stored.length - 1];
      if (last !== undefined) await this.deliver(last.seq, stored);
    } catch (err) {
      for (const b of batch) b.reject(asError(err));
      return;
    }
    let offset = 0;
    for (const b of batch) {
      b.resolve(stored.slice(offset, offset + b.events.length));
      offset += b.events.length;
    }
  }

  private async runScript(argv: string[]): Promise<number> {
    const keys = ["1", this.opts.stream];
    let reply: unknown;
    try {
      reply = await this.main.sendCommand(["EVALSHA", SCRIPT_SHA, ...keys, ...argv]);
    } catch (err) {
      if (!asError(err).message.startsWith("NOSCRIPT")) throw err;
      reply = await this.main.sendCommand(["EVAL", APPEND_SCRIPT, ...keys, ...argv]);
    }
    if (typeof reply !== "number" || !Number.isInteger(reply) || reply < 1) {
      throw new Error(`redis event log: the append script answered ${String(reply)}, not a seq`);
    }
    return reply;
  }

  /**
   * Gives subscribers every event up to `upTo`, in order, exactly once. `known` are events already in
   * hand (our own append, a tail page); whatever lies between the watermark and them (another gateway's
   * appends) is fetched first. Serialized: one delivery at a time.
   */
  private deliver(upTo: number, known: StoredEvent[]): Promise<void> {
    const run = this.deliveries.then(async () => {
      if (upTo <= this.watermark) return;
      const fresh = known.filter((e) => e.seq > this.watermark);
      const firstKnown = fresh[0]?.seq ?? upTo + 1;
      const gap = firstKnown > this.watermark + 1 ? await this.range(this.watermark + 1, firstKnown - 1) : [];
      const batch = [...gap, ...fresh];
      // Refuse to skip anything: a hole means someone deleted entries, and folding past it would lie.
      for (const [i, e] of batch.entries()) {
        if (e.seq !== this.watermark + 1 + i) {
          throw new Error(`redis event log: seq ${this.watermark + 1 + i} is missing from stream ${this.opts.stream}`);
        }
      }
      for (const e of batch) {
        this.watermark = e.seq;
        this.emit(e);
      }
    });
    this.deliveries = run.catch(() => undefined);
    return run;
  }

  private emit(e: StoredEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch (err) {
        this.opts.log?.error({ err: asError(err).message, seq: e.seq }, "event log subscriber threw");
      }
    }
  }

  /** Events with from ≤ seq ≤ to, paged. */
  private async range(from: number, to: number): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    let next = from;
    while (next <= to) {
      const raw = await this.main.sendCommand([
        "XRANGE",
        this.opts.stream,
        entryId(next),
        entryId(to),
        "COUNT",
        String(this.opts.pageSize),
      ]);
      const page = decodeRange(raw, this.opts.stream);
      const last = page[page.length - 1];
      if (last === undefined) break;
      out.push(...page);
      next = last.seq + 1;
    }
    return out;
  }

  async get(seqs: readonly number[]): Promise<StoredEvent[]> {
    // Concurrent commands share one round trip (the client pipelines them).
    const pages = await Promise.all(seqs.map((seq) => this.range(seq, seq)));
    return pages.map((page, i) => {
      const e = page[0];
      if (e === undefined) throw new RangeError(`redis event log: no event ${seqs[i]} in stream ${this.opts.stream}`);
      return e;
    });
  }

  async *read(afterSeq: number): AsyncIterable<StoredEvent> {
    const upTo = this.watermark;
    let next = afterSeq + 1;
    while (next <= upTo) {
      const page = await this.range(next, Math.min(upTo, next + this.opts.pageSize - 1));
      const last = page[page.length - 1];
      if (last === undefined || page[0]?.seq !== next) {
        throw new Error(`redis event log: seq ${next} is missing from stream ${this.opts.stream}`);
      }
      yield* page;
      next = last.seq + 1;
    }
  }

  subscribe(listener: (e: StoredEvent) => void): () => void {
    this.listeners.add(listener);
    if (this.tail === null && this.tailStarting === null && !this.closed) this.startTail();
    return () => {
      this.listeners.delete(listener);
    };
  }

  private startTail(): void {
    this.tailStarting = connect(this.opts.url, this.opts.log, true).then(
      (client) => {
        this.tailStarting = null;
        if (this.closed) {
          client.destroy();
          return;
        }
        this.tail = { client, loop: this.tailLoop(client) };
      },
      (err: unknown) => {
        this.tailStarting = null;
        this.opts.log?.error({ err: asError(err).message }, "redis event log: cannot open the tail connection");
        if (!this.closed && this.listeners.size > 0) void this.sleep(1_000).then(() => this.retryTail());
      },
    );
  }

  private retryTail(): void {
    if (!this.closed && this.tail === null && this.tailStarting === null) this.startTail();
  }

  private async tailLoop(client: Client): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      try {
        const raw = await client.sendCommand([
          "XREAD",
          "COUNT",
          String(this.opts.pageSize),
          "BLOCK",
          String(this.opts.blockMs),
          "STREAMS",
          this.opts.stream,
          entryId(this.watermark),
        ]);
        failures = 0;
        const page = decodeRead(raw, this.opts.stream, this.watermark);
        const last = page[page.length - 1];
        if (last !== undefined) await this.deliver(last.seq, page);
      } catch (err) {
        if (this.closed) break;
        failures++;
        this.opts.log?.warn({ err: asError(err).message, failures }, "redis event log: tail read failed; retrying");
        await this.sleep(Math.min(100 * 2 ** failures, 5_000));
      }
    }
  }

  /** A back-off pause that close() cuts short. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      timer.unref();
      this.wake = { timer, resolve };
    });
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.inflight]);
    await this.deliveries;
    if (this.wake !== null) {
      clearTimeout(this.wake.timer);
      this.wake.resolve();
      this.wake = null;
    }
    await this.tailStarting;
    if (this.tail !== null) {
      // A blocking XREAD cannot be cancelled politely: drop the connection, the loop sees `closed`.
      this.tail.client.destroy();
      await this.tail.loop;
      this.tail = null;
    }
    this.listeners.clear();
    await this.main.close().catch(() => this.main.destroy());
  }
}

export async function openRedisEventLog(opts: RedisEventLogOptions): Promise<EventLog> {
  const stream = opts.stream ?? "cw:events";
  const main = await connect(opts.url, opts.log, false);
  try {
    const type: unknown = await main.sendCommand(["TYPE", stream]);
    if (type !== "none" && type !== "stream") throw new Error(`redis key ${stream} is a ${String(type)}, not a stream`);
    const last = decodeRange(await main.sendCommand(["XREVRANGE", stream, "+", "-", "COUNT", "1"]), stream)[0];
    await checkDurability(main, opts.log);
    return new RedisEventLog(
      main,
      {
        url: opts.url,
        stream,
        pageSize: opts.pageSize ?? 500,
        blockMs: opts.blockMs ?? 5_000,
        log: opts.log,
        now: opts.now ?? Date.now,
      },
      last?.seq ?? 0,
    );
  } catch (err) {
    main.destroy();
    throw err;
  }
}
