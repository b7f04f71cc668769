// The audit trail on screen (issue 17): a commander watches a camera; a bureau chief opens the audit page,
// picks that camera by its place and name, and reads the view that just happened as a sentence in bureau
// time, with a link to its footage and a CSV of the same filters. Screens at the two console sizes are
// kept in the test's output for a look (the layout spec judges overlaps over every page).
import { expect, expectPlaying, login, test } from "../support/fixtures";

const CAMERA = "pj-b1-s1-cell";

test("a view that just happened is on the audit page", async ({ page, browser, gateway }) => {
  await login(page, gateway.url, "commander");
  await page.getByTestId("tree-search").fill(CAMERA);
  await page.getByTestId(`tree-node-${CAMERA}`).click();
  await expectPlaying(page, "player-video", 1);

  const chief = await (await browser.newContext()).newPage();
  const errors: string[] = [];
  chief.on("pageerror", (e) => errors.push(e.message));
  chief.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await login(chief, gateway.url, "chief");
  await chief.getByTestId("nav-audit").click();
  await expect(chief.getByTestId("audit-page")).toBeVisible();

  // Pickers show names: the camera by its place, the person by name.
  const camera = chief.getByTestId("audit-f-camera");
  const option = camera.locator(`option[value='${CAMERA}']`);
  await expect(option).toHaveText(/^盘锦监狱 · .+/);
  await chief.getByTestId("audit-f-prison").selectOption("pj");
  await camera.selectOption(CAMERA);
  await chief.getByTestId("audit-f-type").selectOption("view.started");

  const row = chief.getByTestId("audit-row").first();
  await expect(row).toBeVisible();
  const cameraName = (await option.textContent()) ?? "";
  await expect(row.getByTestId("audit-sentence")).toHaveText(`指挥长 查看了 ${cameraName}`);
  // Bureau time (+08:00 in the demo), whatever this browser's time zone.
  const at = Number(await row.locator("time").evaluate((t) => Date.parse(t.getAttribute("datetime") ?? "")));
  expect(Date.now() - at).toBeLessThan(5 * 60_000);
  const bureau = new Date(at + 8 * 3600_000).toISOString();
  await expect(row.locator("time")).toHaveText(`${bureau.slice(0, 10)} ${bureau.slice(11, 19)}`);
  await expect(chief.getByTestId("audit-csv")).toHaveAttribute("href", new RegExp(`cameraId=${CAMERA}`));

  for (const [w, h] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await chief.setViewportSize({ width: w, height: h });
    await chief.screenshot({ path: test.info().outputPath(`audit-${w}x${h}.png`) });
  }

  const csv = await chief.request.get(`${gateway.url}/api/v1/audit.csv?cameraId=${CAMERA}&type=view.started`);
  expect(csv.status()).toBe(200);
  const text = (await csv.body()).toString("utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toContain(`指挥长,commander,查看实时视频,盘锦监狱,`);

  // The row leads to the camera's footage at that moment.
  await row.getByTestId("audit-link").click();
  await expect(chief.getByTestId("playback-page")).toBeVisible();
  expect(new URL(chief.url()).searchParams.get("cameras")).toBe(CAMERA);
  expect(errors).toEqual([]);
  await chief.context().close();
});
