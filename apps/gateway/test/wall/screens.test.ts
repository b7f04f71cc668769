// The output screens over real HTTP: GET/PUT with validation (422 naming the field), roles (viewer
// reads, operator 403), optimistic concurrency (409), tour controls, the alarm hook, and the state
// surviving a restart on the same DATA_DIR.
import type { ScreenState } from "@cw/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway, tempDir } from "../helpers";

const dir = tempDir();
let t: TestGateway;
let commander: string;
let duty: string;
beforeAll(async () => {
  t = await startTestGateway({ dir, config: { wallScreens: 3 } });
  commander = await t.login("commander");
  duty = await t.login("duty");
});
afterAll(() => t.close());

const put = (n: number | string, json: unknown, cookie = commander) =>
  t.req(`/api/v1/wall/screens/${n}`, { method: "PUT", cookie, json });
const four = ["pj-b1-s1-cell", null, "jz-b1-s1-cell", null];

describe("wall screens", () => {
  it("starts every configured screen as layout 4 with empty tiles", async () => {
    const res = await t.req("/api/v1/wall/screens", { cookie: commander });
    expect(res.status).toBe(200);
    const screens = (await res.json()) as ScreenState[];
    expect(screens.map((s) => [s.n, s.layoutId, s.tiles, s.tourId, s.version])).toEqual([
      [1, "4", [null, null, null, null], null, 0],
      [2, "4", [null, null, null, null], null, 0],
      [3, "4", [null, null, null, null], null, 0],
    ]);
    expect((await t.req("/api/v1/wall/screens/4", { cookie: commander })).status).toBe(404);
    expect((await t.req("/api/v1/wall/screens/x", { cookie: commander })).status).toBe(404);
    expect((await t.req("/api/v1/wall/screens/1")).status).toBe(401);
  });

  it("saves a PUT, bumps the version and logs it", async () => {
    const res = await put(1, { layoutId: "4", tiles: four, tourId: null });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ n: 1, tiles: four, version: 1, updatedBy: "commander", alarmTile: null });
    const got = (await (await t.req("/api/v1/wall/screens/1", { cookie: duty })).json()) as ScreenState;
    expect(got).toMatchObject({ tiles: four, version: 1 });
    const audit = (await (await t.req("/api/v1/audit?type=wall.", { cookie: commander })).json()) as {
      events: Array<{ type: string; actor: string; data: { n: number } }>;
    };
    expect(audit.events[0]).toMatchObject({ type: "wall.screen.set", actor: "commander", data: { n: 1 } });
  });

  it.each([
    ["wrong tile count", { layoutId: "9", tiles: four, tourId: null }, "tiles"],
    ["unknown layout", { layoutId: "12", tiles: four, tourId: null }, "layoutId"],
    ["unknown camera", { layoutId: "1+5", tiles: [null, null, "nope", null, null, null], tourId: null }, "tiles.2"],
    ["bad camera id", { layoutId: "1", tiles: ["../x"], tourId: null }, "tiles.0"],
    ["a camera twice", { layoutId: "4", tiles: ["pj-gate", "pj-gate", null, null], tourId: null }, "tiles.1"],
    ["unknown tour", { layoutId: "1", tiles: [null], tourId: "no-tour" }, "tourId"],
    ["unknown key", { layoutId: "1", tiles: [null], tourId: null, extra: 1 }, undefined],
    ["bad ifVersion", { layoutId: "1", tiles: [null], ifVersion: -1 }, "ifVersion"],
  ])("%s → 422", async (_name, body, field) => {
    const res = await put(2, body);
    expect(res.status).toBe(422);
    const err = (await res.json()) as { code: string; field?: string };
    expect(err.code).toBe("validation");
    if (field) expect(err.field).toBe(field);
  });

  it.each([
    ["viewer", "GET", 200],
    ["viewer", "PUT", 403],
    ["operator-pj", "GET", 403],
    ["operator-pj", "PUT", 403],
    ["chief", "PUT", 200],
    ["duty", "PUT", 200],
  ])("%s %s → %i", async (user, method, status) => {
    const cookie = await t.login(user);
    const res =
      method === "GET"
        ? await t.req("/api/v1/wall/screens/3", { cookie })
        : await put(3, { layoutId: "1", tiles: [null], tourId: null }, cookie);
    expect(res.status).toBe(status);
  });

  it("operators are refused the list and tour controls too", async () => {
    const op = await t.login("operator-pj");
    expect((await t.req("/api/v1/wall/screens", { cookie: op })).status).toBe(403);
    const tour = await t.req("/api/v1/wall/screens/1/tour", { method: "POST", cookie: op, json: { action: "stop" } });
    expect(tour.status).toBe(403);
  });

  it("answers 409 when ifVersion is stale (two consoles editing)", async () => {
    const cur = (await (await t.req("/api/v1/wall/screens/2", { cookie: commander })).json()) as ScreenState;
    const a = await put(2, { layoutId: "1", tiles: ["pj-gate"], tourId: null, ifVersion: cur.version });
    expect(a.status).toBe(200);
    const b = await put(2, { layoutId: "1", tiles: ["jz-b1-s1-cell"], tourId: null, ifVersion: cur.version }, duty);
    expect(b.status).toBe(409);
    expect(await b.json()).toMatchObject({ code: "conflict" });
    // Concurrent PUTs with the same version: exactly one wins.
    const v = cur.version + 1;
    const results = await Promise.all(
      ["pj-gate", "pj-gate-ab", "pj-perimeter-e"].map((c) =>
        put(2, { layoutId: "1", tiles: [c], tourId: null, ifVersion: v }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
  });

  it("runs a tour server side: start, next, pause, stop", async () => {
    const preset = await t.req("/api/v1/presets", {
      method: "POST",
      cookie: commander,
      json: {
        id: "tour-b1",
        name: "一监区轮巡",
        kind: "tour",
        layoutId: "4",
        tour: { dwellS: 10, steps: [{ unitId: "pj-b1" }] },
      },
    });
    expect(preset.status).toBe(201);
    const ctl = (json: unknown) => t.req("/api/v1/wall/screens/3/tour", { method: "POST", cookie: duty, json });
    expect((await ctl({ action: "pause" })).status).toBe(409); // nothing running
    expect((await ctl({ action: "start" })).status).toBe(422);
    const started = (await (await ctl({ action: "start", tourId: "tour-b1" })).json()) as ScreenState;
    expect(started).toMatchObject({
      layoutId: "4",
      tourId: "tour-b1",
      tiles: ["pj-b1-s1-cell", "pj-b1-s1-canteen", "pj-b1-s1-workshop", "pj-b1-s1-yard"],
      tour: { step: 0, steps: 2, paused: false, dwellS: 10, nextAt: t.clock.now + 10_000 },
    });
    t.clock.now += 10_000;
    const later = (await (await t.req("/api/v1/wall/screens/3", { cookie: duty })).json()) as ScreenState;
    expect(later.tiles[0]).toBe("pj-b1-s2-cell");
    expect(later.version).toBe(started.version); // steps are not logged
    const next = (await (await ctl({ action: "next" })).json()) as ScreenState;
    expect(next.tour).toMatchObject({ step: 0 });
    const paused = (await (await ctl({ action: "pause" })).json()) as ScreenState;
    expect(paused.tour).toMatchObject({ paused: true, nextAt: null });
    const stopped = (await (await ctl({ action: "stop" })).json()) as ScreenState;
    expect(stopped).toMatchObject({ tourId: null, tour: null, tiles: next.tiles });
  });

  it("puts an alarm camera on screen 1's alarm tile until acknowledged (hook for the alarm engine)", async () => {
    await t.gw.core.features.wall.service.onAlarmRaised({ alarmId: "al-1", cameraId: "pj-gate", severity: 1 });
    await t.gw.core.features.wall.service.onAlarmRaised({ alarmId: "al-2", cameraId: "pj-gate-ab", severity: 3 });
    const s1 = (await (await t.req("/api/v1/wall/screens/1", { cookie: duty })).json()) as ScreenState;
    expect(s1.alarmTile).toEqual({ cameraId: "pj-gate", alarmId: "al-1", highlight: true });
    expect(s1.updatedBy).toBe("system:alarm");
    await t.gw.core.features.wall.service.onAlarmAcknowledged("al-1");
    expect(t.gw.core.features.wall.service.screen(1)?.alarmTile).toEqual({
      cameraId: "pj-gate",
      alarmId: "al-1",
      highlight: false,
    });
    // A console re-saving the screen keeps the alarm tile; clearing it is explicit.
    await put(1, { layoutId: "4", tiles: four, tourId: null });
    expect(t.gw.core.features.wall.service.screen(1)?.alarmTile).not.toBeNull();
    await put(1, { layoutId: "4", tiles: four, tourId: null, alarmTile: null });
    expect(t.gw.core.features.wall.service.screen(1)?.alarmTile).toBeNull();
  });

  it("keeps screens, presets and a running tour across a restart", async () => {
    await put(2, { layoutId: "1+5", tiles: ["pj-gate", null, null, null, null, "jz-b1-s1-cell"], tourId: null });
    await put(3, { layoutId: "4", tiles: [null, null, null, null], tourId: "tour-b1" });
    const before = t.gw.core.features.wall.service.screens();
    await t.close({ keepDir: true });
    t = await startTestGateway({ dir, config: { wallScreens: 3 } });
    t.clock.now = before[0]!.updatedAt; // same instant: the tour shows the same page
    commander = await t.login("commander");
    duty = await t.login("duty");
    const after = (await (await t.req("/api/v1/wall/screens", { cookie: commander })).json()) as ScreenState[];
    expect(after).toEqual(before.map((s) => ({ ...s, tour: after[s.n - 1]?.tour ?? null })));
    expect(after[2]).toMatchObject({ tourId: "tour-b1", tour: { steps: 2 } });
    expect((await t.req("/api/v1/presets/tour-b1", { cookie: duty })).status).toBe(200);
  });
});
