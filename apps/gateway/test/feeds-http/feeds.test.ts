// The feeds API over real HTTP on 127.0.0.1: signed alarms and roll calls, duplicates, replays, the
// snapshot store, the WebSocket variant, and a table of bad feeds (the same table feeds the fuzz test
// in badFeeds.test.ts) that must all be 4xx {code, message, field?} and leave the state unchanged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { signFeed } from "../../src/features/alarms/feeds/signature";
import { startTestGateway, type TestGateway } from "../helpers";
import { alarmBody, demoKey, jpegBase64, postFeed } from "./signed";

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(async () => {
  await t.close();
});

const url = () => t.gw.url;

describe("POST /api/v1/feeds/{prisonId}/alarms", () => {
  it("records a signed alarm (202) and answers the same sourceId as a duplicate of the same alarm", async () => {
    const body = JSON.stringify(alarmBody("pj-dup-1", { blockId: "pj-b1", cameraId: "pj-b1-s1-cell" }));
    const first = await postFeed(url(), "pj", "alarms", body);
    expect(first.status).toBe(202);
    const a = (await first.json()) as { id: string; duplicate: boolean };
    expect(a.duplicate).toBe(false);
    const again = await postFeed(url(), "pj", "alarms", body);
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ id: a.id, duplicate: true });
    const alarm = t.gw.core.features.alarms.plane.reads.alarm(a.id, null);
    expect(alarm).toMatchObject({ sourceId: "pj-dup-1", count: 2, state: "open", cameraId: "pj-b1-s1-cell" });
    const same = Object.values(t.gw.core.features.alarms.plane.projection.state.alarms.byId).filter(
      (x) => x.sourceId === "pj-dup-1",
    );
    expect(same).toHaveLength(1);
  });

  it("answers concurrent retries of one sourceId with one alarm", async () => {
    const body = JSON.stringify(alarmBody("pj-race-1"));
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => postFeed(url(), "pj", "alarms", body, { timestamp: Date.now() + i })),
    );
    const json = (await Promise.all(answers.map((r) => r.json()))) as Array<{ id: string; duplicate: boolean }>;
    expect(answers.every((r) => r.status === 202)).toBe(true);
    expect(new Set(json.map((j) => j.id)).size).toBe(1);
    expect(json.filter((j) => !j.duplicate)).toHaveLength(1);
  });

  it("refuses a replayed signed request with 401 bad_signature", async () => {
    const body = JSON.stringify(alarmBody("pj-replay-1"));
    const ts = Date.now();
    const sig = signFeed(demoKey("pj"), ts, body);
    expect((await postFeed(url(), "pj", "alarms", body, { timestamp: ts, signature: sig })).status).toBe(202);
    const replay = await postFeed(url(), "pj", "alarms", body, { timestamp: ts, signature: sig });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ code: "bad_signature", field: "X-Feed-Signature" });
  });

  it("stores the snapshot outside the log and serves it within the prison's scope", async () => {
    const body = JSON.stringify(alarmBody("pj-snap-1", { snapshot: jpegBase64 }));
    const res = await postFeed(url(), "pj", "alarms", body);
    const { id } = (await res.json()) as { id: string };
    const raised = (await t.gw.core.features.audit.index.query({ type: "alarm.raised", limit: 100 })).events.find(
      (e) => (e.data as { id: string }).id === id,
    );
    expect((raised?.data as { snapshot?: string } | undefined)?.snapshot).toMatch(/^sha256:[0-9a-f]{64}$/);
    const own = await t.login("operator-pj");
    const img = await t.req(`/api/v1/alarms/${id}/snapshot`, { cookie: own });
    expect(img.status).toBe(200);
    expect(img.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await img.arrayBuffer()).toString("base64")).toBe(jpegBase64);
    const other = await t.login("operator-jz");
    expect((await t.req(`/api/v1/alarms/${id}/snapshot`, { cookie: other })).status).toBe(404);
    expect((await t.req(`/api/v1/alarms/${id}/snapshot`)).status).toBe(401);
  });
});

describe("POST /api/v1/feeds/{prisonId}/rollcalls", () => {
  const rollcall = (sourceId: string, extra: Record<string, unknown> = {}) => ({
    sourceId,
    blockId: "pj-b1",
    checkpoint: "wake_up",
    scheduledAt: Date.now() - 60_000,
    reportedAt: Date.now() - 30_000,
    expected: 120,
    present: 120,
    ...extra,
  });

  it("records a report, shows it on the board, and raises headcount_mismatch when present ≠ expected", async () => {
    const ok = await postFeed(url(), "pj", "rollcalls", JSON.stringify(rollcall("pj-rc-1")));
    expect(ok.status).toBe(202);
    const before = Object.keys(t.gw.core.features.alarms.plane.projection.state.alarms.byId).length;
    const short = await postFeed(
      url(),
      "pj",
      "rollcalls",
      JSON.stringify(rollcall("pj-rc-2", { blockId: "pj-b2", present: 119, absentees: [{ reason: "就医" }] })),
    );
    expect(short.status).toBe(202);
    const alarms = Object.values(t.gw.core.features.alarms.plane.projection.state.alarms.byId);
    expect(alarms.length).toBe(before + 1);
    expect(alarms.find((a) => a.sourceId === "rollcall:pj-rc-2")).toMatchObject({
      type: "headcount_mismatch",
      severity: 1,
    });
    const duty = await t.login("duty");
    const board = (await (await t.req("/api/v1/rollcalls/board?prisonId=pj", { cookie: duty })).json()) as {
      cells: Array<{ blockId: string; checkpointId: string; status: string; present: number | null; key: string }>;
    };
    const cell = board.cells.find((c) => c.blockId === "pj-b2" && c.checkpointId === "wake_up");
    expect(cell).toMatchObject({ status: "reported", present: 119 });
    const drill = await t.req(`/api/v1/rollcalls/slots/${cell?.key}`, { cookie: duty });
    expect(((await drill.json()) as { reports: unknown[] }).reports).toHaveLength(1);
  });

  it("answers a retried report as a duplicate", async () => {
    const body = JSON.stringify(rollcall("pj-rc-dup", { blockId: "pj-b3" }));
    const a = (await (await postFeed(url(), "pj", "rollcalls", body)).json()) as { id: string };
    expect(await (await postFeed(url(), "pj", "rollcalls", body)).json()).toEqual({ id: a.id, duplicate: true });
  });
});

describe("the feed WebSocket", () => {
  it("accepts signed frames and answers each by ref", async () => {
    const ws = new WebSocket(`${url().replace("http", "ws")}/api/v1/feeds/pj/ws`);
    await new Promise((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    });
    const replies: Array<Record<string, unknown>> = [];
    ws.on("message", (d) => replies.push(JSON.parse(String(d)) as Record<string, unknown>));
    const body = JSON.stringify(alarmBody("pj-ws-1"));
    const ts = String(Date.now());
    const frame = (ref: number, signature: string) =>
      JSON.stringify({ type: "alarm", timestamp: ts, signature, body, ref });
    ws.send(frame(1, signFeed(demoKey("pj"), ts, body)));
    ws.send(frame(2, "sha256:nope"));
    await expect.poll(() => replies.length).toBe(2);
    ws.close();
    expect(replies.find((r) => r.ref === 1)).toMatchObject({ ok: true, duplicate: false });
    expect(replies.find((r) => r.ref === 2)).toMatchObject({ ok: false, code: "bad_signature" });
  });

  it("refuses the upgrade for an unknown prison with 404", async () => {
    const ws = new WebSocket(`${url().replace("http", "ws")}/api/v1/feeds/nope/ws`);
    ws.on("error", () => undefined); // the refused upgrade: expected
    const status = await new Promise<number>((resolve) => {
      ws.once("unexpected-response", (_req, res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
      });
      ws.once("open", () => resolve(101));
    });
    ws.terminate();
    expect(status).toBe(404);
  });
});
