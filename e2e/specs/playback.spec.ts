// Recorded footage in Chromium (hls.js over EXT-X-BYTERANGE): the playback page plays at 1× and 8×, a
// click on the 24-hour timeline lands within one GOP (1 s) of the clicked time, two cameras play in step
// within 0.2 s, a live tile steps back 10 s (instant replay) and returns to live, and an alarm in the duty
// console opens playback at its time. Two simulated cameras are recorded by plans set through the API.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { postAlarm } from "../support/feeds";
import { expect, login, PASSWORD, test } from "../support/fixtures";

const A = "pj-b2-s1-cell";
const B = "pj-b2-s1-yard";

interface Span {
  from: number;
  to: number;
}

async function api(base: string, cookie: string, path: string, init: RequestInit = {}): Promise<Response> {
  const json = init.body === undefined ? {} : { "content-type": "application/json" };
  return fetch(base + path, { ...init, headers: { cookie, ...json } });
}

async function apiLogin(base: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "commander", password: PASSWORD }),
  });
  expect(r.status).toBe(200);
  return (r.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

async function spans(base: string, cookie: string, camera: string): Promise<Span[]> {
  const now = Date.now();
  const r = await api(base, cookie, `/api/v1/cameras/${camera}/recordings?from=${now - 3600_000}&to=${now + 60_000}`);
  return ((await r.json()) as { spans: Span[] }).spans;
}

/** Wall times (ms) of the pictures on the playback page's videos, read at one instant. */
function wallTimes(page: Page): Promise<Array<number | null>> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLVideoElement>('[data-testid="pb-video"]')].map((v) => {
      const start = Number(v.dataset.segStart);
      const pdt = Number(v.dataset.segPdt);
      return v.dataset.segPdt && Number.isFinite(pdt) ? pdt + (v.currentTime - start) * 1000 : null;
    }),
  );
}

async function wallOf(page: Page, i = 0): Promise<number> {
  return expect
    .poll(async () => (await wallTimes(page))[i] ?? null, { timeout: 20_000 })
    .not.toBeNull()
    .then(async () => (await wallTimes(page))[i]!);
}

let recorded: Span;

test.beforeAll(async ({ gateway }) => {
  test.setTimeout(150_000);
  const cookie = await apiLogin(gateway.url);
  for (const cam of [A, B]) {
    const r = await api(gateway.url, cookie, `/api/v1/cameras/${cam}/recording`, {
      method: "PUT",
      body: JSON.stringify({ mode: "continuous", retentionDays: 1 }),
    });
    expect(r.status).toBe(200);
  }
  // 40 s of both cameras: room for 8× and for a seek into the middle.
  await expect
    .poll(
      async () => {
        const [a, b] = [(await spans(gateway.url, cookie, A))[0], (await spans(gateway.url, cookie, B))[0]];
        return a && b ? Math.min(a.to, b.to) - Math.max(a.from, b.from) : 0;
      },
      { timeout: 120_000, intervals: [1000] },
    )
    .toBeGreaterThan(40_000);
  const [a] = await spans(gateway.url, cookie, A);
  recorded = a!;
});

test("plays recorded footage at 1× and 8×; a click on the timeline lands within one GOP", async ({ page, gateway }) => {
  test.setTimeout(180_000);
  await login(page, gateway.url, "commander");
  const start = recorded.from + 3000;
  await page.goto(`${gateway.url}/playback?cameras=${A}&t=${start}`);
  await expect(page.getByTestId(`pb-tile-${A}`)).toHaveAttribute("data-state", "playing", { timeout: 20_000 });
  const w0 = await wallOf(page);
  expect(Math.abs(w0 - start)).toBeLessThan(3000);
  // The timeline's marks are explained in words.
  await expect(page.getByTestId("pb-legend")).toContainText("网关录像");
  await expect(page.getByTestId("pb-legend")).toContainText("督查问题");

  // 1×: about one second of footage per second.
  const a0 = await wallOf(page);
  const t0 = Date.now();
  await expect.poll(async () => (await wallTimes(page))[0]! - a0, { timeout: 10_000 }).toBeGreaterThan(2000);
  const a1 = (await wallTimes(page))[0]!;
  const rate1 = (a1 - a0) / (Date.now() - t0);
  expect(rate1).toBeGreaterThan(0.6);
  expect(rate1).toBeLessThan(1.4);

  // 8×: many seconds of footage per second.
  await page.getByTestId("pb-speed-8").click();
  await expect(page.getByTestId("pb-speed-8")).toHaveAttribute("aria-pressed", "true");
  const b0 = (await wallTimes(page))[0]!;
  await expect.poll(async () => (await wallTimes(page))[0]! - b0, { timeout: 10_000 }).toBeGreaterThan(12_000);

  // Click the timeline at a recorded moment: the picture shown is within one GOP (1 s) of it.
  await page.getByTestId("pb-speed-1").click();
  const bar = page.getByTestId(`pb-timeline-${A}`);
  const from = Number(await bar.getAttribute("data-from"));
  const to = Number(await bar.getAttribute("data-to"));
  const box = (await bar.boundingBox())!;
  // One pixel is about a minute of the day: click the first whole pixel whose time (worked out the way the
  // page does) is inside the recording. A pixel nearer the recording's start could stand for a moment before
  // it, where the page rightly plays from the start instead.
  const timeOf = (x: number) => from + Math.round((((x - box.x) / box.width) * (to - from)) / 1000) * 1000;
  let clientX = Math.floor(box.x + ((recorded.from - from) / (to - from)) * box.width);
  while (timeOf(clientX) < recorded.from + 2000) clientX += 1;
  const clicked = timeOf(clientX);
  // The recording goes on; wait until it reaches past the moment that pixel stands for.
  const cookie = await apiLogin(gateway.url);
  await expect
    .poll(async () => ((await spans(gateway.url, cookie, A))[0]?.to ?? 0) - clicked, {
      timeout: 90_000,
      intervals: [1000],
    })
    .toBeGreaterThan(3000);
  await page.mouse.click(clientX, box.y + box.height / 2);
  await expect
    .poll(
      async () => {
        const w = (await wallTimes(page))[0];
        return w === null || w === undefined ? Number.POSITIVE_INFINITY : Math.abs(w - clicked);
      },
      { timeout: 15_000 },
    )
    .toBeLessThan(1000);
});

test("two cameras play in step within 0.2 s", async ({ page, gateway }) => {
  await login(page, gateway.url, "commander");
  await page.goto(`${gateway.url}/playback?cameras=${A},${B}&t=${recorded.from + 5000}`);
  for (const cam of [A, B])
    await expect(page.getByTestId(`pb-tile-${cam}`)).toHaveAttribute("data-state", "playing", { timeout: 20_000 });
  // Let the follower settle on the leader's clock, then look several times.
  await expect
    .poll(
      async () => {
        const [a, b] = await wallTimes(page);
        return a && b ? Math.abs(a - b) : Number.POSITIVE_INFINITY;
      },
      { timeout: 15_000 },
    )
    .toBeLessThan(200);
  // Then it stays in step: six looks, 300 ms apart.
  const drifts: number[] = [];
  await expect
    .poll(
      async () => {
        const [a, b] = await wallTimes(page);
        drifts.push(Math.abs(a! - b!));
        return drifts.length;
      },
      { intervals: [300], timeout: 10_000 },
    )
    .toBeGreaterThanOrEqual(6);
  expect(Math.max(...drifts)).toBeLessThan(200);
});

test("a live tile steps back 10 s and returns to live", async ({ page, gateway }) => {
  await login(page, gateway.url, "commander");
  await page.getByTestId("tree-search").fill(A);
  await page.getByTestId(`tree-node-${A}`).click();
  const tile = page.locator(`[data-camera-id="${A}"]`).first();
  await expect(tile.getByTestId("player-state")).toHaveAttribute("data-state", "live", { timeout: 20_000 });
  const before = Date.now();
  await tile.getByTestId("tile-replay-10").click();
  const badge = tile.getByTestId("replay-badge");
  await expect(badge).toBeVisible();
  await expect
    .poll(async () => Number((await badge.getAttribute("data-wall-ms")) || 0), { timeout: 15_000 })
    .toBeGreaterThan(0);
  const shown = Number(await badge.getAttribute("data-wall-ms"));
  // About ten seconds behind live (give or take one GOP and the time to start).
  expect(shown).toBeGreaterThan(before - 14_000);
  expect(shown).toBeLessThan(Date.now() - 6_000);
  await tile.getByTestId("tile-live").click();
  await expect(tile.getByTestId("replay-badge")).toHaveCount(0);
  await expect(tile.getByTestId("player-state")).toHaveAttribute("data-state", "live", { timeout: 20_000 });
});

test("an alarm in the duty console opens playback at its time", async ({ page, gateway }) => {
  const at = Date.now() - 5000;
  const title = `回放测试 ${at}`;
  const id = await postAlarm(gateway.url, "pj", { type: "fighting", severity: 3, cameraId: A, occurredAt: at, title });
  await login(page, gateway.url, "duty");
  await page.goto(`${gateway.url}/duty`);
  // The demo feeds keep raising alarms: find this one by its title.
  await page.getByTestId("alarm-search").fill(title);
  await page.getByTestId(`alarm-row-${id}`).click();
  await page.getByTestId("nav-alarm-playback").click();
  await expect(page).toHaveURL(new RegExp(`/playback\\?cameras=${A}&t=${at - 10_000}$`));
  await expect(page.getByTestId(`pb-tile-${A}`)).toHaveAttribute("data-state", "playing", { timeout: 20_000 });
  // The alarm's marker is on the timeline, and the picture is from shortly before it.
  await expect(page.getByTestId(`pb-timeline-${A}`).getByTestId("pb-alarm")).not.toHaveCount(0);
  const w = await wallOf(page);
  expect(w).toBeGreaterThan(at - 13_000);
  expect(w).toBeLessThan(at + 3000);
});

test("an export verifies in the browser; a flipped byte does not", async ({ page, gateway }) => {
  const cookie = await apiLogin(gateway.url);
  const mark = await api(gateway.url, cookie, "/api/v1/evidence", {
    method: "POST",
    body: JSON.stringify({ cameraId: A, from: recorded.from + 2000, to: recorded.from + 6000, note: "验证" }),
  });
  expect(mark.status).toBe(201);
  const { id } = (await mark.json()) as { id: string };
  const exported = await api(gateway.url, cookie, `/api/v1/evidence/${id}/export`, { method: "POST" });
  expect(exported.status, await exported.clone().text()).toBe(200);
  const ex = (await exported.json()) as { mp4: string; manifest: string };
  const dir = mkdtempSync(join(tmpdir(), "cw-verify-"));
  try {
    const mp4 = Buffer.from(await (await api(gateway.url, cookie, ex.mp4)).arrayBuffer());
    const files = { mp4: join(dir, "clip.mp4"), flipped: join(dir, "flipped.mp4"), manifest: join(dir, "clip.json") };
    writeFileSync(files.mp4, mp4);
    writeFileSync(files.manifest, Buffer.from(await (await api(gateway.url, cookie, ex.manifest)).arrayBuffer()));
    mp4[mp4.length >> 1]! ^= 1;
    writeFileSync(files.flipped, mp4);

    await login(page, gateway.url, "duty");
    await page.goto(`${gateway.url}/evidence/verify`);
    await page.getByTestId("verify-mp4").setInputFiles(files.mp4);
    await page.getByTestId("verify-manifest").setInputFiles(files.manifest);
    await page.getByTestId("verify-run").click();
    await expect(page.getByTestId("verify-outcome")).toHaveAttribute("data-ok", "true");
    await expect(page.getByTestId("verify-check-signature")).toHaveAttribute("data-ok", "true");

    await page.getByTestId("verify-mp4").setInputFiles(files.flipped);
    await page.getByTestId("verify-run").click();
    await expect(page.getByTestId("verify-outcome")).toHaveAttribute("data-ok", "false");
    await expect(page.getByTestId("verify-check-sha256")).toHaveAttribute("data-ok", "false");
    await expect(page.getByTestId("verify-check-signature")).toHaveAttribute("data-ok", "true");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
