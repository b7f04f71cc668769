// WebSocket /api/v1/live: session required at the upgrade, hello + health snapshot on connect, then
// scoped health changes and catalogue edits; closed when the session ends.
import type { LiveMessage } from "@cw/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { health, startTestGateway, type TestGateway } from "../helpers";

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({ live: { pingMs: 100 } });
  t.fake.healthList = [health("pj-b1-s1-cell"), health("jz-b1-s1-cell")];
});
afterAll(() => t.close());

interface Client {
  ws: WebSocket;
  next(topic: LiveMessage["topic"]): Promise<LiveMessage>;
  closed: Promise<number>;
}

function connect(cookie: string): Promise<Client> {
  const ws = new WebSocket(`${t.gw.url.replace("http", "ws")}/api/v1/live`, { headers: { cookie } });
  const queue: LiveMessage[] = [];
  const waiters: Array<() => void> = [];
  ws.on("message", (raw) => {
    queue.push(JSON.parse(String(raw)) as LiveMessage);
    for (const w of waiters.splice(0)) w();
  });
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  const next = async (topic: LiveMessage["topic"]): Promise<LiveMessage> => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const i = queue.findIndex((m) => m.topic === topic);
      if (i >= 0) return queue.splice(i, 1)[0]!;
      if (Date.now() > deadline) throw new Error(`no ${topic} message`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 100);
      });
    }
  };
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve({ ws, next, closed }));
    ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once("error", reject);
  });
}

describe("live WebSocket", () => {
  it("refuses the upgrade without a session (HTTP 401)", async () => {
    await expect(connect("")).rejects.toThrow("HTTP 401");
    await expect(connect("cw_session=forged")).rejects.toThrow("HTTP 401");
  });

  it("sends hello and the health snapshot, then changes", async () => {
    const c = await connect(await t.login("commander"));
    const hello = await c.next("hello");
    expect(hello.data).toMatchObject({ username: "commander", role: "commander" });
    const snap = await c.next("stream.health");
    expect((snap.data as Array<{ cameraId: string }>).map((h) => h.cameraId)).toEqual([
      "pj-b1-s1-cell",
      "jz-b1-s1-cell",
    ]);
    t.fake.emit([health("jz-b1-s1-cell", "stalled")]);
    const change = await c.next("stream.health");
    expect(change.data).toEqual([health("jz-b1-s1-cell", "stalled")]);
    c.ws.close();
    await c.closed;
  });

  it("scopes an operator's messages to its prison", async () => {
    const op = await connect(await t.login("operator-pj"));
    const snap = await op.next("stream.health");
    expect((snap.data as Array<{ cameraId: string }>).map((h) => h.cameraId)).toEqual(["pj-b1-s1-cell"]);
    t.fake.emit([health("jz-b1-s1-cell", "offline")]);
    t.fake.emit([health("pj-b1-s1-cell", "stalled")]);
    const change = await op.next("stream.health");
    expect(change.data).toEqual([health("pj-b1-s1-cell", "stalled")]);

    const commander = await t.login("commander");
    await t.req("/api/v1/cameras/jz-b1-s1-yard", { method: "DELETE", cookie: commander });
    await t.req("/api/v1/cameras/pj-b1-s1-yard", { method: "PATCH", cookie: commander, json: { name: "新操场" } });
    const edit = await op.next("catalogue.camera");
    expect(edit.data).toMatchObject({ id: "pj-b1-s1-yard", camera: { name: "新操场" } });
    op.ws.close();
    await op.closed;
  });

  it("closes the socket with 4401 when the session logs out", async () => {
    const cookie = await t.login("duty");
    const c = await connect(cookie);
    await c.next("hello");
    await t.req("/api/v1/session", { method: "DELETE", cookie });
    expect(await c.closed).toBe(4401);
  });

  it("counts clients in /metrics", async () => {
    const cookie = await t.login("commander");
    const c = await connect(cookie);
    await c.next("hello");
    const text = await (await t.req("/metrics", { cookie })).text();
    expect(text).toMatch(/^cw_ws_clients 1$/m);
    c.ws.close();
    await c.closed;
  });
});
