// Helpers shared by the wall specs: tree drag and drop, tile reads, playing checks, a second page
// logged into the same session, and an ffmpeg RTMP publisher that is always stopped.
import { type ChildProcess, spawn } from "node:child_process";
import { findFfmpeg } from "@cw/streams";
import type { APIRequestContext, BrowserContext, Page } from "@playwright/test";
import { expect, expectPlaying } from "../support/fixtures";

/** Finds a camera in the tree by id and drops it on a tile. */
export async function dragCamera(page: Page, cameraId: string, tile: number): Promise<void> {
  await page.getByTestId("tree-search").fill(cameraId);
  await page.getByTestId(`tree-node-${cameraId}`).dragTo(page.getByTestId(`tile-${tile}`));
  await expect(page.getByTestId(`tile-${tile}`)).toHaveAttribute("data-camera-id", cameraId);
}

/** The camera ids on the wall of a page (console or screen), in tile order ("" for empty tiles). */
export async function tileCameras(page: Page): Promise<string[]> {
  return page
    .getByTestId("wall")
    .locator("[data-testid^='tile-'][data-camera-id]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-camera-id") ?? ""));
}

/** Every one of the first `n` tiles' videos advances. */
export async function expectTilesPlaying(page: Page, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await expectPlaying(page, "player-video", 0.5, i);
}

/** Another tab of the same browser (same session cookie), at `path`. */
export async function openPage(context: BrowserContext, baseUrl: string, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(baseUrl + path);
  return page;
}

/** Camera id → prison id, from the API (as the logged-in page's session). */
export async function prisonsByCamera(request: APIRequestContext, baseUrl: string): Promise<Map<string, string>> {
  const res = await request.get(`${baseUrl}/api/v1/cameras`);
  expect(res.ok()).toBe(true);
  const cameras = (await res.json()) as Array<{ id: string; prisonId: string }>;
  return new Map(cameras.map((c) => [c.id, c.prisonId]));
}

/** An ffmpeg pushing a 320×180 test pattern to an RTMP URL; stop() kills it and waits for the exit. */
export class Publisher {
  private child: ChildProcess | null = null;
  constructor(private readonly url: string) {}

  start(): void {
    if (this.child) return;
    const { ffmpeg } = findFfmpeg();
    const args = ["-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25"];
    args.push("-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", "-f", "flv", this.url);
    this.child = spawn(ffmpeg, args, { stdio: ["ignore", "ignore", "pipe"] });
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((res) => {
      child.once("exit", () => res());
      child.kill("SIGKILL");
    });
  }
}

/** Logs console errors that a test expects (the gateway is down on purpose) out of the fixture's list. */
export function dropExpected(errors: string[], expected: RegExp): void {
  for (let i = errors.length - 1; i >= 0; i--) if (expected.test(errors[i] ?? "")) errors.splice(i, 1);
}

/**
 * Renders the simulator clips of these cameras before a test needs them. A fresh gateway renders a
 * camera's clip on its first view; several cold views at once on a 2-core machine can outlast the
 * gateway's first-playlist wait (503), which the browser logs as a console error. Warming through
 * Node (not the page) keeps that out of the page and out of the timings the specs assert.
 */
export async function warmCameras(
  request: APIRequestContext,
  baseUrl: string,
  cameras: ReadonlyArray<readonly [string, "main" | "sub"]>,
  password: string,
): Promise<void> {
  const login = await request.post(`${baseUrl}/api/v1/session`, { data: { username: "commander", password } });
  expect(login.ok()).toBe(true);
  await Promise.all(
    cameras.map(async ([id, variant]) => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const play = (await (await request.get(`${baseUrl}/api/v1/cameras/${id}/play?variant=${variant}`)).json()) as {
          hls: string;
        };
        const res = await request.get(baseUrl + play.hls, { timeout: 30_000 });
        if (res.ok()) return;
        if (Date.now() > deadline) throw new Error(`camera ${id}/${variant} did not start: ${res.status()}`);
      }
    }),
  );
}
