// Camera groups (issue 17): a restricted camera is absent from every list a user outside its groups
// reads — tree, search, stream health, presets, audit rows and names — its detail, play, recordings and
// PTZ are 403, and an HLS token it got before the group existed is refused; for a role or a user the
// group names it is all there. Against a real gateway on 127.0.0.1 (the media plane faked: the HTTP edge
// is what is tested).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../src";
import { demoPassword, health, startTestGateway, type TestGateway } from "../helpers";

const cam = "pj-b1-s1-cell";
let t: TestGateway;
let admin: string;
let group: { id: string };

beforeAll(async () => {
  const passwordHash = await hashPassword(demoPassword);
  t = await startTestGateway({
    config: {
      demoUsers: true,
      users: [{ username: "root", displayName: "管理员", role: "admin", passwordHash }],
    },
  });
  admin = await t.login("root");
});
afterAll(() => t.close());

type Tree = { id: string; kind: string; children: Tree[] };
const leaves = (n: Tree): string[] => (n.kind === "camera" ? [n.id] : n.children.flatMap(leaves));

/** Everything a user reads that could name the camera: [what, whether it names `cam`]. */
async function sightings(cookie: string): Promise<Record<string, boolean>> {
  const json = async (path: string) => (await t.req(path, { cookie })).json();
  const tree = (await json("/api/v1/tree")) as Tree;
  const columns = (await json("/api/v1/tree?shape=columns")) as { id: string[] };
  const search = (await json("/api/v1/cameras?q=监舍")) as Array<{ id: string }>;
  const treeSearch = (await json(`/api/v1/cameras/search?q=${cam}`)) as { hits: Array<{ id: string }> };
  const all = (await json("/api/v1/cameras?prisonId=pj")) as Array<{ id: string }>;
  const streams = (await json("/api/v1/streams")) as Array<{ cameraId: string }>;
  const presets = (await json("/api/v1/presets")) as Array<{ id: string; tiles?: Array<string | null> }>;
  const preset = presets.find((p) => p.id === presetId);
  return {
    tree: leaves(tree).includes(cam),
    treeColumns: columns.id.includes(cam),
    search: search.some((c) => c.id === cam),
    treeSearch: treeSearch.hits.some((h) => h.id === cam),
    list: all.some((c) => c.id === cam),
    streams: streams.some((s) => s.cameraId === cam),
    preset: preset?.tiles?.includes(cam) ?? false,
  };
}

let presetId = "";

describe("camera groups", () => {
  it("only cameraGroups.manage holders (admin) list and edit groups", async () => {
    const commander = await t.login("commander");
    expect((await t.req("/api/v1/camera-groups", { cookie: commander })).status).toBe(403);
    const post = await t.req("/api/v1/camera-groups", {
      method: "POST",
      cookie: commander,
      json: { name: "x", cameraIds: [cam], roles: [], users: [] },
    });
    expect(post.status).toBe(403);
    expect(await post.json()).toMatchObject({ code: "forbidden" });
    expect((await t.req("/api/v1/camera-groups", { cookie: admin })).status).toBe(200);
  });

  it("refuses bad groups with 4xx {code, message, field}", async () => {
    const bad = async (json: unknown) => {
      const r = await t.req("/api/v1/camera-groups", { method: "POST", cookie: admin, json });
      return { status: r.status, body: (await r.json()) as { code: string; field?: string } };
    };
    expect(await bad({ name: "x", cameraIds: ["nope"], roles: [], users: [] })).toMatchObject({
      status: 422,
      body: { code: "validation", field: "cameraIds.0" },
    });
    expect((await bad({ name: "", cameraIds: [], roles: [], users: [] })).status).toBe(422);
    expect((await bad({ name: "x", cameraIds: [], roles: ["king"], users: [] })).status).toBe(422);
    expect((await t.req("/api/v1/camera-groups/nope", { method: "PUT", cookie: admin, json: {} })).status).toBe(404);
  });

  it("a restricted camera vanishes for roles outside its group and stays for those in it", async () => {
    const commander = await t.login("commander");
    const duty = await t.login("duty");
    const chief = await t.login("chief");
    t.fake.healthList = [health(cam), health("pj-gate")];
    const saved = await t.req("/api/v1/presets", {
      method: "POST",
      cookie: commander,
      json: { name: "监舍", kind: "layout", layoutId: "4", tiles: [cam, "pj-gate", null, null] },
    });
    presetId = ((await saved.json()) as { id: string }).id;
    // A view before the group: the audit has it, duty holds a live token.
    const play = (await (await t.req(`/api/v1/cameras/${cam}/play`, { cookie: duty })).json()) as { hls: string };
    expect((await t.req(play.hls)).status).toBe(200);
    const before = await sightings(duty);
    expect(Object.values(before).every(Boolean), JSON.stringify(before)).toBe(true);

    const res = await t.req("/api/v1/camera-groups", {
      method: "POST",
      cookie: admin,
      json: { name: "重点监舍", cameraIds: [cam], roles: ["commander"], users: [] },
    });
    expect(res.status).toBe(201);
    group = (await res.json()) as { id: string };
    expect(group).toMatchObject({ name: "重点监舍", cameraIds: [cam], roles: ["commander"], updatedBy: "root" });

    // duty: in no list, every direct read refused, the old token refused.
    expect(await sightings(duty)).toEqual({
      tree: false,
      treeColumns: false,
      search: false,
      treeSearch: false,
      list: false,
      streams: false,
      preset: false,
    });
    for (const path of [
      `/api/v1/cameras/${cam}`,
      `/api/v1/cameras/${cam}/play`,
      `/api/v1/cameras/${cam}/recordings?from=0&to=1`,
    ]) {
      const r = await t.req(path, { cookie: duty });
      expect(r.status, path).toBe(403);
      expect(await r.json()).toMatchObject({ code: "forbidden" });
    }
    expect((await t.req(play.hls)).status).toBe(403);
    const push = await t.req("/api/v1/wall/screens/2", {
      method: "PUT",
      cookie: duty,
      json: { layoutId: "1", tiles: [cam], tourId: null },
    });
    expect(push.status).toBe(403);
    expect(await push.json()).toMatchObject({ code: "forbidden", field: "tiles.0" });

    // chief audits, but the camera's rows and name are not the chief's to see.
    const rows = (await (await t.req(`/api/v1/audit?type=view.started`, { cookie: chief })).json()) as {
      events: Array<{ data: { cameraId: string } }>;
    };
    expect(rows.events.some((e) => e.data.cameraId === cam)).toBe(false);
    const names = (await (await t.req("/api/v1/audit/names", { cookie: chief })).json()) as {
      cameras: Array<{ id: string }>;
    };
    expect(names.cameras.some((c) => c.id === cam)).toBe(false);

    // commander (the group's role) and admin see it all.
    expect(Object.values(await sightings(commander)).every(Boolean)).toBe(true);
    expect((await t.req(`/api/v1/cameras/${cam}/play`, { cookie: commander })).status).toBe(200);
    const adminRows = (await (await t.req(`/api/v1/audit?cameraId=${cam}`, { cookie: admin })).json()) as {
      events: Array<{ type: string }>;
    };
    expect(adminRows.events.map((e) => e.type)).toContain("view.started");
  });

  it("a user named by the group sees the camera; removing the group restores it to everyone", async () => {
    const duty = await t.login("duty");
    const put = await t.req(`/api/v1/camera-groups/${group.id}`, {
      method: "PUT",
      cookie: admin,
      json: { name: "重点监舍", cameraIds: [cam], roles: ["commander"], users: ["duty"] },
    });
    expect(put.status).toBe(200);
    expect(Object.values(await sightings(duty)).every(Boolean)).toBe(true);
    expect((await t.req(`/api/v1/cameras/${cam}/play`, { cookie: duty })).status).toBe(200);

    const viewer = await t.login("viewer");
    expect((await sightings(viewer)).tree).toBe(false);
    expect((await t.req(`/api/v1/camera-groups/${group.id}`, { method: "DELETE", cookie: admin })).status).toBe(204);
    expect((await sightings(viewer)).tree).toBe(true);
    const list = (await (await t.req("/api/v1/camera-groups", { cookie: admin })).json()) as unknown[];
    expect(list).toEqual([]);
  });

  it("groups are durable: a restart replays them from the log", async () => {
    const res = await t.req("/api/v1/camera-groups", {
      method: "POST",
      cookie: admin,
      json: { name: "民警区域", cameraIds: [cam], roles: [], users: [] },
    });
    expect(res.status).toBe(201);
    const dir = t.dir;
    await t.close({ keepDir: true });
    const passwordHash = await hashPassword(demoPassword);
    t = await startTestGateway({
      dir,
      config: { demoUsers: true, users: [{ username: "root", displayName: "管理员", role: "admin", passwordHash }] },
    });
    const commander = await t.login("commander");
    expect((await t.req(`/api/v1/cameras/${cam}`, { cookie: commander })).status).toBe(403);
    const groups = (await (await t.req("/api/v1/camera-groups", { cookie: await t.login("root") })).json()) as Array<{
      name: string;
    }>;
    expect(groups.map((g) => g.name)).toEqual(["民警区域"]);
  });
});
