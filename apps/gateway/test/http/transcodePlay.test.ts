// Choosing the H.264 transcode at play time: path=transcode starts the camera's H.264 rendition and names
// it in the URL; a full budget is a 503 transcode_full naming the camera (the tile's message), never a
// black tile; the budget is on /metrics and /api/v1/streams/transcodes; a wall PC's capability report is
// validated and listed for commanders.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../helpers";

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
  expect(await (await t.req("/api/v1/streams/transcodes", { cookie })).json()).toEqual({ running: 4, max: 4 });
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
