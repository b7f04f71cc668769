// An H.265 camera plays in a tile of this Chromium — which has no HEVC decoder (Linux without VAAPI), so
// the wall must find that out for the stream's exact codec string and choose the gateway's H.264
// transcode. The camera is GStreamer's RTSP server sending x265, relayed by the gateway. With every
// transcoder busy, a further H.265 tile says 转码资源已满 with the camera's name (never a black tile), the
// console's budget badge names who holds the transcoders, and the tile plays by itself once one is free.
// A transcoder's ffmpeg killed mid-stream is restarted and its tile recovers by itself; a camera that ends
// ends its transcoder; and no ffmpeg outlives its gateway, stopped (SIGTERM) or killed (SIGKILL).

import type { Page } from "@playwright/test";
import { expect, expectPlaying, login, PASSWORD, test } from "../support/fixtures";
import { type GatewayProcess, removeDataDir, startGateway } from "../support/gateway";
import { startGstCamera } from "../support/gstCamera";
import { childrenOf, type Proc, proc, running } from "../support/procs";
import { dragCamera, dropExpected } from "./wall.support";

/**
 * Starts a camera's H.264 transcode from Node and waits for its first playlist: a cold start (a simulated
 * camera's x265 clip rendered, ffmpeg started) on this loaded 2-core machine can outlast the gateway's
 * first-playlist wait, a 503 the page would log as an error. The page then finds it running.
 */
async function warmTranscode(page: Page, baseUrl: string, id: string, variant: "main" | "sub"): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const play = await page.request.get(`${baseUrl}/api/v1/cameras/${id}/play?variant=${variant}&path=transcode`);
    expect(play.status()).toBe(200);
    const hls = ((await play.json()) as { hls: string }).hls;
    if ((await page.request.get(baseUrl + hls, { timeout: 30_000 })).ok()) return;
    if (Date.now() > deadline) throw new Error(`the ${id}/${variant} transcode did not start`);
  }
}

/**
 * The ffmpeg making a camera's rendition, as the gateway's own health names it (`pid`), checked to be that
 * gateway's child.
 */
async function ffmpegOf(page: Page, gateway: GatewayProcess, cameraId: string, rendition: string): Promise<Proc> {
  let found: Proc | null = null;
  await expect
    .poll(async () => {
      const res = await page.request.get(`${gateway.url}/api/v1/streams`);
      const list = (await res.json()) as { cameraId: string; rendition?: string; pid?: number }[];
      const pid = list.find((h) => h.cameraId === cameraId && h.rendition === rendition)?.pid;
      found = pid === undefined ? null : proc(pid);
      return found?.ppid;
    })
    .toBe(gateway.pid);
  return found as unknown as Proc;
}

/** The gateway's ffmpeg children now (RTSP relays, transcoders). */
const ffmpegsOf = (gateway: GatewayProcess): Proc[] => childrenOf(gateway.pid).filter((p) => p.comm === "ffmpeg");

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
    await warmTranscode(page, gateway.url, "pj-hevc-1", "main");
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
    // The camera ends (its RTSP server is gone): its transcoder's ffmpeg ends with it, long before the
    // stream would be stopped as idle (30 s).
    const transcoder = await ffmpegOf(page, gateway, "pj-hevc-1", "main-h264");
    await page.goto("about:blank");
    await camera.stop();
    await expect.poll(() => running(transcoder), { timeout: 10_000 }).toBe(false);
  } finally {
    await camera.stop();
  }
});

test("the demo province's H.265 camera (盘锦监狱 北周界) plays on the wall, transcoded", async ({ page, gateway }) => {
  await login(page, gateway.url, "commander");
  await warmTranscode(page, gateway.url, "pj-perimeter-n", "main");
  await page.getByTestId("tree-search").fill("pj-perimeter-n");
  await page.getByTestId("tree-node-pj-perimeter-n").click();
  await expectPlaying(page, "player-video", 2);
  await expect(page.getByTestId("player-path").first()).toHaveAttribute("data-path", "transcode");
  await expect(page.getByTestId("player-path").first()).toHaveText("转码 H.264");
});

async function addHevcCamera(page: Page, baseUrl: string, id: string, name: string, url: string): Promise<void> {
  const created = await page.request.post(`${baseUrl}/api/v1/cameras`, {
    data: { id, name, kind: "perimeter", prisonId: "pj", source: { kind: "rtsp", url, subUrl: url }, codec: "h265" },
  });
  expect(created.status()).toBe(201);
}

test("every transcoder busy: the next H.265 tile says 转码资源已满 with its name, the badge names who holds it, and the tile plays once one is free", async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(180_000);
  // One transcoder, and streams that stop 3 s after their last viewer (so the slot comes free quickly).
  let gateway = await startGateway({ TRANSCODE_MAX: "1", STREAM_IDLE_S: "3" });
  const camera = await startGstCamera("h265", "none");
  // The refusals were the designed 503 transcode_full (Chromium logs each as an error); none may be other.
  const leavePage = async (): Promise<void> => {
    await page.goto("about:blank");
    dropExpected(
      consoleErrors,
      /status of 503 \(Service Unavailable\) .*\/api\/v1\/cameras\/pj-hevc-s\/play\?variant=\w+&path=transcode\)$/,
    );
    // Its cold start once the slot is free happens in the page: on a loaded machine its first playlist
    // can time out once (hls.js retries it).
    dropExpected(consoleErrors, /status of 503 \(Service Unavailable\) .*\/pj-hevc-s\/sub-h264\/index\.m3u8\)$/);
  };
  try {
    await login(page, gateway.url, "commander");
    // Two cameras on the one GStreamer camera (its media is shared between RTSP clients), with a sub stream
    // like every Hikvision/Dahua camera.
    await addHevcCamera(page, gateway.url, "pj-hevc-n", "周界北 H.265", camera.url);
    await addHevcCamera(page, gateway.url, "pj-hevc-s", "周界南 H.265", camera.url);
    const badge = page.getByTestId("transcode-budget");
    await expect(badge).toHaveAttribute("data-used", "0");
    await expect(badge).toHaveAttribute("data-max", "1");

    // Small tiles (3×3) ask for the sub transcode (480×270, 12.5 fps): the cheap one on a busy machine.
    await warmTranscode(page, gateway.url, "pj-hevc-n", "sub");
    await page.getByTestId("layout-9").click();
    await dragCamera(page, "pj-hevc-n", 0);
    await expectPlaying(page, "player-video", 1, 0);
    await expect(page.getByTestId("tile-0").getByTestId("player-path")).toHaveAttribute("data-path", "transcode");
    // At a glance: 1 of 1 in use, full, and which camera holds it (prison and name, not an id).
    await expect(badge).toHaveAttribute("data-level", "full");
    await expect(badge).toContainText("转码 1/1");
    await expect(page.getByTestId("transcode-budget-names")).toHaveText("盘锦监狱 周界北 H.265");

    await dragCamera(page, "pj-hevc-s", 1);
    const second = page.getByTestId("tile-1");
    await expect(second.getByTestId("transcode-full")).toHaveText("转码资源已满：周界南 H.265");
    await expect(second.getByTestId("player-state")).toHaveAttribute("data-state", "transcodeFull");
    await expect(second.getByTestId("player-state")).toHaveText("转码资源已满");

    // The first tile lets go: its transcode stops when idle and the waiting tile takes the slot by itself.
    await page.getByTestId("tile-0").hover();
    await page.getByTestId("tile-clear-0").click();
    await expect(second.getByTestId("transcode-full")).toHaveCount(0, { timeout: 40_000 });
    await expect(second.getByTestId("player-state")).toHaveAttribute("data-state", "live", { timeout: 20_000 });
    await expectPlaying(page, "player-video", 1, 0);
    await expect(page.getByTestId("transcode-budget-names")).toHaveText("盘锦监狱 周界南 H.265", { timeout: 10_000 });

    // Its transcoder killed mid-stream (kill -9 the ffmpeg the gateway's health names): the gateway starts
    // another and the tile plays on by itself, past everything it had buffered when the ffmpeg died.
    const killed = await ffmpegOf(page, gateway, "pj-hevc-s", "sub-h264");
    const video = second.getByTestId("player-video");
    const buffered = await video.evaluate((v: HTMLVideoElement) => (v.buffered.length ? v.buffered.end(0) : 0));
    process.kill(killed.pid, "SIGKILL");
    await expect.poll(async () => (await ffmpegOf(page, gateway, "pj-hevc-s", "sub-h264")).pid).not.toBe(killed.pid);
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 30_000 })
      .toBeGreaterThan(buffered + 2);
    await expect(second.getByTestId("player-state")).toHaveAttribute("data-state", "live");
    await leavePage();

    // The gateway killed (SIGKILL: no chance to stop anything): none of its ffmpegs — the camera's RTSP
    // relay, the transcoder — outlives it (the transcoder reads our pipe and sees its end; the relay's
    // output pipe breaks). Asked for once more from here, so the transcode is not idle (3 s) meanwhile.
    await warmTranscode(page, gateway.url, "pj-hevc-s", "sub");
    const killedWith = ffmpegsOf(gateway);
    expect(killedWith.length).toBeGreaterThanOrEqual(2);
    await gateway.stop("SIGKILL");
    await expect.poll(() => killedWith.filter(running).map((p) => p.pid), { timeout: 5_000 }).toEqual([]);

    // Started again with a transcode running, then stopped (SIGTERM): its ffmpegs are gone when it has exited.
    gateway = await startGateway({}, gateway);
    expect(
      (
        await page.request.post(`${gateway.url}/api/v1/session`, {
          data: { username: "commander", password: PASSWORD },
        })
      ).ok(),
    ).toBe(true);
    await warmTranscode(page, gateway.url, "pj-hevc-s", "sub");
    const stoppedWith = ffmpegsOf(gateway);
    expect(stoppedWith.length).toBeGreaterThanOrEqual(2);
    await gateway.stop("SIGTERM");
    expect(stoppedWith.filter(running).map((p) => p.pid)).toEqual([]);
  } finally {
    try {
      await leavePage();
    } finally {
      // Even when the page is gone (a timed-out test): the camera and the gateway never outlive the test.
      await camera.stop();
      await gateway.stop();
      removeDataDir(gateway);
    }
  }
});
