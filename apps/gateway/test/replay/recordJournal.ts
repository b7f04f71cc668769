// Records the old-format journal fixture (test/replay/journalV1): drives a gateway through its public
// API so that it appends every kind of event it writes (sessions, cameras, views, screens, presets,
// alarms and their obligations up to escalation, roll calls, orders with delivery, sign, report back and
// remind, templates, the whole inspection with rectification), restarts it on the same data dir, and
// writes what the API answers after that replay (expected.json). It was run ONCE on the code from before
// the typed event map (commit 45c84d1, with startTestGateway's `now` option added): `npx tsx
// apps/gateway/test/replay/recordJournal.ts <outDir>`.
// The replay test (journalV1.test.ts) opens today's gateway on a copy of that directory and must answer
// the same. Never run by the suite; kept so anyone can see how the fixture was made.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { alarmBody, jpegBase64, postFeed } from "../feeds-http/signed";
import { health, startTestGateway, type TestGateway } from "../helpers";
import { composeBody, connectLive, eventually, jpeg } from "../orders/support";
import { fixtureClock, fixtureConfig, viewPaths } from "./journalViews";

async function ok(res: Promise<Response>, what: string): Promise<Response> {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${await r.text()}`);
  return r;
}

async function actions(t: TestGateway): Promise<Record<string, string>> {
  const at = () => t.clock.now;
  const json = (path: string, cookie: string, method: string, body?: unknown) =>
    ok(t.req(path, { method, cookie, ...(body === undefined ? {} : { json: body }) }), `${method} ${path}`);
  const feed = (prisonId: string, kind: "alarms" | "rollcalls", body: unknown) =>
    ok(postFeed(t.gw.url, prisonId, kind, JSON.stringify(body), { timestamp: at() }), `feed ${kind}`);

  const cookies: Record<string, string> = {};
  for (const u of ["commander", "chief", "duty", "viewer", "operator-pj", "operator-jz"]) cookies[u] = await t.login(u);
  const c = cookies.commander!;
  const bad = await t.req("/api/v1/session", { method: "POST", json: { username: "duty", password: "wrong-one" } });
  if (bad.status !== 401) throw new Error(`bad login: ${bad.status}`);
  const leaving = await t.login("viewer");
  await json("/api/v1/session", leaving, "DELETE");

  // Cameras and a view.
  await json("/api/v1/cameras", c, "POST", {
    id: "pj-fx-yard",
    name: "回放操场",
    kind: "yard",
    prisonId: "pj",
    source: { kind: "rtmp" },
  });
  await json("/api/v1/cameras/pj-fx-yard", c, "PATCH", { name: "回放操场东" });
  await json("/api/v1/cameras", c, "POST", {
    id: "pj-fx-gone",
    name: "待删",
    kind: "yard",
    prisonId: "pj",
    source: { kind: "rtmp" },
  });
  await json("/api/v1/cameras/pj-fx-gone", c, "DELETE");
  const play = (await (
    await json("/api/v1/cameras/pj-gate/play?variant=sub", cookies["operator-pj"]!, "GET")
  ).json()) as {
    hls: string;
  };
  await ok(t.req(play.hls), "playlist");

  // Screens, presets, a tour.
  await json("/api/v1/wall/screens/2", cookies.duty!, "PUT", {
    layoutId: "4",
    tiles: ["pj-gate", null, "pj-fx-yard", null],
    tourId: null,
  });
  await json("/api/v1/presets", c, "POST", {
    id: "fx-lay",
    name: "回放布局",
    kind: "layout",
    layoutId: "1",
    tiles: ["pj-gate"],
  });
  await json("/api/v1/presets", c, "POST", {
    id: "fx-tour",
    name: "回放轮巡",
    kind: "tour",
    layoutId: "4",
    tour: { dwellS: 10, steps: [{ unitId: "pj" }, { cameraIds: ["pj-gate"] }] },
  });
  await json("/api/v1/wall/screens/3/tour", cookies.chief!, "POST", { action: "start", tourId: "fx-tour" });
  await json("/api/v1/presets", c, "POST", { id: "fx-old", name: "旧", kind: "layout", layoutId: "1", tiles: [null] });
  await json("/api/v1/presets/fx-old", c, "DELETE");

  // Alarms: raised (one on the alarm tile), repeated, acknowledged, resolved; video loss raised and cleared.
  const raise = async (prisonId: string, sourceId: string, extra: Record<string, unknown> = {}) => {
    const r = await feed(prisonId, "alarms", alarmBody(sourceId, { occurredAt: at() - 1000, ...extra }));
    return ((await r.json()) as { id: string }).id;
  };
  const a1 = await raise("pj", "fx-a1", { severity: 1, cameraId: "pj-gate", snapshot: jpegBase64, title: "打架" });
  await raise("pj", "fx-a1", { severity: 1, cameraId: "pj-gate" });
  const a2 = await raise("jz", "fx-a2", { severity: 3, type: "gathering" });
  await raise("pj", "fx-a3", { severity: 2, type: "fall" });
  await json(`/api/v1/alarms/${a1}/ack`, cookies.duty!, "POST", { note: "已到场" });
  await json(`/api/v1/alarms/${a1}/resolve`, cookies["operator-pj"]!, "POST", {
    disposition: "handled",
    note: "已处置",
  });
  await json(`/api/v1/alarms/${a2}/ack`, cookies["operator-jz"]!, "POST", { note: "" });
  t.fake.healthList = [health("pj-gate", "stalled")];
  t.fake.emit([health("pj-gate", "stalled")]);
  await t.gw.core.features.alarms.plane.settled();
  t.fake.healthList = [health("pj-gate", "live")];
  t.fake.emit([health("pj-gate", "live")]);
  await t.gw.core.features.alarms.plane.settled();
  t.fake.healthList = [];

  // Roll calls: one on time and right, one short (raises headcount_mismatch).
  const rc = (sourceId: string, blockId: string, present: number, absentees: unknown[] = []) => ({
    sourceId,
    blockId,
    checkpoint: "wake_up",
    scheduledAt: fixtureClock.wakeUp,
    reportedAt: fixtureClock.wakeUp + 120_000,
    expected: 120,
    present,
    absentees,
  });
  await feed("pj", "rollcalls", rc("fx-rc1", "pj-b1", 120));
  await feed("pj", "rollcalls", rc("fx-rc2", "pj-b2", 119, [{ reason: "就医" }]));

  // Orders: issue, delivery over the live socket, sign, report back with an image, remind; templates.
  const issued = (await (await json("/api/v1/orders", c, "POST", composeBody(at(), { attachment: jpeg }))).json()) as {
    id: string;
  };
  const live = await connectLive(t, cookies["operator-pj"]!);
  live.send({ topic: "order.ack", data: { orderId: issued.id, unitId: "pj" } });
  await eventually(async () => {
    const e = await t.gw.core.features.audit.index.query({ type: "order.delivered", limit: 1 });
    return e.events.length > 0 ? true : undefined;
  }, "order.delivered");
  await live.close();
  await json(`/api/v1/orders/${issued.id}/targets/pj/sign`, cookies["operator-pj"]!, "POST", { note: "收到" });
  await json(`/api/v1/orders/${issued.id}/targets/pj/feedback`, cookies["operator-pj"]!, "POST", {
    text: "已落实双人双岗",
    image: jpeg,
  });
  await json(`/api/v1/orders/${issued.id}/remind`, c, "POST", { note: "请锦州监狱尽快签收" });
  const tpl = (await (
    await json("/api/v1/order-templates", c, "POST", {
      name: "夜巡",
      title: "夜间巡查",
      body: "各监区报送夜巡情况。",
      category: "custody_security",
      targets: ["pj"],
      signWithinMin: 30,
    })
  ).json()) as { id: string };
  const tpl2 = (await (
    await json("/api/v1/order-templates", c, "POST", {
      name: "旧模板",
      title: "旧",
      body: "旧",
      category: "information",
      signWithinMin: 60,
    })
  ).json()) as { id: string };
  await json(`/api/v1/order-templates/${tpl2.id}`, c, "DELETE");

  // Inspection: today's draw happened at open; redraw, ad hoc, finding, checklist, rectification, completion.
  const chief = cookies.chief!;
  const date = fixtureClock.date;
  await json(`/api/v1/inspections/${date}/redraw`, chief, "POST", { reason: "该监区今日停电检修" });
  const today = (await (await json("/api/v1/inspections/today", chief, "GET")).json()) as {
    inspections: Array<{ prisonId: string; cameras: Array<{ id: string }> }>;
    checklist: Array<{ id: string }>;
  };
  const target = today.inspections[0]!;
  const finding = (await (
    await json(`/api/v1/inspections/${date}/findings`, chief, "POST", {
      note: "监舍内务不整",
      severity: 2,
      snapshot: `data:image/jpeg;base64,${jpegBase64}`,
      cameraId: target.cameras[0]!.id,
      deadlineDays: 3,
    })
  ).json()) as { id: string };
  const own = await t.login(`operator-${target.prisonId}`);
  cookies.inspected = own;
  await json(`/api/v1/rectifications/${finding.id}/report`, own, "POST", { text: "已整改", photo: jpegBase64 });
  await json(`/api/v1/rectifications/${finding.id}/review`, chief, "POST", { decision: "return", note: "照片不清" });
  await json(`/api/v1/rectifications/${finding.id}/report`, own, "POST", { text: "再次整改" });
  await json(`/api/v1/rectifications/${finding.id}/review`, c, "POST", { decision: "accept", note: "" });
  const items = today.checklist.map((i, n) => ({ itemId: i.id, result: n === 1 ? "issue" : "pass" }));
  await json(`/api/v1/inspections/${date}/checklist`, chief, "POST", { items });
  await json(`/api/v1/inspections/${date}/complete`, chief, "POST", { rating: "good", summary: "总体良好" });
  await json("/api/v1/inspections/adhoc", chief, "POST", { prisonId: "pj", blockId: "pj-b2", reason: "举报" });

  // Time passes: lights turn yellow and red, escalate; a session is renewed on its next request.
  for (const step of [5, 10, 30, 60, 120]) {
    t.clock.now = fixtureClock.start + step * 60_000;
    await t.gw.core.features.alarms.plane.tickOnce();
  }
  await json("/api/v1/session", cookies.duty!, "GET");
  cookies.template = tpl.id;
  cookies.order = issued.id;
  return cookies;
}

async function main(out: string): Promise<void> {
  const dir = join(out, "dataDir");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = await startTestGateway({ dir, now: fixtureClock.start, config: fixtureConfig });
  const ids = await actions(t0);
  const end = t0.clock.now;
  await t0.close({ keepDir: true });

  // What the API answers after a replay of this log, at the same instant.
  const copy = join(out, "replayed");
  cpSync(dir, copy, { recursive: true });
  const t1 = await startTestGateway({ dir: copy, now: end, config: fixtureConfig });
  const views: Record<string, unknown> = {};
  for (const [name, path, who] of viewPaths(ids)) {
    const res = await t1.req(path, { cookie: ids[who] ?? "" });
    views[name] = { status: res.status, body: await res.json() };
  }
  await t1.close();
  writeFileSync(join(out, "expected.json"), `${JSON.stringify({ end, ids, views }, null, 1)}\n`);
}

await main(process.argv[2] ?? "apps/gateway/test/replay/journalV1");
