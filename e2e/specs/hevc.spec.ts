// An H.265 camera plays in a tile of this Chromium — which has no HEVC decoder (Linux without VAAPI), so
// the wall must find that out for the stream's exact codec string and choose the gateway's H.264
// transcode. The camera is GStreamer's RTSP server sending x265, relayed by the gateway.

import { expect, expectPlaying, login, test } from "../support/fixtures";
import { startGstCamera } from "../support/gstCamera";

test("an H.265 RTSP camera plays in a tile, transcoded to H.264, and the tile says so", async ({ page, gateway }) => {
  const camera = await startGstCamera("h265", "aac");
  try {
    await login(page, gateway.url, "commander");
    const created = await page.request.post(`${gateway.url}/api/v1/cameras`, {
      data: {
        id: "pj-hevc-1",
        name: "周界北 H.265",
        kind: "perimeter",
        prisonId: "pj",
        source: { kind: "rtsp", url: camera.url },
        codec: "h265",
      },
    });
    expect(created.status()).toBe(201);
    const hevc = await page.evaluate(() => MediaSource.isTypeSupported('video/mp4; codecs="hvc1.1.6.L93.B0"'));
    expect(hevc).toBe(false); // this Chromium cannot decode HEVC: only the transcode can play
    await page.getByTestId("tree-search").fill("pj-hevc-1");
    await page.getByTestId("tree-node-pj-hevc-1").click();
    await expectPlaying(page, "player-video", 2);
    await expect(page.getByTestId("player-state").first()).toHaveAttribute("data-state", "live");
    await expect(page.getByTestId("player-path").first()).toHaveAttribute("data-path", "transcode");
    await expect(page.getByTestId("player-path").first()).toHaveText("转码 H.264");
    // The wall told the gateway what it can decode.
    const reports = (await (await page.request.get(`${gateway.url}/api/v1/capabilities`)).json()) as {
      report: { codecs: Record<string, { supported: boolean }> };
    }[];
    expect(Object.entries(reports.at(-1)?.report.codecs ?? {})).toContainEqual([
      expect.stringMatching(/^hvc1\./),
      expect.objectContaining({ supported: false }),
    ]);
  } finally {
    await camera.stop();
  }
});
