// Playwright fixtures: a gateway per worker, and pages that FAIL the test on any console error or
// uncaught page error (Frigate's rule: a clean console is part of the contract).
import { test as base, expect, type Page } from "@playwright/test";
import { type GatewayProcess, removeDataDir, startGateway } from "./gateway";

export const PASSWORD = "e2e-pass";

type WorkerFixtures = { gateway: GatewayProcess };
type TestFixtures = { consoleErrors: string[] };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  gateway: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixture signature
    async ({}, use) => {
      const g = await startGateway();
      await use(g);
      await g.stop();
      removeDataDir(g);
    },
    { scope: "worker", timeout: 90_000 },
  ],
  consoleErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      const watch = (page: Page) => {
        page.on("console", (m) => {
          if (m.type() !== "error") return;
          // Chromium logs every 4xx response as a console error; a 401 from the session endpoint is the
          // login page asking "am I logged in?" or a refused password — expected, not a defect.
          const expected401 = /status of 401/.test(m.text()) && m.location().url.endsWith("/api/v1/session");
          if (!expected401) errors.push(`console.error: ${m.text()} (${m.location().url})`);
        });
        page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
      };
      context.pages().forEach(watch);
      context.on("page", watch);
      await use(errors);
      expect(errors, "the page logged errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export async function login(page: Page, baseUrl: string, username: string, password = PASSWORD): Promise<void> {
  await page.goto(baseUrl + "/");
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  // Every role lands inside the app shell; big-screen roles on the console (with the tree), the others
  // on their own start page (duty → /duty, chief → /inspection, operator → /unit).
  await expect(page.getByTestId("shell-bar")).toBeVisible();
  if (new URL(page.url()).pathname === "/") await expect(page.getByTestId("tree")).toBeVisible();
}

/** Resolves when the <video> matched by the locator has advanced its currentTime by `by` seconds. */
export async function expectPlaying(page: Page, testId: string, by = 1, index = 0): Promise<void> {
  const video = page.getByTestId(testId).nth(index);
  await expect(video).toBeVisible();
  const t0 = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
  await expect
    .poll(async () => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 20_000 })
    .toBeGreaterThan(t0 + by);
}
