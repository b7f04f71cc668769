// The overview over real HTTP and the real live socket: signed alarms through the feeds API change the
// map status, the key figures and the reports; the live topic is coalesced; operators are scoped; the
// CSV downloads and parses; a restart replays the same figures from the journal.
import type { Overview, Report } from "@cw/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alarmBody, postFeed } from "../feeds-http/signed";
import { startTestGateway, type TestGateway } from "../helpers";
import { connectLive } from "../wall/liveClient";

let t: TestGateway;
let commander: string;
const config = { feedSim: false, sim: false };

async function post(prisonId: string, sourceId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await postFeed(t.gw.url, prisonId, "alarms", JSON.stringify(alarmBody(sourceId, extra)));
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

async function getJson<T>(path: string, cookie: string, status = 200): Promise<T> {
  const res = await t.req(path, { cookie });
  expect(res.status, `${path}: ${res.status}`).toBe(status);
  return (await res.json()) as T;
}

beforeAll(async () => {
  t = await startTestGateway({ config });
  commander = await t.login("commander");
  await post("pj", "ov-1", { severity: 2 });
  await post("pj", "ov-2", { severity: 4, type: "gathering" });
  await post("sy1", "ov-3", { severity: 3, type: "video_loss", cameraId: "sy1-gate" });
});
afterAll(async () => {
  await t.close();
});

describe("GET /api/v1/overview", () => {
  it("map status by worst state, today's figures and the ticker", async () => {
    const o = await getJson<Overview>("/api/v1/overview", commander);
    const pj = o.prisons.find((p) => p.prisonId === "pj");
    const sy1 = o.prisons.find((p) => p.prisonId === "sy1");
    expect(pj).toMatchObject({ level: "sev2", openBySeverity: { "2": 1, "4": 1 } });
    expect(sy1).toMatchObject({ level: "video_loss", videoLoss: 1 });
    // jz has no alarm. Its roll calls of the day may already be overdue when the 1 s tick has run (the
    // schedule follows the real clock), so its colour is either "ok" or "red_obligation" — never an alarm.
    expect(["ok", "red_obligation"]).toContain(o.prisons.find((p) => p.prisonId === "jz")?.level);
    expect(o.today.alarms).toMatchObject({ total: 3, byPrison: { pj: 2, sy1: 1 }, unresolved: 3 });
    expect(o.week.alarms.total).toBe(3);
    expect(o.ticker.map((x) => x.prisonId).sort()).toEqual(["pj", "pj", "sy1"]);
    expect(o.today.inspections.blocksTotal).toBeGreaterThan(0);
  });

  it("an operator sees its own prison only", async () => {
    const op = await t.login("operator-pj");
    const o = await getJson<Overview>("/api/v1/overview", op);
    expect(o.prisons.map((p) => p.prisonId)).toEqual(["pj"]);
    expect(o.today.unit).toBe("pj");
    expect(o.today.alarms.total).toBe(2);
    expect(o.ticker.every((x) => x.prisonId === "pj")).toBe(true);
  });

  it("needs a session", async () => {
    expect((await t.req("/api/v1/overview")).status).toBe(401);
  });
});

describe("live topic overview", () => {
  it("sends the overview on connect, then a coalesced update within 1 s of an alarm", async () => {
    const live = await connectLive(t.gw.url, commander);
    try {
      const first = await live.next((m) => m.topic === "overview");
      const before = (first.msg.data as Overview).today.alarms.total;
      const t0 = performance.now();
      await post("jz", "ov-live-1", { severity: 1 });
      const next = await live.next(
        (m) => m.topic === "overview" && (m.data as Overview).today.alarms.total === before + 1,
        1500,
      );
      expect(next.at - t0).toBeLessThan(3000); // the 1 s contract is checked in e2e; slack for a loaded CI
      const o = next.msg.data as Overview;
      expect(o.prisons.find((p) => p.prisonId === "jz")?.level).toBe("sev1");
      expect(o.prisons.find((p) => p.prisonId === "jz")?.lastAlarmId).not.toBeNull();

      // A burst: 30 alarms at once arrive as a few coalesced overviews, ≥ ~250 ms apart.
      live.messages.length = 0;
      await Promise.all(Array.from({ length: 30 }, (_, i) => post("fs", `ov-burst-${i}`, { severity: 4 })));
      await live.next((m) => m.topic === "overview" && (m.data as Overview).today.alarms.byPrison.fs === 30, 3000);
      const sent = live.messages.filter((m) => m.msg.topic === "overview");
      expect(sent.length).toBeLessThan(10);
    } finally {
      await live.close();
    }
  });
});

describe("topic subscription", () => {
  it("a connection narrowed to `overview` hears no `alarm`; widening re-sends the snapshots", async () => {
    const narrow = await connectLive(t.gw.url, commander);
    const all = await connectLive(t.gw.url, commander);
    try {
      await narrow.next((m) => m.topic === "overview");
      narrow.ws.send(JSON.stringify({ topic: "subscribe", data: { topics: ["overview"] } }));
      // A bad subscribe frame (unknown topic, wrong shape) changes nothing and closes nothing.
      narrow.ws.send(JSON.stringify({ topic: "subscribe", data: { topics: ["nope"] } }));
      narrow.ws.send(JSON.stringify({ topic: "subscribe", data: "all" }));
      await new Promise((r) => setTimeout(r, 100)); // the frames reach the gateway before the alarm
      narrow.messages.length = 0;
      const id = await post("tl", "ov-sub-1", { severity: 3 });
      // The unnarrowed client hears the alarm itself; the narrowed one only the coalesced overview.
      await all.next((m) => m.topic === "alarm" && (m.data as { id: string }).id === id);
      await narrow.next(
        (m) => m.topic === "overview" && (m.data as Overview).prisons.some((p) => p.lastAlarmId === id),
        3000,
      );
      // Nothing of the alarm but the overview: no `alarm`, no obligation or board naming it. (The connection's
      // own first snapshot — every open roll-call obligation of the day, all ~550 of them late in the
      // bureau's evening — may still be arriving after the 100 ms above; it says nothing of this alarm.)
      const leaked = narrow.messages.filter(
        (m) => m.msg.topic === "alarm" || (m.msg.topic !== "overview" && JSON.stringify(m.msg.data).includes(id)),
      );
      expect(leaked).toEqual([]);

      // Back to every topic: the stream-health and screen snapshots come again, then alarms.
      narrow.ws.send(JSON.stringify({ topic: "subscribe", data: { topics: null } }));
      await narrow.next((m) => m.topic === "stream.health");
      await narrow.next((m) => m.topic === "wall.screen");
      const id2 = await post("tl", "ov-sub-2", { severity: 3 });
      await narrow.next((m) => m.topic === "alarm" && (m.data as { id: string }).id === id2);
    } finally {
      await narrow.close();
      await all.close();
    }
  });
});

describe("GET /api/v1/reports", () => {
  it("the day's report counts what was posted, per unit, with the previous period", async () => {
    const r = await getJson<Report>("/api/v1/reports?period=day", commander);
    const total = await getJson<Overview>("/api/v1/overview", commander);
    const row = (unit: string, metric: string) => r.rows.find((x) => x.unit === unit && x.metric === metric);
    expect(row("province", "alarms.total")?.current).toBe(total.today.alarms.total);
    expect(row("pj", "alarms.total")).toMatchObject({ current: 2, previous: 0, delta: 2 });
    expect(row("province", "alarms.type.video_loss")?.current).toBe(1);
    const pj = await getJson<Report>("/api/v1/reports?period=month&unit=pj", commander);
    expect(pj.unit).toBe("pj");
    expect(pj.current.alarms.total).toBe(2);
  });

  it("operators get their prison's report; another prison or the province is 403", async () => {
    const op = await t.login("operator-pj");
    expect((await getJson<Report>("/api/v1/reports?period=quarter", op)).unit).toBe("pj");
    expect((await getJson<{ code: string }>("/api/v1/reports?unit=sy1", op, 403)).code).toBe("forbidden");
    expect((await getJson<{ code: string }>("/api/v1/reports?unit=province", op, 403)).code).toBe("forbidden");
  });

  it.each([
    ["period=week", 422, "validation"],
    ["date=2025-02-30", 422, "validation"],
    ["date=yesterday", 422, "validation"],
    ["unit=nowhere", 404, "not_found"],
    ["bogus=1", 422, "validation"],
  ])("bad query %s → %i %s", async (qs, status, code) => {
    expect((await getJson<{ code: string }>(`/api/v1/reports?${qs}`, commander, status)).code).toBe(code);
  });

  it("reports.csv downloads as an attachment with a BOM and parses back to the rows", async () => {
    const res = await t.req("/api/v1/reports.csv?period=day&unit=pj&lang=en", { cookie: commander });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="report-pj-day-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split("\r\n");
    expect(lines[0]).toBe("period,unit,metric,current,previous,change");
    const alarms = lines.find((l) => l.includes(",Alarms,"));
    expect(alarms?.split(",").slice(1, 4)).toEqual(["盘锦监狱", "Alarms", "2"]);
    const zh = await (await t.req("/api/v1/reports.csv?unit=pj", { cookie: commander })).text();
    expect(zh).toContain("盘锦监狱,报警总数,2,");
  });
});

describe("replay", () => {
  it("a restarted gateway folds the same figures from the journal", async () => {
    // The obligation clock runs every second and opens today's past roll-call slots on its first beat: let
    // it run now, so a beat landing between this read and the restart cannot change the log in between.
    await t.gw.core.features.alarms.plane.tickOnce();
    const before = await getJson<Report>("/api/v1/reports?period=day", commander);
    await t.close({ keepDir: true });
    t = await startTestGateway({ dir: t.dir, config });
    await t.gw.core.features.alarms.plane.tickOnce();
    commander = await t.login("commander");
    const after = await getJson<Report>("/api/v1/reports?period=day", commander);
    expect(after.rows).toEqual(before.rows);
  });
});
