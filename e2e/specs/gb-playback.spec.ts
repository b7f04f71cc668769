// Device recordings over GB/T 28181 in Chromium: a simulated NVR (its own SIP, RecordInfo in two GBK
// MESSAGEs, ffmpeg-muxed PS of its recording with the time burned in) registers with a real gateway that
// has recorded nothing of its camera. The playback page of that GB camera shows the device's spans in their
// own colour with the legend in words (网关录像 / 设备录像), plays from the device (s=Playback) at the asked
// time, and a click elsewhere in the device's span plays from there (a new INVITE); 4× asks the device
// for Scale 4 in the same dialog (MANSRTSP over INFO) and the playhead moves faster than at 1×. Marking
// evidence on the device's footage: the row says 正在从设备取回录像… (the gateway downloads the span from
// the device, s=Download), then 设备录像; its export is a signed MP4 that ffprobe plays.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Page } from "@playwright/test";
import { expect, login, PASSWORD, test } from "../support/fixtures";
import { freePort, type GatewayProcess, removeDataDir, startGateway } from "../support/gateway";
import { prisonCatalog } from "../support/gb-sim/catalog";
import { SimDevice } from "../support/gb-sim/device";
import { encodeFrames } from "../support/gb-sim/media/encode";

const SERVER_ID = "34020000002000000001";
const DOMAIN = "3402000000";
const DEVICE = "34020000001180000001";
const DEVICE_PASSWORD = "gb-e2e-pass";
const catalog = prisonCatalog(DOMAIN, 2, 2, 4);
const channel = catalog.find((c) => c.kind === "camera")!;
const cameraId = `gb-${channel.id}`;
const MIN = 60_000;
const now = Math.floor(Date.now() / 1000) * 1000;
const span = { from: now - 50 * MIN, to: now - 20 * MIN };

let gw: GatewayProcess | null = null;
let device: SimDevice | null = null;

test.afterAll(async () => {
  await device?.close();
  await gw?.stop();
  if (gw) removeDataDir(gw);
});

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const sipPort = await freePort();
  const base = 28_000 + Math.floor(Math.random() * 50) * 20;
  gw = await startGateway({
    SIM: "0",
    FEED_SIM: "0",
    GB_PASSWORD: DEVICE_PASSWORD,
    GB_SIP_PORT: String(sipPort),
    GB_SERVER_ID: SERVER_ID,
    GB_DOMAIN: DOMAIN,
    GB_MEDIA_PORTS: `${base}-${base + 19}`,
  });
  device = new SimDevice({
    server: { host: "127.0.0.1", port: sipPort, id: SERVER_ID, domain: DOMAIN },
    deviceId: DEVICE,
    password: DEVICE_PASSWORD,
    transport: "udp",
    channels: catalog,
    media: { codec: "h264", frames: encodeFrames({ codec: "h264", seconds: 1, size: "320x180", gop: 25 }) },
    recordings: [span],
    tzOffsetMin: 480,
  });
  await device.start();
  expect(await device.register()).toBe(200);
  const session = await fetch(`${gw.url}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "commander", password: PASSWORD }),
  });
  const cookie = (session.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  await expect
    .poll(async () => {
      const r = await fetch(`${gw!.url}/api/v1/gb/devices/${DEVICE}`, { headers: { cookie } });
      return ((await r.json()) as { channels?: unknown[] }).channels?.length ?? 0;
    })
    .toBe(catalog.length);
  const put = await fetch(`${gw.url}/api/v1/gb/devices/${DEVICE}`, {
    method: "PUT",
    headers: { cookie, "content-type": "application/json" },
    body: JSON.stringify({ prisonId: "pj" }),
  });
  expect(put.status).toBe(200);
});

/** Wall time (ms) of the picture on the playback video, from its segment's PROGRAM-DATE-TIME. */
function wallTime(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    const v = document.querySelector<HTMLVideoElement>('[data-testid="pb-video"]');
    if (!v?.dataset.segPdt) return null;
    return Number(v.dataset.segPdt) + (v.currentTime - Number(v.dataset.segStart)) * 1000;
  });
}

test("the playback page of a GB camera shows the device's recordings and plays them", async ({ page }) => {
  test.setTimeout(120_000);
  const g = gw!;
  await login(page, g.url, "commander");
  const start = span.from + 10 * MIN;
  await page.goto(`${g.url}/playback?cameras=${cameraId}&t=${start}`);

  // The device's span, in its own colour, and the legend in words.
  const bar = page.getByTestId(`pb-timeline-${cameraId}`);
  await expect(bar.getByTestId("pb-device-span")).toHaveCount(1, { timeout: 20_000 });
  await expect(bar.getByTestId("pb-span")).toHaveCount(0);
  await expect(page.getByTestId("pb-legend")).toContainText("网关录像");
  await expect(page.getByTestId("pb-legend")).toContainText("设备录像");

  // The gateway has nothing there: it plays from the device, at the asked time.
  const tile = page.getByTestId(`pb-tile-${cameraId}`);
  await expect(tile).toHaveAttribute("data-state", "playing", { timeout: 30_000 });
  await expect(page.getByTestId("pb-video")).toHaveAttribute("data-source", "device");
  expect(device!.playbacks.at(-1)).toMatchObject({ from: start / 1000 });
  await expect.poll(() => wallTime(page), { timeout: 20_000 }).not.toBeNull();
  const w0 = (await wallTime(page))!;
  expect(Math.abs(w0 - start)).toBeLessThan(3000);
  await expect.poll(async () => (await wallTime(page))! - w0, { timeout: 15_000 }).toBeGreaterThan(2000);

  // A click further into the device's span plays from there: a new INVITE for that time.
  const from = Number(await bar.getAttribute("data-from"));
  const to = Number(await bar.getAttribute("data-to"));
  const box = (await bar.boundingBox())!;
  const timeOf = (x: number) => from + Math.round((((x - box.x) / box.width) * (to - from)) / 1000) * 1000;
  let clientX = Math.floor(box.x + ((span.from + 20 * MIN - from) / (to - from)) * box.width);
  while (timeOf(clientX) < span.from + 20 * MIN) clientX += 1;
  const clicked = timeOf(clientX);
  const invites = device!.playbacks.length;
  await page.mouse.click(clientX, box.y + box.height / 2);
  await expect.poll(() => device!.playbacks.length, { timeout: 15_000 }).toBeGreaterThan(invites);
  expect(device!.playbacks.at(-1)).toMatchObject({ from: clicked / 1000 });
  await expect
    .poll(async () => Math.abs(((await wallTime(page)) ?? 0) - clicked), { timeout: 20_000 })
    .toBeLessThan(3000);
  await expect(tile).toHaveAttribute("data-state", "playing", { timeout: 20_000 });
});

/** Logs in, opens the GB camera's playback at `start` and waits until it plays from the device. */
async function playDevice(page: Page, start: number) {
  await login(page, gw!.url, "commander");
  await page.goto(`${gw!.url}/playback?cameras=${cameraId}&t=${start}`);
  const tile = page.getByTestId(`pb-tile-${cameraId}`);
  await expect(tile).toHaveAttribute("data-state", "playing", { timeout: 30_000 });
  await expect(page.getByTestId("pb-video")).toHaveAttribute("data-source", "device");
  return tile;
}

/** How fast the playhead moves against the clock, over `mediaMs` of the device's recording. */
async function progressRate(page: Page, mediaMs: number): Promise<number> {
  const w0 = (await wallTime(page))!;
  const t0 = Date.now();
  await expect.poll(async () => ((await wallTime(page)) ?? w0) - w0, { timeout: 60_000 }).toBeGreaterThan(mediaMs);
  return (((await wallTime(page)) ?? w0) - w0) / (Date.now() - t0);
}

test("4× on a device recording: the device is asked for Scale 4 and the playhead moves faster", async ({ page }) => {
  test.setTimeout(150_000);
  const tile = await playDevice(page, span.from + 2 * MIN);
  await expect.poll(() => wallTime(page), { timeout: 20_000 }).not.toBeNull();
  const playback = device!.playbacks.at(-1)!;
  expect(playback.controls).toEqual([]);
  const at1 = await progressRate(page, 4000);

  // 4×: the same dialog gets PLAY with Scale 4 (INFO), the browser plays at 4×, the device keeps up.
  await page.getByTestId("pb-speed-4").click();
  await expect.poll(() => playback.controls.map((c) => c.scale)).toEqual([4]);
  expect(device!.playbacks.at(-1)).toBe(playback);
  await expect.poll(() => page.getByTestId("pb-video").evaluate((v: HTMLVideoElement) => v.playbackRate)).toBe(4);
  const at4 = await progressRate(page, 16_000);
  // Relative, with room for a loaded machine: four times as fast at best, at least twice here.
  expect(at4 / at1).toBeGreaterThan(2);
  await expect(tile).toHaveAttribute("data-state", "playing");
});

test("evidence marked on the device's footage is fetched from the device, then exports", async ({ page }) => {
  test.setTimeout(120_000);
  const g = gw!;
  await playDevice(page, span.from + 25 * MIN);
  const downloads = device!.playbacks.filter((p) => p.kind === "Download").length;

  await page.getByTestId("pb-note").fill("设备录像取证");
  await page.getByTestId("pb-mark").click();
  const row = page.getByTestId("pb-evidence-item").filter({ hasText: "设备录像取证" });
  // Pending first (no export offered), then ready — never an endless spinner.
  await expect(row).toHaveAttribute("data-source", "device");
  await expect(row.getByTestId("pb-evidence-state")).toHaveText(/正在从设备取回录像|设备录像/);
  await expect(row).toHaveAttribute("data-state", "ready", { timeout: 60_000 });
  await expect(row.getByTestId("pb-evidence-state")).toHaveText("设备录像");
  expect(device!.playbacks.filter((p) => p.kind === "Download").length).toBe(downloads + 1);

  await row.getByTestId("pb-export").click();
  const link = row.getByTestId("pb-export-link");
  await expect(link).toHaveCount(1, { timeout: 60_000 });
  const mp4 = await page.request.get(`${g.url}${await link.getAttribute("href")}`);
  expect(mp4.status()).toBe(200);
  const file = join(mkdtempSync(join(tmpdir(), "gb-ev-")), "clip.mp4");
  writeFileSync(file, await mp4.body());
  const probe = execFileSync("ffprobe", [
    ...["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name:format=duration"],
    ...["-of", "json", file],
  ]).toString();
  const j = JSON.parse(probe) as { streams: { codec_name: string }[]; format: { duration: string } };
  expect(j.streams[0]?.codec_name).toBe("h264");
  // The mark covers 30 s around the playing position.
  expect(Number(j.format.duration)).toBeGreaterThan(25);
  rmSync(dirname(file), { recursive: true, force: true });
});
