// GET /api/v1/audit with every filter (actor, prisonId, cameraId, type, from, to, limit, before), the
// alarm's acknowledgement found by its camera, and GET /api/v1/audit.csv (BOM, bureau time, names) and
// /api/v1/audit/names — against a real gateway on 127.0.0.1 with a clock the test sets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alarmBody, postFeed } from "../feeds-http/signed";
import { startTestGateway, type TestGateway } from "../helpers";

// 2026-03-10 23:30 in Beijing (+08:00): the previous UTC day, so a UTC rendering would be caught.
const night = Date.parse("2026-03-10T23:30:00+08:00");
let t: TestGateway;
let chief: string;

type Page = {
  events: Array<{ seq: number; at: number; type: string; actor: string | null; data: Record<string, unknown> }>;
  next: number | null;
};
const page = async (q: string): Promise<Page> =>
  (await (await t.req(`/api/v1/audit?${q}`, { cookie: chief })).json()) as Page;

beforeAll(async () => {
  t = await startTestGateway({ now: night, config: { feedSim: false } });
  chief = await t.login("chief");
  const duty = await t.login("duty");
  const op = await t.login("operator-pj");
  const view = async (cookie: string, id: string) => {
    const play = (await (await t.req(`/api/v1/cameras/${id}/play`, { cookie })).json()) as { hls: string };
    expect((await t.req(play.hls)).status).toBe(200);
  };
  await view(duty, "pj-b1-s1-cell");
  t.clock.now += 60_000;
  await view(op, "pj-gate");
  t.clock.now += 60_000;
  await view(duty, "jz-b1-s1-cell");
});
afterAll(() => t.close());

describe("GET /api/v1/audit", () => {
  it("filters by camera, prison, actor and type, newest first", async () => {
    const byCamera = await page("cameraId=pj-b1-s1-cell&type=view.started");
    expect(byCamera.events.map((e) => [e.actor, e.data.cameraId])).toEqual([["duty", "pj-b1-s1-cell"]]);
    const byPrison = await page("prisonId=pj&type=view.started");
    expect(byPrison.events.map((e) => e.data.cameraId)).toEqual(["pj-gate", "pj-b1-s1-cell"]);
    const byActor = await page("actor=duty&type=view.");
    expect(byActor.events.map((e) => e.data.cameraId)).toEqual(["jz-b1-s1-cell", "pj-b1-s1-cell"]);
    expect((await page("cameraId=nowhere")).events).toEqual([]);
  });

  it("filters by time: from inclusive, to exclusive", async () => {
    const q = `type=view.started&from=${night + 60_000}&to=${night + 120_000}`;
    expect((await page(q)).events.map((e) => e.data.cameraId)).toEqual(["pj-gate"]);
  });

  it("pages by before", async () => {
    const first = await page("type=view.started&limit=2");
    expect(first.events).toHaveLength(2);
    expect(first.next).toBe(first.events[1]?.seq);
    const second = await page(`type=view.started&limit=2&before=${first.next}`);
    expect(second.events.map((e) => e.data.cameraId)).toEqual(["pj-b1-s1-cell"]);
    expect(second.next).toBeNull();
  });

  it("finds an alarm's acknowledgement by the alarm's camera and prison", async () => {
    const raw = JSON.stringify(alarmBody("audit-1", { cameraId: "pj-b1-s1-cell", occurredAt: t.clock.now - 1000 }));
    const feed = await postFeed(t.gw.url, "pj", "alarms", raw, { timestamp: t.clock.now });
    expect(feed.status, await feed.clone().text()).toBeLessThan(300);
    const list = (await (await t.req("/api/v1/alarms", { cookie: chief })).json()) as {
      alarms: Array<{ id: string; cameraId: string | null }>;
    };
    const id = list.alarms.find((a) => a.cameraId === "pj-b1-s1-cell")?.id;
    const duty = await t.login("duty");
    const ack = await t.req(`/api/v1/alarms/${id}/ack`, { method: "POST", cookie: duty, json: { note: "已查看" } });
    expect(ack.status).toBe(200);
    const rows = await page("cameraId=pj-b1-s1-cell&type=alarm.");
    expect(rows.events.map((e) => e.type)).toEqual(["alarm.acknowledged", "alarm.raised"]);
  });

  it("answers 422 {code, field} to bad filters and 403 to roles without audit.view", async () => {
    for (const q of ["from=yesterday", "cameraId=a%20b", "limit=0", "since=1", "before=-1"]) {
      const r = await t.req(`/api/v1/audit?${q}`, { cookie: chief });
      expect(r.status, q).toBe(422);
      expect(await r.json()).toMatchObject({ code: "validation" });
    }
    const duty = await t.login("duty");
    for (const path of ["/api/v1/audit", "/api/v1/audit.csv", "/api/v1/audit/names"]) {
      const r = await t.req(path, { cookie: duty });
      expect(r.status, path).toBe(403);
      expect(await r.json()).toMatchObject({ code: "forbidden" });
    }
  });
});

describe("GET /api/v1/audit.csv and /api/v1/audit/names", () => {
  it("writes the same rows as CSV with a BOM, bureau time and names", async () => {
    const r = await t.req("/api/v1/audit.csv?type=view.started&prisonId=pj", { cookie: chief });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await r.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split("\r\n");
    expect(lines[0]).toBe("时间 (UTC+08:00),人员,账号,操作,监狱,摄像机,事件类型,序号");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(
      /^2026-03-10 23:30:00,值班员,duty,查看实时视频,盘锦监狱,盘锦监狱 \/ .+,view\.started,\d+$/,
    );
    const en = await (await t.req("/api/v1/audit.csv?type=view.started&lang=en", { cookie: chief })).text();
    expect(en.split("\r\n")[0]).toBe("time (UTC+08:00),person,account,action,prison,camera,event,seq");
  });

  it("names people, prisons, cameras and the types in the trail", async () => {
    const names = (await (await t.req("/api/v1/audit/names", { cookie: chief })).json()) as {
      actors: Array<{ id: string; name: string }>;
      prisons: Array<{ id: string; name: string }>;
      cameras: Array<{ id: string; label: string }>;
      types: string[];
    };
    expect(names.actors).toContainEqual({ id: "duty", name: "值班员" });
    expect(names.prisons).toContainEqual({ id: "pj", name: "盘锦监狱" });
    expect(names.cameras.find((c) => c.id === "pj-gate")?.label).toMatch(/^盘锦监狱/);
    expect(names.types).toContain("view.started");
  });
});
