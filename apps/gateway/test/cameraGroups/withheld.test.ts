// Records that name a restricted camera (issue 17 item 2): an alarm, an inspection finding, a camera
// group's audit row. A reader outside the camera's groups still gets the record — it concerns their
// prison — with the camera withheld: no id, no name (not in the feed's free text either), no snapshot,
// `cameraWithheld: true`; on the REST answers and on their live socket alike, while a reader inside the
// group gets it whole. Against a real gateway on 127.0.0.1 (the media plane faked).
import type { LiveMessage } from "@cw/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../src";
import { alarmBody, jpegBase64, postFeed } from "../feeds-http/signed";
import { demoPassword, startTestGateway, type TestGateway } from "../helpers";
import { connectLive, type LiveClient } from "../wall/liveClient";

const cam = "pj-b1-s1-cell";
let t: TestGateway;
let admin: string;
let camName = "";
const sockets: LiveClient[] = [];

beforeAll(async () => {
  const passwordHash = await hashPassword(demoPassword);
  t = await startTestGateway({
    config: { demoUsers: true, users: [{ username: "root", displayName: "管理员", role: "admin", passwordHash }] },
  });
  admin = await t.login("root");
  const commander = await t.login("commander");
  camName = ((await (await t.req(`/api/v1/cameras/${cam}`, { cookie: commander })).json()) as { name: string }).name;
  const res = await t.req("/api/v1/camera-groups", {
    method: "POST",
    cookie: admin,
    json: { name: "重点监舍", cameraIds: [cam, "pj-gate"], roles: ["commander"], users: [] },
  });
  expect(res.status).toBe(201);
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close()));
  await t.close();
});

async function live(username: string): Promise<LiveClient> {
  const c = await connectLive(t.gw.url, await t.login(username));
  sockets.push(c);
  return c;
}

const json = async (path: string, cookie: string) => {
  const r = await t.req(path, { cookie });
  expect(r.status, path).toBe(200);
  return (await r.json()) as Record<string, unknown>;
};

/** Whether a JSON answer names the camera by id (its name, 一分监区监舍, is shared by other prisons'
 *  cameras: the free-text fields are checked for it one by one). */
const names = (body: unknown): boolean => JSON.stringify(body).includes(cam);

describe("records naming a restricted camera", () => {
  let alarmId = "";

  it("an alarm on it reaches a duty officer outside the group with the camera withheld, REST and live", async () => {
    expect(camName.length).toBeGreaterThan(1);
    const duty = await live("duty");
    const operator = await live("operator-pj");
    const commander = await live("commander");
    const raw = JSON.stringify(
      alarmBody("withheld-1", {
        cameraId: cam,
        title: `${camName} 打架`,
        description: `摄像机 ${cam} 画面中两人冲突`,
        snapshot: jpegBase64,
        occurredAt: t.clock.now - 1000,
      }),
    );
    const feed = await postFeed(t.gw.url, "pj", "alarms", raw, { timestamp: t.clock.now });
    expect(feed.status, await feed.clone().text()).toBeLessThan(300);

    const isAlarm = (m: LiveMessage) => m.topic === "alarm" && m.data.sourceId.length > 0;
    for (const c of [duty, operator]) {
      const { msg } = await c.next(isAlarm);
      if (msg.topic !== "alarm") throw new Error("not an alarm");
      expect(msg.data).toMatchObject({ cameraId: null, cameraWithheld: true, hasSnapshot: false, prisonId: "pj" });
      expect(msg.data.title).toBe("受限摄像机 打架");
      expect(msg.data.description).toBe("摄像机 受限摄像机 画面中两人冲突");
      expect(names(msg)).toBe(false);
      alarmId = msg.data.id;
    }
    const { msg: whole } = await commander.next(isAlarm);
    expect(whole.data).toMatchObject({ id: alarmId, cameraId: cam, cameraWithheld: false, hasSnapshot: true });

    const dutyCookie = await t.login("duty");
    const list = await json("/api/v1/alarms", dutyCookie);
    expect((list.alarms as Array<{ id: string }>).map((a) => a.id)).toContain(alarmId);
    expect(names(list)).toBe(false);
    const one = await json(`/api/v1/alarms/${alarmId}`, dutyCookie);
    expect(one).toMatchObject({ cameraId: null, cameraWithheld: true, hasSnapshot: false });
    expect(names(one)).toBe(false);
    expect((await t.req(`/api/v1/alarms/${alarmId}/snapshot`, { cookie: dutyCookie })).status).toBe(404);
    // Searching by the camera's id or name finds nothing: the search runs over what the reader is shown.
    for (const q of [cam, camName]) {
      const found = await json(`/api/v1/alarms?q=${encodeURIComponent(q)}`, dutyCookie);
      expect(found.alarms, q).toEqual([]);
    }
    // The duty officer still acts on it, and the answer still withholds the camera.
    const ack = await t.req(`/api/v1/alarms/${alarmId}/ack`, {
      method: "POST",
      cookie: dutyCookie,
      json: { note: "已到场" },
    });
    expect(ack.status, await ack.clone().text()).toBe(200);
    const acked = await ack.json();
    expect(acked).toMatchObject({ state: "acknowledged", cameraWithheld: true });
    expect(names(acked)).toBe(false);
    const { msg: ackLive } = await duty.next((m) => m.topic === "alarm" && m.data.state === "acknowledged");
    expect(names(ackLive)).toBe(false);

    const cmd = await t.login("commander");
    expect(await json(`/api/v1/alarms/${alarmId}`, cmd)).toMatchObject({ cameraId: cam, cameraWithheld: false });
    expect((await t.req(`/api/v1/alarms/${alarmId}/snapshot`, { cookie: cmd })).status).toBe(200);
  });

  it("the output screen's alarm tile and tiles over it are withheld from a viewer outside the group", async () => {
    const commander = await t.login("commander");
    const viewer = await live("viewer");
    const put = await t.req("/api/v1/wall/screens/2", {
      method: "PUT",
      cookie: commander,
      json: { layoutId: "4", tiles: [cam, "pj-b1-s1-yard", null, null], tourId: null },
    });
    expect(put.status, await put.clone().text()).toBe(200);
    const { msg } = await viewer.next((m) => m.topic === "wall.screen" && m.data.n === 2 && m.data.version > 0);
    expect(msg.data).toMatchObject({ tiles: [null, "pj-b1-s1-yard", null, null], withheld: [0] });
    const screens = (await json("/api/v1/wall/screens", await t.login("viewer"))) as unknown as Array<{
      n: number;
      alarmTile: unknown;
      withheld?: number[];
    }>;
    expect(names(screens)).toBe(false);
    expect(screens.find((s) => s.n === 2)?.withheld).toEqual([0]);
    // The alarm of the first test put the camera on screen 1's alarm tile: null for the viewer.
    expect(screens.find((s) => s.n === 1)?.alarmTile).toBeNull();
    const whole = (await json("/api/v1/wall/screens", commander)) as unknown as Array<{ n: number; tiles: unknown[] }>;
    expect(whole.find((s) => s.n === 2)?.tiles[0]).toBe(cam);
    expect(JSON.stringify(whole.find((s) => s.n === 1))).toContain(cam);
  });

  it("an inspection finding on it shows the chief and the prison's centre no camera, name or picture", async () => {
    const commander = await t.login("commander");
    const chief = await t.login("chief");
    const adhoc = await t.req("/api/v1/inspections/adhoc", {
      method: "POST",
      cookie: commander,
      json: { prisonId: "pj", blockId: "pj-b1", reason: "举报" },
    });
    expect(adhoc.status, await adhoc.clone().text()).toBeLessThan(300);
    const day = (await json("/api/v1/inspections/today", commander)) as {
      date: string;
      inspections: Array<{ id: string; kind: string }>;
    };
    const inspectionId = day.inspections.find((i) => i.kind === "adhoc")?.id ?? "";
    const finding = await t.req(`/api/v1/inspections/${day.date}/findings`, {
      method: "POST",
      cookie: commander,
      json: { inspectionId, cameraId: cam, note: `${camName} 门未锁`, severity: 2, snapshot: jpegBase64 },
    });
    expect(finding.status, await finding.clone().text()).toBe(201);

    type Finding = { id: string; cameraId: string | null; cameraWithheld: boolean; snapshotUrl: string | null };
    const findingsOf = (d: unknown) =>
      (d as { inspections: Array<{ findings: Finding[] }> }).inspections.flatMap((i) => i.findings);
    const whole = findingsOf(await json("/api/v1/inspections/today", commander));
    expect(whole).toEqual([expect.objectContaining({ cameraId: cam, cameraWithheld: false })]);
    const findingId = whole[0]?.id ?? "";

    const chiefDay = await json("/api/v1/inspections/today", chief);
    expect(findingsOf(chiefDay)).toEqual([
      expect.objectContaining({ cameraId: null, cameraWithheld: true, snapshotUrl: null }),
    ]);
    expect(names(chiefDay)).toBe(false);
    expect(findingsOf(chiefDay)[0]).toMatchObject({ cameraName: null, note: "受限摄像机 门未锁" });
    const operator = await t.login("operator-pj");
    const inbox = await t.req("/api/v1/rectifications", { cookie: operator });
    const rect = (await inbox.json()) as Finding[];
    expect(rect.map((f) => [f.id, f.cameraWithheld])).toEqual([[findingId, true]]);
    expect(names(rect)).toBe(false);
    for (const cookie of [chief, operator]) {
      const pic = await t.req(`/api/v1/findings/${findingId}/snapshot`, { cookie });
      expect(pic.status).toBe(403);
      expect(await pic.json()).toMatchObject({ code: "forbidden" });
    }
    expect((await t.req(`/api/v1/findings/${findingId}/snapshot`, { cookie: commander })).status).toBe(200);
  });

  it("the group's audit row lists only the cameras the auditor may see", async () => {
    const chief = await t.login("chief");
    const page = await json("/api/v1/audit?type=cameraGroup.saved", chief);
    const rows = page.events as Array<{ data: { cameraIds: string[]; cameraIdsWithheld?: number } }>;
    expect(rows.map((r) => r.data)).toEqual([
      expect.objectContaining({ name: "重点监舍", cameraIds: [], cameraIdsWithheld: 2 }),
    ]);
    expect(names(page)).toBe(false);
    const byAdmin = await json("/api/v1/audit?type=cameraGroup.saved", admin);
    expect((byAdmin.events as typeof rows)[0]?.data.cameraIds).toEqual([cam, "pj-gate"]);
    // Nothing else the chief audits names it: the alarm's and the finding's rows are left out.
    const all = await json("/api/v1/audit?limit=500", chief);
    const leaks = (all.events as unknown[]).filter(names);
    expect(leaks).toEqual([]);
  });

  it("overview, roll calls and orders name no camera at all", async () => {
    const duty = await t.login("duty");
    for (const path of ["/api/v1/overview", "/api/v1/rollcalls/board", "/api/v1/orders"]) {
      const r = await t.req(path, { cookie: duty });
      expect(r.status, path).toBe(200);
      expect(names(await r.json()), path).toBe(false);
    }
  });

  it("a group change reaches open sockets at once: the camera leaves those no longer allowed, and comes back", async () => {
    const other = "pj-b2-s1-yard";
    const duty = await live("duty");
    const commander = await live("commander");
    const isCam = (m: LiveMessage) => m.topic === "catalogue.camera" && m.data.id === other;
    const res = await t.req("/api/v1/camera-groups", {
      method: "POST",
      cookie: admin,
      json: { name: "操场", cameraIds: [other], roles: ["commander"], users: [] },
    });
    expect(res.status).toBe(201);
    const gone = await duty.next(isCam);
    expect(gone.msg.data).toEqual({ id: other, camera: null });
    const { id } = (await res.json()) as { id: string };
    expect((await t.req(`/api/v1/camera-groups/${id}`, { method: "DELETE", cookie: admin })).status).toBe(204);
    const back = await duty.next(isCam);
    expect(back.msg.data).toMatchObject({ id: other, camera: { id: other, prisonId: "pj" } });
    // The commander's sight never changed: nothing about it on that socket.
    expect(commander.messages.some((m) => isCam(m.msg))).toBe(false);
  });
});
