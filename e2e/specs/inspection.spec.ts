// The daily inspection end to end: the chief sees today's draw, plays the block's cameras, records two
// findings with snapshots and completes the inspection; the prison's operator receives both
// rectifications on its terminal and reports back; the chief accepts; the record shows the
// inspection closed with the snapshots. Also: the draw verifies in the browser.
import { expect, expectPlaying, login, test } from "../support/fixtures";

/** A minimal JPEG byte stream (SOI … EOI): the gateway checks the JPEG magic, not the picture. */
const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1), Buffer.from([0xff, 0xd9])]);

test("the chief's daily inspection, rectified by the prison and closed", async ({ page, gateway, browser }) => {
  await login(page, gateway.url, "chief");
  await page.goto(`${gateway.url}/inspection`);
  const target = page.getByTestId("inspection-target");
  await expect(target).toBeVisible();
  const prisonId = await target.getAttribute("data-prison-id");
  expect(prisonId).toBeTruthy();
  await expect(page.getByTestId("inspection-commitment")).toHaveText(/^[0-9a-f]{64}$/);

  // The block's cameras play; two findings are captured from two tiles.
  await expectPlaying(page, "player-video", 1, 0);
  await expectPlaying(page, "player-video", 1, 1);
  for (const [i, note] of [
    [0, "监舍内务不整"],
    [1, "就餐秩序混乱"],
  ] as const) {
    await page.getByTestId(`finding-capture-${i}`).click();
    await page.getByTestId("finding-note").fill(note);
    await page.getByTestId("finding-severity").selectOption("2");
    await page.getByTestId("finding-submit").click();
    await expect(page.getByTestId("finding-row")).toHaveCount(i + 1);
  }

  // The checklist, a rating, completion.
  for (const id of ["formation", "cell_order", "police_at_post", "meal_order", "workshop_safety", "equipment"]) {
    const result = id === "cell_order" || id === "meal_order" ? "issue" : "pass";
    await page.getByTestId(`check-${id}-${result}`).click();
    await expect(page.getByTestId(`check-${id}`)).toHaveAttribute("data-result", result);
  }
  await page.getByTestId("inspection-rating").selectOption("fair");
  await page.getByTestId("inspection-complete").click();
  await expect(page.getByTestId("inspection-completed")).toBeVisible();

  // The prison's operator receives both rectifications and reports back.
  const context = await browser.newContext();
  const op = await context.newPage();
  await login(op, gateway.url, `operator-${prisonId}`);
  await op.goto(`${gateway.url}/unit`);
  const items = op.getByTestId("rect-item");
  await expect(items).toHaveCount(2);
  for (let i = 0; i < 2; i++) {
    const item = items.nth(i);
    await item.getByTestId("rect-report-text").fill(`已整改 ${i + 1}`);
    if (i === 0)
      await item
        .getByTestId("rect-report-photo")
        .setInputFiles({ name: "fix.jpg", mimeType: "image/jpeg", buffer: photo });
    await item.getByTestId("rect-report-submit").click();
    await expect(item).toHaveAttribute("data-state", "submitted");
  }
  await context.close();

  // The chief accepts both (the live topic refreshes the page).
  const rows = page.getByTestId("finding-row");
  await expect(rows.getByTestId("rect-accept")).toHaveCount(2);
  for (let i = 0; i < 2; i++) {
    await rows.getByTestId("rect-accept").first().click();
    await expect(rows.getByTestId("rect-accept")).toHaveCount(1 - i);
  }
  await expect(rows.getByTestId("rect-state")).toHaveText(["已通过", "已通过"]);

  // The record: closed, with both snapshots.
  await page.getByTestId("inspection-record-link").click();
  await expect(page.getByTestId("record-status")).toHaveText("督查已闭环");
  const snaps = page.getByTestId("finding-snapshot");
  await expect(snaps).toHaveCount(2);
  for (let i = 0; i < 2; i++) {
    await expect.poll(() => snaps.nth(i).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  }
});

test("anyone re-computes today's draw in the browser", async ({ page, gateway }) => {
  await login(page, gateway.url, "viewer");
  const date = await page.evaluate(() => {
    const d = new Date(Date.now() + 8 * 3600_000);
    return d.toISOString().slice(0, 10);
  });
  await page.goto(`${gateway.url}/inspection/verify/${date}`);
  await expect(page.getByTestId("verify-result")).toHaveAttribute("data-ok", "true");
  await expect(page.getByTestId("check-row-pick.result")).toHaveAttribute("data-ok", "true");
  await expect(page.getByTestId("check-row-commitment.matches")).toHaveAttribute("data-ok", "true");
});
