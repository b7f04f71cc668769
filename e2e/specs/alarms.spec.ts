// The alarms issue end to end: a signed alarm posted by the test appears in the duty console within
// 1 s; the officer acknowledges it (a note is required for severity 1–2) and a second console sees it
// acknowledged; a severe alarm's camera appears on the big screen's alarm tile; with the thresholds
// shortened in config (ALERT_POLICY), an unacknowledged alarm turns yellow, then red.
import { postAlarm as post } from "../support/feeds";
import { expect, login, test } from "../support/fixtures";
import { type GatewayProcess, removeDataDir, startGateway } from "../support/gateway";

const ack = (yellowMs: number, redMs: number) => ({ yellowMs, redMs, escalation: [{ afterMs: 0, to: "commander" }] });
const policy = {
  obligations: {
    alarmAck: { 1: ack(60_000, 180_000), 2: ack(60_000, 180_000), 3: ack(2_000, 5_000), 4: ack(60_000, 180_000) },
  },
};

let g: GatewayProcess;
test.beforeAll(async () => {
  g = await startGateway({ FEED_SIM: "0", ALERT_POLICY: JSON.stringify(policy) });
});
test.afterAll(async () => {
  await g.stop();
  removeDataDir(g);
});

/** Posts a signed alarm through the public feeds API (demo key of the prison). */
const postAlarm = (prisonId: string, body: Record<string, unknown>): Promise<string> => post(g.url, prisonId, body);

test("a signed alarm reaches the duty console within 1 s; an acknowledgement reaches a second console", async ({
  browser,
}) => {
  const officer = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  for (const [page, user] of [
    [officer, "duty"],
    [second, "commander"],
  ] as const) {
    await login(page, g.url, user);
    await page.goto(`${g.url}/duty`);
    await expect(page.getByTestId("alarm-queue")).toBeVisible();
    await expect(page.getByTestId("conn-state")).toHaveAttribute("data-state", "connected");
  }
  const id = await postAlarm("pj", { type: "fighting", severity: 2, blockId: "pj-b1", title: "打架斗殴" });
  const row = officer.getByTestId(`alarm-row-${id}`);
  await expect(row).toBeVisible({ timeout: 1_000 });
  await expect(row).toHaveAttribute("data-state", "open");
  await expect(row).toHaveAttribute("data-severity", "2");
  await expect(second.getByTestId(`alarm-row-${id}`)).toBeVisible({ timeout: 1_000 });

  await officer.getByTestId(`alarm-ack-${id}`).click();
  await officer.getByTestId("alarm-ack-submit").click();
  await expect(officer.getByTestId("alarm-note-error")).toBeVisible();
  await officer.getByTestId("alarm-note").fill("已调度监区民警到场");
  await officer.getByTestId("alarm-ack-submit").click();
  await expect(row).toHaveAttribute("data-state", "acknowledged");
  await expect(second.getByTestId(`alarm-row-${id}`)).toHaveAttribute("data-state", "acknowledged");
  await officer.context().close();
  await second.context().close();
});

test("a severe alarm's camera appears on the big screen's alarm tile", async ({ page }) => {
  await login(page, g.url, "commander");
  await page.goto(`${g.url}/screen/1`);
  await expect(page.getByTestId("screen-1")).toHaveAttribute("data-conn", "connected");
  const id = await postAlarm("pj", { type: "perimeter_intrusion", severity: 1, cameraId: "pj-b1-s1-cell" });
  const tile = page.getByTestId("alarm-tile");
  await expect(tile).toHaveAttribute("data-camera-id", "pj-b1-s1-cell");
  await expect(tile).toHaveAttribute("data-alarm-id", id);
  await expect(tile).toHaveAttribute("data-highlight", "true");
  const video = tile.getByTestId("player-video");
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 30_000 })
    .toBeGreaterThan(1);
});

test("with shortened thresholds an unacknowledged alarm turns yellow, then red", async ({ page }) => {
  await login(page, g.url, "duty");
  await page.goto(`${g.url}/duty`);
  await expect(page.getByTestId("conn-state")).toHaveAttribute("data-state", "connected");
  const id = await postAlarm("jz", { type: "gathering", severity: 3 });
  const row = page.getByTestId(`alarm-row-${id}`);
  await expect(row).toHaveAttribute("data-light", "green");
  await expect(row).toHaveAttribute("data-light", "yellow", { timeout: 5_000 });
  await expect(row).toHaveAttribute("data-light", "red", { timeout: 8_000 });
});
