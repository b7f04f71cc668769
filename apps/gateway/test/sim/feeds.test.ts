// The feed simulator end to end over real HTTP on 127.0.0.1: a tiny feeds endpoint verifies every
// request's signature with the gateway's own verifier and validates the body with the domain schemas.
// The demo starts at 07:00 local, so today's past checkpoints are reported at once; alarms flow at a
// test rate; a 503 is retried with a fresh signature; stop() leaves nothing behind.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { localTime, zAlarmFeed, zRollCallFeed } from "@cw/alerts";
import { afterEach, describe, expect, it } from "vitest";
import { demoFeedKey, verifyFeedSignature } from "../../src/features/alarms/feeds/signature";
import { type FeedSimulator, startFeedSimulator } from "../../src/sim/feeds";
import { mulberry32 } from "../../src/sim/rng";
import { testPrisons } from "./fixtures";

const SECRET = "demo";
const start = localTime("2025-06-10", "07:00", 480);
const virtualNow = () => start + (Date.now() - realStart);
let realStart = Date.now();

interface Received {
  kind: "alarms" | "rollcalls";
  prisonId: string;
  body: Record<string, unknown>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function feedServer(opts: { failFirst?: number } = {}) {
  const received: Received[] = [];
  const refused: string[] = [];
  const seen = new Set<string>();
  let failures = opts.failFirst ?? 0;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    const m = /^\/api\/v1\/feeds\/([^/]+)\/(alarms|rollcalls)$/.exec(req.url ?? "");
    const reply = (status: number, body: object) =>
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (req.method !== "POST" || m === null) return reply(404, { code: "not_found", message: req.url ?? "" });
    const [, prisonId = "", kind = "alarms"] = m;
    const v = verifyFeedSignature({
      key: demoFeedKey(SECRET, prisonId),
      timestamp: req.headers["x-feed-timestamp"],
      signature: req.headers["x-feed-signature"],
      rawBody: raw,
      now: virtualNow(),
    });
    if (!v.ok) {
      refused.push(v.error.message);
      return reply(401, v.error);
    }
    if (failures > 0) {
      failures--;
      return reply(503, { code: "unavailable", message: "try again" });
    }
    const body = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
    const parsed = (kind === "alarms" ? zAlarmFeed : zRollCallFeed).safeParse(body);
    if (!parsed.success) {
      refused.push(JSON.stringify(parsed.error.issues[0]));
      return reply(422, { code: "validation", message: "bad body" });
    }
    const key = `${prisonId}/${kind}/${String(body.sourceId)}`;
    const duplicate = seen.has(key);
    seen.add(key);
    received.push({ kind: kind as Received["kind"], prisonId, body });
    reply(202, { id: key, duplicate });
  };
  // A request the simulator aborts at stop() ends the body read with an error: drop that socket.
  const server: Server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
  const listening = new Promise<string>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
  return { received, refused, listening, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function until(cond: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("startFeedSimulator", () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it("reports today's past checkpoints at start and sends signed, valid alarms", async () => {
    const srv = feedServer();
    cleanup.push(srv.close);
    realStart = Date.now();
    const sim: FeedSimulator = startFeedSimulator({
      baseUrl: await srv.listening,
      prisons: testPrisons,
      secret: SECRET,
      rng: mulberry32(3),
      now: virtualNow,
      ratePerMin: 1_200,
      duplicateChance: 0,
    });
    cleanup.push(() => sim.stop());
    const blocks = testPrisons.reduce((n, p) => n + p.blocks.length, 0);
    const wakeUps = () => srv.received.filter((r) => r.kind === "rollcalls" && r.body.checkpoint === "wake_up");
    await until(() => wakeUps().length === blocks, "every block's 06:00 roll call");
    await until(() => srv.received.filter((r) => r.kind === "alarms").length >= 10, "10 alarms");
    expect(srv.refused).toEqual([]);
    // Every past report carries its own planned times, none from the future.
    for (const r of srv.received.filter((x) => x.kind === "rollcalls")) {
      expect(r.body.reportedAt as number).toBeLessThanOrEqual(virtualNow());
      expect(["wake_up", "morning_drill"]).toContain(r.body.checkpoint);
    }
    const alarmIds = srv.received.filter((r) => r.kind === "alarms").map((r) => r.body.sourceId as string);
    expect(new Set(alarmIds).size).toBe(alarmIds.length);
    for (const id of alarmIds) expect(id).toMatch(/^p0\d-[0-9a-z]+-\d+$/);
    await sim.stop();
    expect(sim.pending).toBe(0);
  });

  it("re-sends some alarms with the same sourceId and a fresh signature: answered duplicate", async () => {
    const srv = feedServer();
    cleanup.push(srv.close);
    realStart = Date.now();
    const sim = startFeedSimulator({
      baseUrl: await srv.listening,
      prisons: testPrisons,
      secret: SECRET,
      rng: mulberry32(5),
      now: virtualNow,
      ratePerMin: 600,
      duplicateChance: 1,
      rollCalls: false,
    });
    cleanup.push(() => sim.stop());
    await until(() => sim.stats.duplicates >= 1, "a duplicate answer", 30_000);
    expect(srv.refused).toEqual([]);
  });

  it("retries a 503 with a fresh signature until it is accepted", async () => {
    const srv = feedServer({ failFirst: 2 });
    cleanup.push(srv.close);
    realStart = Date.now();
    const sim = startFeedSimulator({
      baseUrl: await srv.listening,
      prisons: testPrisons.slice(0, 1),
      secret: SECRET,
      rng: mulberry32(9),
      now: virtualNow,
      ratePerMin: 0,
      schedule: [{ id: "wake_up", name: "起床", nameEn: "Wake-up", time: "06:00", graceMin: 10, redAfterMin: 30 }],
      retryBaseMs: 10,
    });
    cleanup.push(() => sim.stop());
    await until(() => sim.stats.accepted === testPrisons[0]!.blocks.length, "every block accepted after retries");
    expect(sim.stats.sent).toBe(testPrisons[0]!.blocks.length + 2);
    expect(sim.stats.failed).toBe(0);
  });

  it("stops cleanly with requests in flight and timers armed", async () => {
    const srv = feedServer();
    cleanup.push(srv.close);
    realStart = Date.now();
    const sim = startFeedSimulator({
      baseUrl: await srv.listening,
      prisons: testPrisons,
      secret: SECRET,
      now: virtualNow,
    });
    await sim.stop();
    expect(sim.pending).toBe(0);
    const count = srv.received.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(srv.received.length).toBe(count);
  });
});
