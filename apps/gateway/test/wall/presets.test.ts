// Presets over real HTTP: CRUD by commanders, read-only for everyone else, validation naming the
// field, operators seeing only their prison's part, and deleting a running tour stopping it.
import type { Preset, ScreenState } from "@cw/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../helpers";

let t: TestGateway;
let commander: string;
beforeAll(async () => {
  t = await startTestGateway();
  commander = await t.login("commander");
});
afterAll(() => t.close());

const layout = { name: "周界", kind: "layout", layoutId: "4", tiles: ["pj-perimeter-e", "jz-b1-s1-cell", null, null] };
const tour = {
  name: "盘锦轮巡",
  kind: "tour",
  layoutId: "4",
  tour: { dwellS: 5, steps: [{ unitId: "pj-b1-s1" }, { cameraIds: ["jz-b1-s1-cell", "pj-gate"] }, { unitId: "jz" }] },
};

describe("presets", () => {
  it("creates, lists, replaces and deletes (commander), logging each change", async () => {
    const created = await t.req("/api/v1/presets", { method: "POST", cookie: commander, json: layout });
    expect(created.status).toBe(201);
    const p = (await created.json()) as Preset;
    expect(p).toMatchObject({ ...layout, updatedBy: "commander" });
    expect(p.id).toMatch(/^p-[0-9a-f]{8}$/);

    const withId = await t.req("/api/v1/presets", { method: "POST", cookie: commander, json: { ...tour, id: "t1" } });
    expect(withId.status).toBe(201);
    const dup = await t.req("/api/v1/presets", { method: "POST", cookie: commander, json: { ...tour, id: "t1" } });
    expect(dup.status).toBe(409);

    const list = (await (await t.req("/api/v1/presets", { cookie: commander })).json()) as Preset[];
    expect(list.map((x) => x.id).sort()).toEqual([p.id, "t1"].sort());

    const replaced = await t.req(`/api/v1/presets/${p.id}`, {
      method: "PUT",
      cookie: commander,
      json: { ...layout, name: "周界（新）", layoutId: "1", tiles: ["pj-gate"] },
    });
    expect(replaced.status).toBe(200);
    expect(await replaced.json()).toMatchObject({ id: p.id, name: "周界（新）", layoutId: "1" });
    expect((await t.req("/api/v1/presets/nope", { method: "PUT", cookie: commander, json: layout })).status).toBe(404);
    const mismatch = await t.req(`/api/v1/presets/${p.id}`, {
      method: "PUT",
      cookie: commander,
      json: { ...layout, id: "t1" },
    });
    expect(mismatch.status).toBe(422);

    expect((await t.req(`/api/v1/presets/${p.id}`, { method: "DELETE", cookie: commander })).status).toBe(204);
    expect((await t.req(`/api/v1/presets/${p.id}`, { cookie: commander })).status).toBe(404);
    expect((await t.req(`/api/v1/presets/${p.id}`, { method: "DELETE", cookie: commander })).status).toBe(404);

    const audit = (await (await t.req("/api/v1/audit?type=preset.", { cookie: commander })).json()) as {
      events: Array<{ type: string }>;
    };
    expect(audit.events.map((e) => e.type)).toEqual(["preset.deleted", "preset.saved", "preset.saved", "preset.saved"]);
  });

  it.each([
    ["name too long", { ...layout, name: "x".repeat(61) }, "name"],
    ["empty name", { ...layout, name: "  " }, "name"],
    ["wrong tile count", { ...layout, layoutId: "9" }, "tiles"],
    ["unknown camera", { ...layout, tiles: ["nope", null, null, null] }, "tiles.0"],
    ["unknown kind", { ...layout, kind: "grid" }, "kind"],
    ["dwell under 5 s", { ...tour, tour: { ...tour.tour, dwellS: 4 } }, "tour.dwellS"],
    ["no steps", { ...tour, tour: { dwellS: 5, steps: [] } }, "tour.steps"],
    ["unknown unit", { ...tour, tour: { dwellS: 5, steps: [{ unitId: "zz" }] } }, "tour.steps.0.unitId"],
    [
      "unknown camera in a step",
      { ...tour, tour: { dwellS: 5, steps: [{ cameraIds: ["pj-gate", "x"] }] } },
      "tour.steps.0.cameraIds.1",
    ],
  ])("%s → 422 naming %s", async (_name, body, field) => {
    const res = await t.req("/api/v1/presets", { method: "POST", cookie: commander, json: body });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: "validation", field });
  });

  it.each(["chief", "duty", "viewer", "operator-pj"])("%s reads but cannot edit (403)", async (user) => {
    const cookie = await t.login(user);
    expect((await t.req("/api/v1/presets", { cookie })).status).toBe(200);
    expect((await t.req("/api/v1/presets/t1", { cookie })).status).toBe(200);
    expect((await t.req("/api/v1/presets", { method: "POST", cookie, json: layout })).status).toBe(403);
    expect((await t.req("/api/v1/presets/t1", { method: "PUT", cookie, json: tour })).status).toBe(403);
    expect((await t.req("/api/v1/presets/t1", { method: "DELETE", cookie })).status).toBe(403);
  });

  it("shows operators only their prison's cameras and units", async () => {
    await t.req("/api/v1/presets", { method: "POST", cookie: commander, json: { ...layout, id: "mixed" } });
    const op = await t.login("operator-pj");
    const mixed = (await (await t.req("/api/v1/presets/mixed", { cookie: op })).json()) as Preset;
    expect(mixed).toMatchObject({ tiles: ["pj-perimeter-e", null, null, null] });
    const t1 = (await (await t.req("/api/v1/presets/t1", { cookie: op })).json()) as Preset;
    expect(t1.kind === "tour" && t1.tour.steps).toEqual([{ unitId: "pj-b1-s1" }, { cameraIds: ["pj-gate"] }]);
  });

  it("deleting a tour stops it on the screens running it, keeping the page shown", async () => {
    const start = await t.req("/api/v1/wall/screens/2/tour", {
      method: "POST",
      cookie: commander,
      json: { action: "start", tourId: "t1" },
    });
    const shown = ((await start.json()) as ScreenState).tiles;
    expect(shown).toEqual(["pj-b1-s1-cell", "pj-b1-s1-canteen", "pj-b1-s1-workshop", "pj-b1-s1-yard"]);
    expect((await t.req("/api/v1/presets/t1", { method: "DELETE", cookie: commander })).status).toBe(204);
    expect(t.gw.core.features.wall.service.screen(2)).toMatchObject({
      tourId: null,
      tour: null,
      tiles: shown,
      updatedBy: "commander",
    });
  });
});
