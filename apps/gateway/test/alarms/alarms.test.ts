// The duty console's API on a real gateway: list (newest first, scoped), ack (note required for 1–2),
// resolve (disposition + note), the state machine's conflicts, viewers read-only, operators confined to
// their prison; lights by (test) clock with a shortened policy; alarm → wall tile; video loss from
// stream health; the live `alarm` topic scoped per prison.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alarmBody, postFeed } from "../feeds-http/signed";
import { health, startTestGateway, type TestGateway } from "../helpers";
import { connectLive } from "../wall/liveClient";

const ack = (ms: number) => ({ yellowMs: ms, redMs: ms * 3, escalation: [{ afterMs: 0, to: "commander" }] });
let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({
    config: {
      alerts: { obligations: { alarmAck: { 1: ack(60_000), 2: ack(60_000), 3: ack(600_000), 4: ack(600_000) } } },
    },
  });
});
afterAll(async () => {
  await t.close();
});

async function raise(prison: string, sourceId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await postFeed(t.gw.url, prison, "alarms", JSON.stringify(alarmBody(sourceId, extra)));
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

const post = (path: string, cookie: string, json: unknown) => t.req(path, { method: "POST", cookie, json });

describe("alarms API", () => {
  it("lists newest first with sourceId, scoped to an operator's prison", async () => {
    const a = await raise("pj", "list-1");
    t.clock.now += 10;
    const b = await raise("jz", "list-2");
    const duty = await t.login("duty");
    const all = (await (await t.req("/api/v1/alarms?limit=5", { cookie: duty })).json()) as {
      alarms: Array<{ id: string; sourceId: string }>;
    };
    expect(all.alarms.slice(0, 2).map((x) => x.id)).toEqual([b, a]);
    expect(all.alarms[0]?.sourceId).toBe("list-2");
    const op = await t.login("operator-pj");
    const mine = (await (await t.req("/api/v1/alarms", { cookie: op })).json()) as {
      alarms: Array<{ prisonId: string }>;
    };
    expect(mine.alarms.length).toBeGreaterThan(0);
    expect(mine.alarms.every((x) => x.prisonId === "pj")).toBe(true);
    const other = (await (await t.req("/api/v1/alarms?prisonId=jz", { cookie: op })).json()) as { alarms: unknown[] };
    expect(other.alarms).toEqual([]);
    expect((await t.req(`/api/v1/alarms/${b}`, { cookie: op })).status).toBe(404);
    const search = (await (await t.req("/api/v1/alarms?q=LIST-2", { cookie: duty })).json()) as { alarms: unknown[] };
    expect(search.alarms).toHaveLength(1);
  });

  it("requires a note to acknowledge severity 1–2, then refuses a second acknowledgement", async () => {
    const id = await raise("pj", "ack-1", { severity: 1 });
    const duty = await t.login("duty");
    const noNote = await post(`/api/v1/alarms/${id}/ack`, duty, {});
    expect(noNote.status).toBe(422);
    expect(await noNote.json()).toMatchObject({ code: "validation", field: "note" });
    const ok = await post(`/api/v1/alarms/${id}/ack`, duty, { note: "看到了，已派人" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      id,
      state: "acknowledged",
      ack: { by: "user:duty", note: "看到了，已派人" },
    });
    expect((await post(`/api/v1/alarms/${id}/ack`, duty, { note: "again" })).status).toBe(409);
    const audit = (await t.gw.core.features.audit.index.query({ type: "alarm.acknowledged", limit: 10 })).events;
    expect(audit[0]).toMatchObject({ actor: "duty", data: { id } });
  });

  it("acknowledges severity 3–4 without a note and resolves with a disposition and a note", async () => {
    const id = await raise("pj", "res-1", { severity: 4 });
    const duty = await t.login("duty");
    expect((await post(`/api/v1/alarms/${id}/ack`, duty, {})).status).toBe(200);
    expect((await post(`/api/v1/alarms/${id}/resolve`, duty, { disposition: "real" })).status).toBe(422);
    expect((await post(`/api/v1/alarms/${id}/resolve`, duty, { disposition: "maybe", note: "x" })).status).toBe(422);
    const done = await post(`/api/v1/alarms/${id}/resolve`, duty, { disposition: "false_alarm", note: "误报" });
    expect(await done.json()).toMatchObject({ state: "resolved", resolution: { disposition: "false_alarm" } });
    expect((await post(`/api/v1/alarms/${id}/resolve`, duty, { disposition: "real", note: "x" })).status).toBe(409);
  });

  it("keeps viewers read-only and operators inside their prison", async () => {
    const id = await raise("jz", "scope-1", { severity: 3 });
    const viewer = await t.login("viewer");
    expect((await post(`/api/v1/alarms/${id}/ack`, viewer, {})).status).toBe(403);
    const op = await t.login("operator-pj");
    expect((await post(`/api/v1/alarms/${id}/ack`, op, {})).status).toBe(404);
    const own = await t.login("operator-jz");
    expect((await post(`/api/v1/alarms/${id}/ack`, own, {})).status).toBe(200);
  });

  it("turns an unacknowledged alarm yellow then red (escalated to the commander) by the clock", async () => {
    const id = await raise("pj", "light-1", { severity: 2 });
    const duty = await t.login("duty");
    const light = async () =>
      (await (await t.req(`/api/v1/alarms/${id}`, { cookie: duty })).json()) as {
        light: string;
        escalatedTo: string[];
      };
    expect((await light()).light).toBe("green");
    t.clock.now += 61_000;
    await t.gw.core.features.alarms.plane.tickOnce();
    expect((await light()).light).toBe("yellow");
    t.clock.now += 120_000;
    await t.gw.core.features.alarms.plane.tickOnce();
    expect(await light()).toMatchObject({ light: "red", escalatedTo: ["commander"] });
    const red = (await (await t.req("/api/v1/alarms?light=red&state=open", { cookie: duty })).json()) as {
      alarms: Array<{ id: string }>;
    };
    expect(red.alarms.map((a) => a.id)).toContain(id);
    const obligations = (await (await t.req("/api/v1/obligations?light=red", { cookie: duty })).json()) as {
      obligations: Array<{ subject: string }>;
    };
    expect(obligations.obligations.map((o) => o.subject)).toContain(id);
  });

  it("puts a severe alarm's camera on the alarm tile, highlighted until acknowledged", async () => {
    const id = await raise("pj", "tile-1", { severity: 1, cameraId: "pj-b1-s1-cell" });
    await expect
      .poll(() => t.gw.core.features.wall.service.screen(1)?.alarmTile)
      .toEqual({
        cameraId: "pj-b1-s1-cell",
        alarmId: id,
        highlight: true,
      });
    const duty = await t.login("duty");
    await post(`/api/v1/alarms/${id}/ack`, duty, { note: "ok" });
    await expect.poll(() => t.gw.core.features.wall.service.screen(1)?.alarmTile?.highlight).toBe(false);
  });

  it("raises video_loss when a watched camera's stream stalls and clears it when the picture returns", async () => {
    const cam = "pj-b1-s2-cell";
    t.fake.healthList = [health(cam, "stalled")];
    t.fake.emit([health(cam, "stalled")]);
    await t.gw.core.features.alarms.plane.settled();
    const lost = Object.values(t.gw.core.features.alarms.plane.projection.state.alarms.byId).find(
      (a) => a.type === "video_loss" && a.cameraId === cam,
    );
    expect(lost).toMatchObject({ state: "open", origin: "stream_health", prisonId: "pj" });
    t.fake.healthList = [health(cam, "live")];
    t.fake.emit([health(cam, "live")]);
    await t.gw.core.features.alarms.plane.settled();
    expect(t.gw.core.features.alarms.plane.projection.state.alarms.byId[lost?.id ?? ""]?.state).toBe("cleared");
    t.fake.healthList = [];
  });

  it("pushes the live `alarm` topic to sessions that may see the prison", async () => {
    const pj = await connectLive(t.gw.url, await t.login("operator-pj"));
    const jz = await connectLive(t.gw.url, await t.login("operator-jz"));
    try {
      const id = await raise("jz", "live-1", { severity: 3 });
      const got = await jz.next((m) => m.topic === "alarm" && m.data.id === id);
      expect(got.msg).toMatchObject({
        topic: "alarm",
        data: { id, state: "open", light: "green", sourceId: "live-1" },
      });
      await raise("pj", "live-2", { severity: 3 });
      await pj.next((m) => m.topic === "alarm" && m.data.sourceId === "live-2");
      expect(pj.messages.some((m) => m.msg.topic === "alarm" && m.msg.data.id === id)).toBe(false);
    } finally {
      await pj.close();
      await jz.close();
    }
  });
});
