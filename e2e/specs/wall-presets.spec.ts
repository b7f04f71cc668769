// Presets end to end: a tour preset started on a screen runs in the gateway and turns its page after
// the dwell with no console involved; layout presets are saved and loaded by a commander and read-only
// for a viewer.
import { expect, login, PASSWORD, test } from "../support/fixtures";
import { dragCamera, expectTilesPlaying, openPage, warmCameras } from "./wall.support";

test.beforeAll(async ({ playwright, gateway }) => {
  const request = await playwright.request.newContext();
  try {
    // Tour pages are one big tile (main); the preset's gate is the big tile of 1+5 (main).
    await warmCameras(
      request,
      gateway.url,
      [
        ["pj-gate", "main"],
        ["sy1-gate", "main"],
        ["as-gate", "main"],
      ],
      PASSWORD,
    );
  } finally {
    await request.dispose();
  }
});

test("a tour preset started on screen 3 runs in the gateway and advances after its dwell", async ({
  page,
  context,
  gateway,
}) => {
  await login(page, gateway.url, "commander");
  const res = await page.request.post(`${gateway.url}/api/v1/presets`, {
    data: {
      id: "e2e-tour",
      name: "e2e 轮巡",
      kind: "tour",
      layoutId: "1",
      tour: { dwellS: 5, steps: [{ cameraIds: ["pj-gate", "sy1-gate", "jz-gate"] }] },
    },
  });
  expect(res.status()).toBe(201);
  const screen = await openPage(context, gateway.url, "/screen/3");
  await page.getByTestId("follow-screen-3").click();
  await page.getByTestId("tour-start-e2e-tour").click();
  const mirror = page.getByTestId("screen-mirror-3");
  await expect(mirror).toHaveAttribute("data-tour-step", "0");
  await expect(screen.getByTestId("screen-3")).toHaveAttribute("data-cameras", "pj-gate");
  await expect(page.getByTestId("tour-bar")).toHaveAttribute("data-page", "0");
  // Dwell is 5 s: the gateway turns the page with no console involved.
  await expect(screen.getByTestId("screen-3")).toHaveAttribute("data-cameras", "sy1-gate", { timeout: 8_000 });
  await expect(mirror).toHaveAttribute("data-tour-step", "1");
  await expectTilesPlaying(screen, 1);
  await page.getByTestId("tour-stop").click();
  await expect(mirror).toHaveAttribute("data-tour-step", "");
});

test("layout presets: a commander saves and loads one; a viewer sees it read-only", async ({
  page,
  browser,
  gateway,
}) => {
  await login(page, gateway.url, "commander");
  await page.getByTestId("layout-1+5").click();
  await dragCamera(page, "as-gate", 0);
  await page.getByTestId("preset-name").fill("e2e 大门");
  await page.getByTestId("preset-save").click();
  const row = page.locator("[data-testid^='preset-'][data-name='e2e 大门']");
  await expect(row).toHaveCount(1);
  const id = (await row.getAttribute("data-testid"))!.slice("preset-".length);
  await page.getByTestId("layout-4").click();
  await page.getByTestId(`preset-load-${id}`).click();
  await expect(page.getByTestId("wall")).toHaveAttribute("data-layout", "1+5");
  await expect(page.getByTestId("tile-0")).toHaveAttribute("data-camera-id", "as-gate");

  const viewerContext = await browser.newContext();
  try {
    const viewer = await viewerContext.newPage();
    await login(viewer, gateway.url, "viewer");
    await expect(viewer.getByTestId("preset-panel")).toHaveAttribute("data-editable", "false");
    await expect(viewer.getByTestId(`preset-${id}`)).toBeVisible();
    await expect(viewer.getByTestId(`preset-delete-${id}`)).toHaveCount(0);
    await expect(viewer.getByTestId("preset-save")).toHaveCount(0);
    await expect(viewer.getByTestId("push-screen-1")).toHaveCount(0);
  } finally {
    await viewerContext.close();
  }

  await page.getByTestId(`preset-delete-${id}`).click();
  await expect(page.getByTestId(`preset-${id}`)).toHaveCount(0);
});
