// The wall issue end to end, against a real gateway with simulated cameras: layouts and drag and
// drop, push to a screen and /screen/N, two consoles following one screen, random recall. (Tours and
// presets: wall-presets.spec.ts; a source that stops: wall-source.spec.ts; a gateway restart:
// wall-restart.spec.ts.) No fixed sleeps: every wait is a condition with a deadline.
import { expect, login, PASSWORD, test } from "../support/fixtures";
import {
  dragCamera,
  dropExpected,
  expectTilesPlaying,
  openPage,
  prisonsByCamera,
  tileCameras,
  warmCameras,
} from "./wall.support";

const four = ["pj-b1-s1-cell", "sy1-b1-s1-canteen", "jz-b2-s1-yard", "fs-b1-s2-workshop"];
/** Random recall is limited to the gates of these prisons, so its candidates can be warmed. */
const recallPrisons = ["pj", "sy1", "jz", "fs", "dd"];
const recallCameras = recallPrisons.flatMap((p) => [`${p}-gate`, `${p}-gate-ab`]);

test.beforeAll(async ({ playwright, gateway }) => {
  const request = await playwright.request.newContext();
  try {
    await warmCameras(
      request,
      gateway.url,
      [
        ...four.map((id) => [id, "main"] as const),
        ...["dd-b1-s1-cell", "tl-b1-s1-yard", "cy-b1-s1-yard"].map((id) => [id, "sub"] as const),
        ...recallCameras.map((id) => [id, "main"] as const),
      ],
      PASSWORD,
    );
  } finally {
    await request.dispose();
  }
});

test("2×2 with four dragged cameras plays, and pushed to screen 1 plays the same on /screen/1", async ({
  page,
  context,
  gateway,
}) => {
  await login(page, gateway.url, "commander");
  await page.getByTestId("layout-4").click();
  await expect(page.getByTestId("wall")).toHaveAttribute("data-layout", "4");
  for (const [i, id] of four.entries()) await dragCamera(page, id, i);
  await expectTilesPlaying(page, 4);
  // A quarter of the wall plays the main stream.
  await expect(page.getByTestId("tile-0")).toHaveAttribute("data-variant", "main");

  await page.getByTestId("push-screen-1").click();
  await expect(page.getByTestId("screen-mirror-1")).toHaveAttribute("data-cameras", four.join(","));

  const screen = await openPage(context, gateway.url, "/screen/1");
  await expect(screen.getByTestId("screen-1")).toHaveAttribute("data-cameras", four.join(","));
  expect(await tileCameras(screen)).toEqual(four);
  await expectTilesPlaying(screen, 4);
  await expect(screen.getByTestId("screen-offline")).toHaveCount(0);
});

test("two consoles following screen 2 see each other's changes, and the screen follows, within 1 s", async ({
  page,
  context,
  gateway,
  consoleErrors,
}) => {
  await login(page, gateway.url, "commander");
  const other = await openPage(context, gateway.url, "/");
  const screen = await openPage(context, gateway.url, "/screen/2");
  await expect(screen.getByTestId("screen-2")).toHaveAttribute("data-layout", /.+/);
  for (const p of [page, other]) {
    await p.getByTestId("follow-screen-2").click();
    await expect(p.getByTestId("follow-screen-2")).toHaveAttribute("aria-pressed", "true");
  }

  await page.getByTestId("layout-9").click();
  await expect(other.getByTestId("wall")).toHaveAttribute("data-layout", "9", { timeout: 1_000 });
  await expect(screen.getByTestId("wall")).toHaveAttribute("data-layout", "9", { timeout: 1_000 });

  await dragCamera(other, "dd-b1-s1-cell", 4);
  await expect(page.getByTestId("tile-4")).toHaveAttribute("data-camera-id", "dd-b1-s1-cell", { timeout: 1_000 });
  await expect(screen.getByTestId("tile-4")).toHaveAttribute("data-camera-id", "dd-b1-s1-cell", { timeout: 1_000 });

  // Both edit at once: neither change is lost (ifVersion conflicts are re-applied on the newest state).
  await Promise.all([dragCamera(page, "tl-b1-s1-yard", 0), dragCamera(other, "cy-b1-s1-yard", 8)]);
  for (const p of [page, other, screen]) {
    await expect(p.getByTestId("tile-0")).toHaveAttribute("data-camera-id", "tl-b1-s1-yard");
    await expect(p.getByTestId("tile-8")).toHaveAttribute("data-camera-id", "cy-b1-s1-yard");
  }
  // The loser of that race got the designed 409 (stale ifVersion), which Chromium logs as an error — dropped
  // once both changes show everywhere: the log line can come after the drags resolve (it did, in CI).
  dropExpected(consoleErrors, /status of 409 \(Conflict\) .*\/api\/v1\/wall\/screens\/2\)$/);
  await expectTilesPlaying(screen, 1);
  // Small tiles of a 3×3 play the sub stream.
  await expect(screen.getByTestId("tile-4")).toHaveAttribute("data-variant", "sub");
});

test("random recall fills four tiles from four different prisons", async ({ page, gateway }) => {
  await login(page, gateway.url, "commander");
  await page.getByTestId("layout-4").click();
  await page.getByTestId("recall-kind").selectOption("gate");
  await page.getByTestId("recall-prisons").locator("summary").click();
  for (const p of recallPrisons) await page.getByTestId(`recall-prison-${p}`).locator("input").check();
  await page.getByTestId("recall-prisons").locator("summary").click();
  await page.getByTestId("random-recall").click();
  await expect.poll(async () => (await tileCameras(page)).filter((c) => c !== "").length).toBe(4);
  const prisons = await prisonsByCamera(page.request, gateway.url);
  const chosen = await tileCameras(page);
  expect(new Set(chosen.map((c) => prisons.get(c))).size).toBe(4);
  for (const c of chosen) expect(recallCameras).toContain(c);
  await expectTilesPlaying(page, 4);
});
