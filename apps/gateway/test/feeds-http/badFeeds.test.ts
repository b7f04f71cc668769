// Bad feeds, table-driven and fuzzed: malformed JSON, wrong types, missing fields, huge bodies, unknown
// prison, bad / expired / replayed signatures. Every one must be answered 4xx {code, message, field?},
// never 5xx, and leave the state (the event log) exactly as it was.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signFeed } from "../../src/features/alarms/feeds/signature";
import { startTestGateway, type TestGateway } from "../helpers";
import { alarmBody, demoKey, postFeed } from "./signed";

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(async () => {
  await t.close();
});

interface Case {
  name: string;
  prison?: string;
  kind?: "alarms" | "rollcalls";
  raw: () => string | Buffer;
  opts?: () => Parameters<typeof postFeed>[4];
  status: number;
  code: string;
  field?: string;
}

const now = () => Date.now();
const json = (o: unknown) => () => JSON.stringify(o);
const replayTs = now();
const replayBody = JSON.stringify(alarmBody("bad-replay"));

export const badFeeds: Case[] = [
  { name: "malformed JSON", raw: () => '{"sourceId": ', status: 400, code: "invalid_json" },
  { name: "empty body", raw: () => "", status: 400, code: "invalid_json" },
  { name: "not an object", raw: json([1, 2]), status: 422, code: "validation" },
  {
    name: "severity as text",
    raw: json(alarmBody("b1", { severity: "1" })),
    status: 422,
    code: "validation",
    field: "severity",
  },
  {
    name: "severity 0",
    raw: json(alarmBody("b2", { severity: 0 })),
    status: 422,
    code: "validation",
    field: "severity",
  },
  { name: "unknown type", raw: json(alarmBody("b3", { type: "ufo" })), status: 422, code: "validation", field: "type" },
  {
    name: "missing sourceId",
    raw: json({ type: "fighting", severity: 1, occurredAt: now() }),
    status: 422,
    code: "validation",
    field: "sourceId",
  },
  {
    name: "occurredAt in seconds",
    raw: json(alarmBody("b4", { occurredAt: Math.floor(now() / 1000) })),
    status: 422,
    code: "validation",
    field: "occurredAt",
  },
  {
    name: "occurredAt in the future",
    raw: json(alarmBody("b5", { occurredAt: now() + 3_600_000 })),
    status: 422,
    code: "validation",
    field: "occurredAt",
  },
  { name: "unknown field", raw: json(alarmBody("b6", { extra: 1 })), status: 422, code: "validation" },
  {
    name: "snapshot not a JPEG",
    raw: json(alarmBody("b7", { snapshot: "aGVsbG8=" })),
    status: 422,
    code: "validation",
    field: "snapshot",
  },
  {
    name: "another prison's camera",
    raw: json(alarmBody("b8", { cameraId: "jz-b1-s1-cell" })),
    status: 422,
    code: "validation",
    field: "cameraId",
  },
  {
    name: "another prison's block",
    raw: json(alarmBody("b9", { blockId: "jz-b1" })),
    status: 422,
    code: "validation",
    field: "blockId",
  },
  {
    name: "huge body",
    raw: () => JSON.stringify(alarmBody("b10", { description: "x".repeat(900 * 1024) })),
    status: 413,
    code: "too_large",
  },
  { name: "unknown prison", prison: "nowhere", raw: json(alarmBody("b11")), status: 404, code: "not_found" },
  {
    name: "no signature",
    raw: json(alarmBody("b12")),
    opts: () => ({ signature: null }),
    status: 401,
    code: "bad_signature",
    field: "X-Feed-Signature",
  },
  {
    name: "wrong key",
    raw: json(alarmBody("b13")),
    opts: () => ({ key: demoKey("jz") }),
    status: 401,
    code: "bad_signature",
    field: "X-Feed-Signature",
  },
  {
    name: "expired timestamp",
    raw: json(alarmBody("b14")),
    opts: () => ({ timestamp: now() - 6 * 60_000 }),
    status: 401,
    code: "bad_signature",
    field: "X-Feed-Timestamp",
  },
  {
    name: "timestamp in seconds",
    raw: json(alarmBody("b15")),
    opts: () => ({ timestamp: Math.floor(now() / 1000) }),
    status: 401,
    code: "bad_signature",
    field: "X-Feed-Timestamp",
  },
  {
    name: "malformed signature",
    raw: json(alarmBody("b16")),
    opts: () => ({ signature: "md5=abc" }),
    status: 401,
    code: "bad_signature",
  },
  {
    name: "replayed signature",
    raw: () => replayBody,
    opts: () => ({ timestamp: replayTs, signature: signFeed(demoKey("pj"), replayTs, replayBody) }),
    status: 401,
    code: "bad_signature",
  },
  {
    name: "roll call: unknown checkpoint",
    kind: "rollcalls",
    raw: json({
      sourceId: "r1",
      blockId: "pj-b1",
      checkpoint: "noon",
      scheduledAt: now(),
      reportedAt: now(),
      expected: 1,
      present: 1,
    }),
    status: 422,
    code: "validation",
    field: "checkpoint",
  },
  {
    name: "roll call: negative count",
    kind: "rollcalls",
    raw: json({
      sourceId: "r2",
      blockId: "pj-b1",
      checkpoint: "wake_up",
      scheduledAt: now(),
      reportedAt: now(),
      expected: -1,
      present: 1,
    }),
    status: 422,
    code: "validation",
    field: "expected",
  },
  {
    name: "roll call: missing blockId",
    kind: "rollcalls",
    raw: json({
      sourceId: "r3",
      checkpoint: "wake_up",
      scheduledAt: now(),
      reportedAt: now(),
      expected: 1,
      present: 1,
    }),
    status: 422,
    code: "validation",
    field: "blockId",
  },
];

describe("bad feeds → 4xx, never 5xx, state unchanged", () => {
  it("accepts the replay case's first sending (so the second is a replay)", async () => {
    const res = await postFeed(t.gw.url, "pj", "alarms", replayBody, {
      timestamp: replayTs,
      signature: signFeed(demoKey("pj"), replayTs, replayBody),
    });
    expect(res.status).toBe(202);
  });

  for (const c of badFeeds) {
    it(c.name, async () => {
      // The clock is frozen in tests: after one tick, time alone appends nothing more.
      await t.gw.core.features.alarms.plane.tickOnce();
      const seq = t.gw.core.eventLog.lastSeq;
      const res = await postFeed(t.gw.url, c.prison ?? "pj", c.kind ?? "alarms", c.raw(), c.opts?.() ?? {});
      const body = (await res.json()) as { code: string; message: string; field?: string };
      expect(res.status, JSON.stringify(body)).toBe(c.status);
      expect(body.code).toBe(c.code);
      expect(typeof body.message).toBe("string");
      if (c.field !== undefined) expect(body.field).toBe(c.field);
      expect(t.gw.core.eventLog.lastSeq).toBe(seq);
    });
  }

  it("fuzz: arbitrary JSON bodies are 202 or 4xx, never 5xx; refusals append nothing", async () => {
    await t.gw.core.features.alarms.plane.tickOnce();
    const value = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
    const body = fc.record(
      {
        sourceId: fc.oneof(fc.string({ maxLength: 140 }), value),
        type: fc.oneof(fc.constantFrom("fighting", "video_loss", "ufo"), value),
        severity: fc.oneof(fc.integer({ min: -1, max: 6 }), value),
        occurredAt: fc.oneof(fc.constant(Date.now() - 1000), value),
        blockId: fc.oneof(fc.constantFrom("pj-b1", "jz-b1", "../x"), value),
        cameraId: fc.oneof(fc.constantFrom("pj-b1-s1-cell", "none"), value),
        snapshot: value,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          body.map((b) => JSON.stringify(b)),
          fc.string(),
        ),
        async (raw) => {
          const seq = t.gw.core.eventLog.lastSeq;
          const res = await postFeed(t.gw.url, "pj", "alarms", raw, {
            timestamp: Date.now() + Math.floor(Math.random() * 1e6),
          });
          expect(res.status).toBeLessThan(500);
          if (res.status !== 202) {
            const err = (await res.json()) as { code: string; message: string };
            expect(typeof err.code).toBe("string");
            expect(t.gw.core.eventLog.lastSeq).toBe(seq);
          } else await res.arrayBuffer();
        },
      ),
      { numRuns: 150 },
    );
  });
});
