// Choosing the H.264 transcode at play time: path=transcode starts the camera's H.264 rendition and names
// it in the URL; a full budget is a 503 transcode_full naming the camera (the tile's message), never a
// black tile; the budget is on /metrics and /api/v1/streams/transcodes; a wall PC's capability report is
// validated and listed for commanders.
import { afterAll, beforeAll, expect, it } from "vitest";
import { health, startTestGateway, type TestGateway } from "../helpers";

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

it("path=transcode plays the H.264 rendition; a full budget answers 503 transcode_full with the camera's name", async () => {
  const cookie = await t.login("chief");
  const res = await t.req("/api/v1/cameras/pj-b1-s1-cell/play?variant=sub&path=transcode", { cookie });
  expect(res.status).toBe(200);
  const play = (await res.json()) as { hls: string; rendition: string; path: string };
  expect(play).toMatchObject({ rendition: "sub-h264", path: "transcode" });
  expect(play.hls).toMatch(/\/pj-b1-s1-cell\/sub-h264\/index\.m3u8$/);
  expect((await t.req(play.hls)).status).toBe(200);
  // The transcode token opens only the transcode.
  expect((await t.req(play.hls.replace("/sub-h264/", "/sub/"))).status).toBe(403);
  expect(t.fake.calls.some((c) => c.kind === "start:sub-h264")).toBe(true);

  t.fake.transcodes = { running: 4, max: 4 };
  const full = await t.req("/api/v1/cameras/pj-b1-s1-cell/play?path=transcode", { cookie });
  expect(full.status).toBe(503);
  const body = (await full.json()) as { code: string; message: string; field: string };
  expect(body).toMatchObject({ code: "transcode_full", field: "rendition" });
  expect(body.message).toContain("transcode budget full");
  expect((await t.req("/api/v1/cameras/pj-b1-s1-cell/play?path=sideways", { cookie })).status).toBe(422);
  expect(await (await t.req("/api/v1/streams/transcodes", { cookie })).json()).toEqual({
    running: 4,
    max: 4,
    streams: [],
  });
  const metrics = await (await t.req("/metrics", { cookie: await t.login("commander") })).text();
  expect(metrics).toMatch(/^cw_transcodes 4$/m);
  expect(metrics).toMatch(/^cw_transcode_budget 4$/m);
});

it("capability reports: validated, 204, listed for commanders only", async () => {
  const chief = await t.login("chief");
  const report = {
    codecs: { "hvc1.1.6.L120.90": { supported: false }, "avc1.640028": { supported: true, smooth: true } },
  };
  expect((await t.req("/api/v1/capabilities", { method: "POST", cookie: chief, json: report })).status).toBe(204);
  const bad = await t.req("/api/v1/capabilities", { method: "POST", cookie: chief, json: { codecs: { "<x>": 1 } } });
  expect(bad.status).toBeGreaterThanOrEqual(400);
  expect(bad.status).toBeLessThan(500);
  expect((await t.req("/api/v1/capabilities", { cookie: chief })).status).toBe(403);
  const commander = await t.login("commander");
  const list = (await (await t.req("/api/v1/capabilities", { cookie: commander })).json()) as { user: string }[];
  expect(list).toMatchObject([{ user: "chief", report }]);
});

it("the budget names the cameras holding transcoders, each session seeing only the cameras it may see", async () => {
  t.fake.transcodes = { running: 3, max: 8 };
  t.fake.healthList = [
    { ...health("pj-b1-s1-cell"), rendition: "sub-h264", viewers: 2 },
    { ...health("pj-gate"), variant: "main", rendition: "main-h264" },
    { ...health("jz-gate"), rendition: "sub-h264" },
    health("pj-b1-s1-cell"), // the camera's own stream: not a transcode
  ];
  try {
    const commander = await t.login("commander");
    const all = await (await t.req("/api/v1/streams/transcodes", { cookie: commander })).json();
    expect(all).toEqual({
      running: 3,
      max: 8,
      // By prison, then camera name (pinyin order): 锦州 before 盘锦, 大门 before 一分监区.
      streams: [
        { cameraId: "jz-gate", name: "大门", prison: "锦州监狱", rendition: "sub-h264", viewers: 1 },
        { cameraId: "pj-gate", name: "大门", prison: "盘锦监狱", rendition: "main-h264", viewers: 1 },
        { cameraId: "pj-b1-s1-cell", name: "一分监区监舍", prison: "盘锦监狱", rendition: "sub-h264", viewers: 2 },
      ],
    });
    // An operator sees the shared count but only its own prison's cameras.
    const operator = await t.login("operator-jz");
    const own = (await (await t.req("/api/v1/streams/transcodes", { cookie: operator })).json()) as {
      running: number;
      streams: { cameraId: string }[];
    };
    expect(own.running).toBe(3);
    expect(own.streams.map((s) => s.cameraId)).toEqual(["jz-gate"]);
    expect((await t.req("/api/v1/streams/transcodes")).status).toBe(401);
  } finally {
    t.fake.healthList = [];
  }
});
