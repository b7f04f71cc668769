// GET /hls/<token>/<camera>/index.m3u8: the camera's multivariant playlist. The play answer names it with a
// token for "all" renditions of that camera, which also opens the media playlists it lists (relative
// URIs); a rendition's own token opens only that rendition, and neither opens another camera.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../helpers";

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

it("the play answer's multivariant opens every rendition of its camera, and only that camera", async () => {
  const cookie = await t.login("commander");
  const play = (await (await t.req("/api/v1/cameras/pj-b1-s1-cell/play", { cookie })).json()) as {
    hls: string;
    multivariant: string;
  };
  const mv = await t.req(play.multivariant);
  expect(mv.status).toBe(200);
  expect(mv.headers.get("content-type")).toContain("mpegurl");
  expect(await mv.text()).toContain('CODECS="avc1.64001f"');
  const base = play.multivariant.replace(/index\.m3u8$/, "");
  expect((await t.req(`${base}main/index.m3u8`)).status).toBe(200);
  expect((await t.req(`${base}sub/index.m3u8`)).status).toBe(200);
  expect((await t.req(base.replace("pj-b1-s1-cell", "jz-b1-s1-cell") + "index.m3u8")).status).toBe(403);
  // A rendition token is not a multivariant token.
  expect((await t.req(play.hls.replace(/\/main\/index\.m3u8$/, "/index.m3u8"))).status).toBe(403);
});
