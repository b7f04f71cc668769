// A camera restricted while someone watches it (issue 17 item 2): the viewer's open console drops it from
// the tree and its tile says 无权查看 — no spinner — without a reload; the stream's old play token is
// refused at its next playlist request. Un-restricted, the camera is back in the tree and plays again, still
// without a reload. The administrator and the viewer are two browser contexts, as two PCs would be.
// An output screen (/screen/N) showing the camera says 无权查看 in its tile for the viewer (the gateway's
// `withheld` tile indexes) instead of an empty tile.
import type { Page } from "@playwright/test";
import { expect, expectPlaying, login, test } from "../support/fixtures";

const cam = "pj-b1-s1-cell";

async function watch(page: Page): Promise<string[]> {
  const playlists: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes(`/${cam}/`) && r.url().includes(".m3u8")) playlists.push(r.url());
  });
  await page.getByTestId("tree-search").fill(cam);
  await page.getByTestId(`tree-node-${cam}`).click();
  await expectPlaying(page, "player-video", 1);
  return playlists;
}

test("a camera restricted and given back reaches the viewer's open console at once", async ({
  page,
  gateway,
  browser,
}) => {
  test.setTimeout(120_000);
  const viewer = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  const errors: string[] = [];
  viewer.on("pageerror", (e) => errors.push(e.message));
  await login(viewer, gateway.url, "viewer");
  const playlists = await watch(viewer);
  expect(playlists.length).toBeGreaterThan(0);

  await login(page, gateway.url, "admin");
  const made = await page.request.post(`${gateway.url}/api/v1/camera-groups`, {
    data: { name: "重点监舍", cameraIds: [cam], roles: ["commander"], users: [] },
  });
  expect(made.status()).toBe(201);
  const { id } = (await made.json()) as { id: string };

  // The open tile: 无权查看, not a spinner; the tree no longer has the camera.
  await expect(viewer.getByTestId("player-forbidden")).toBeVisible({ timeout: 20_000 });
  await expect(viewer.getByTestId("player-forbidden")).toHaveText("无权查看");
  await expect(viewer.locator(".player-spinner")).toHaveCount(0);
  await expect(viewer.getByTestId("player-state").first()).toHaveAttribute("data-state", "forbidden");
  await expect(viewer.getByTestId(`tree-node-${cam}`)).toHaveCount(0, { timeout: 10_000 });
  // The token the stream was playing with is refused at its next playlist request.
  const last = playlists[playlists.length - 1] ?? "";
  expect((await viewer.request.get(last)).status()).toBe(403);

  // Given back: in the tree again and playing, no reload.
  const removed = await page.request.delete(`${gateway.url}/api/v1/camera-groups/${id}`);
  expect(removed.status()).toBe(204);
  await expect(viewer.getByTestId("player-forbidden")).toHaveCount(0, { timeout: 20_000 });
  await expectPlaying(viewer, "player-video", 1);
  await viewer.getByTestId("tree-search").fill(cam);
  await expect(viewer.getByTestId(`tree-node-${cam}`)).toBeVisible({ timeout: 10_000 });
  expect(errors).toEqual([]);
  await viewer.context().close();
});

test("an output screen shows 无权查看 in a tile over a camera the viewer may not see", async ({
  page,
  gateway,
  browser,
}) => {
  test.setTimeout(120_000);
  await login(page, gateway.url, "commander");
  const pushed = await page.request.put(`${gateway.url}/api/v1/wall/screens/1`, {
    data: { layoutId: "4", tiles: [cam, "pj-gate", null, null] },
  });
  expect(pushed.status()).toBe(200);
  const admin = await (await browser.newContext()).newPage();
  await login(admin, gateway.url, "admin");
  const made = await admin.request.post(`${gateway.url}/api/v1/camera-groups`, {
    data: { name: "重点监舍", cameraIds: [cam], roles: ["commander"], users: [] },
  });
  expect(made.status()).toBe(201);
  const { id } = (await made.json()) as { id: string };

  const viewer = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  const errors: string[] = [];
  viewer.on("pageerror", (e) => errors.push(e.message));
  await login(viewer, gateway.url, "viewer");
  await viewer.goto(`${gateway.url}/screen/1`);
  // The withheld tile says so (the gateway sent no camera for it); the other camera is there as usual.
  await expect(viewer.getByTestId("tile-withheld-0")).toHaveText("无权查看", { timeout: 20_000 });
  await expect(viewer.getByTestId("tile-0")).toHaveAttribute("data-state", "withheld");
  await expect(viewer.getByTestId("tile-0")).toHaveAttribute("data-camera-id", "");
  await expect(viewer.getByTestId("tile-1")).toHaveAttribute("data-camera-id", "pj-gate");
  await expect(viewer.getByTestId("tile-withheld-1")).toHaveCount(0);
  await expect(viewer.getByTestId("tile-2")).toHaveAttribute("data-state", "empty");
  // The chief's console (the group is the commanders' only) following screen 1 says the same.
  const desk = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  desk.on("pageerror", (e) => errors.push(e.message));
  await login(desk, gateway.url, "chief");
  await desk.goto(`${gateway.url}/`);
  await desk.getByTestId("screen-select").selectOption("1");
  await expect(desk.getByTestId("tile-withheld-0")).toHaveText("无权查看", { timeout: 20_000 });
  await expect(desk.getByTestId("tile-1")).toHaveAttribute("data-camera-id", "pj-gate");

  // Given back: the tile shows the camera again, no reload.
  expect((await admin.request.delete(`${gateway.url}/api/v1/camera-groups/${id}`)).status()).toBe(204);
  await expect(viewer.getByTestId("tile-0")).toHaveAttribute("data-camera-id", cam, { timeout: 20_000 });
  await expect(viewer.getByTestId("tile-withheld-0")).toHaveCount(0);
  await expect(desk.getByTestId("tile-0")).toHaveAttribute("data-camera-id", cam, { timeout: 20_000 });
  await expect(desk.getByTestId("tile-withheld-0")).toHaveCount(0);
  await desk.context().close();
  expect(errors).toEqual([]);
  await viewer.context().close();
  await admin.context().close();
});
