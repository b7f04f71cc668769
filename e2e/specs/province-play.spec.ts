// The bureau's wall plays an edge camera (issue 18 "Tests"): a bureau and 盘锦监狱's edge as real gateway
// processes (apps/gateway/test/province/pair.ts). The camera lives at the edge (its simulated camera); the
// bureau knows it only from the edge's GB/T 28181 catalogue. The bureau's commander finds it in the tree by
// its name and puts it on the wall: the bureau INVITEs the edge, the edge sends PS over RTP from the stream
// it already ingests, the bureau packages it as LL-HLS and Chromium decodes it — the video advances and
// frames are decoded. The tile names the camera and its prison, never an id.
import { type ProvincePair, startProvincePair } from "../../apps/gateway/test/province/pair";
import { expect, expectPlaying, login, test } from "../support/fixtures";

const PASSWORD = "test-pass"; // the pair's DEMO_PASSWORD
let pair: ProvincePair;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  pair = await startProvincePair();
});
test.afterAll(async () => {
  await pair?.stop();
});

test("the bureau's wall plays a camera that lives at an edge, by its name", async ({ page }) => {
  test.setTimeout(150_000);
  await login(page, pair.bureau.url, "commander", PASSWORD);

  // The edge's cameras at the bureau: GB cameras of the edge platform, under 盘锦监狱.
  let camera: { id: string; name: string } | undefined;
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`${pair.bureau.url}/api/v1/cameras?prisonId=pj`);
        const cams = (await res.json()) as { id: string; name: string }[];
        // 大门 (pj-gate at the edge): one of a kind in the prison, and H.264 (pj's H.265 camera is another).
        camera = cams.find((c) => c.id.startsWith("gb-") && c.name === "大门");
        return camera !== undefined;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  const { id, name } = camera!;

  await page.getByTestId("tree-search").fill(name);
  await page.getByTestId(`tree-node-${id}`).click();
  const tile = page.locator(`[data-testid^="tile-"][data-camera-id="${id}"]`);
  await expect(tile).toHaveCount(1);
  // Names, not ids: the caption says the prison and the camera's name; neither GB id shows.
  await expect(tile.locator(".tile-name")).toHaveText(name);
  await expect(tile.locator(".tile-prison")).toContainText("盘锦监狱");
  await expect(tile.locator(".tile-bar")).not.toContainText(id.slice(3));

  // A cold start through the edge (INVITE, the edge's stream, a whole segment at the bureau): generous.
  await expect(tile.getByTestId("player-state")).toHaveAttribute("data-state", "live", { timeout: 60_000 });
  const video = tile.getByTestId("player-video");
  await expectPlaying(page, "player-video", 2);
  const frames = () =>
    video.evaluate(
      (v: HTMLVideoElement) =>
        v.getVideoPlaybackQuality().totalVideoFrames - v.getVideoPlaybackQuality().droppedVideoFrames,
    );
  const f0 = await frames();
  await expect.poll(frames, { timeout: 20_000 }).toBeGreaterThan(f0 + 25);
  const size = await video.evaluate((v: HTMLVideoElement) => [v.videoWidth, v.videoHeight]);
  expect(size[0]).toBeGreaterThan(0);
  expect(size[1]).toBeGreaterThan(0);
});
