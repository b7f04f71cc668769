// A camera whose source stops: an RTMP camera added through the API, published by a real ffmpeg, on a
// tile; ffmpeg killed → the tile says offline; ffmpeg again → it plays again by itself. Every ffmpeg
// started here is killed in afterEach.
import { expect, login, test } from "../support/fixtures";
import { dragCamera, dropExpected, expectTilesPlaying, Publisher } from "./wall.support";

test.describe("a camera whose source stops", () => {
  let publisher: Publisher | null = null;
  test.afterEach(async () => {
    await publisher?.stop();
    publisher = null;
  });

  test("shows offline and plays again when the source returns", async ({ page, gateway, consoleErrors }) => {
    await login(page, gateway.url, "commander");
    const created = await page.request.post(`${gateway.url}/api/v1/cameras`, {
      data: { id: "e2e-rtmp", name: "e2e 推流", prisonId: "pj", source: { kind: "rtmp" } },
    });
    expect(created.status()).toBe(201);
    const detail = (await (await page.request.get(`${gateway.url}/api/v1/cameras/e2e-rtmp`)).json()) as {
      publishUrl: string;
    };
    publisher = new Publisher(detail.publishUrl);
    publisher.start();

    await page.reload();
    await page.getByTestId("layout-4").click();
    await dragCamera(page, "e2e-rtmp", 0);
    const tile = page.getByTestId("tile-0");
    await expect(tile).toHaveAttribute("data-state", "live", { timeout: 20_000 });
    await expectTilesPlaying(page, 1);

    await publisher.stop();
    await expect(tile).toHaveAttribute("data-state", "offline", { timeout: 30_000 });

    publisher.start();
    await expect(tile).toHaveAttribute("data-state", "live", { timeout: 30_000 });
    await expectTilesPlaying(page, 1);
    // A playlist request that waited out the source's absence is answered 503 by design; Chromium logs it.
    dropExpected(consoleErrors, /status of 503 .*\/hls\/[^/]+\/e2e-rtmp\//);
  });
});
