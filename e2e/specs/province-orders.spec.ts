// Orders across levels in the browser (issue 18): a bureau and a prison's edge gateway as real processes.
// The bureau issues an order to a block of pj; the prison's terminal on the EDGE's /unit page receives it
// live (the edge pulled it from the bureau), signs it there; the bureau's commander sees that unit turn
// delivered and signed in the receipt matrix (the edge forwarded the receipts up). And the other way: an
// alarm raised at the edge (its prison system's signed feed) reaches the bureau's duty console through the
// edge's uplink, with the prison's and the block's names.

import { demoFeedKey } from "@cw/gateway";
import { postAlarm } from "../support/feeds";
import { expect, login, test } from "../support/fixtures";
import { type GatewayProcess, removeDataDir, startGateway } from "../support/gateway";

let bureau: GatewayProcess;
let edge: GatewayProcess;
test.beforeAll(async () => {
  bureau = await startGateway({ SIM: "0", FEED_SIM: "0" });
  edge = await startGateway({
    SIM: "0",
    FEED_SIM: "0",
    UPPER_URL: bureau.url,
    UPPER_FEED_KEY: demoFeedKey("demo", "pj"),
    EDGE_PRISON_ID: "pj",
  });
});
test.afterAll(async () => {
  await Promise.all([edge?.stop(), bureau?.stop()]);
  if (edge) removeDataDir(edge);
  if (bureau) removeDataDir(bureau);
});

test("an order from the bureau is signed on the edge's /unit and the bureau's matrix shows it", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  // The prison's terminal, on its own edge.
  await login(page, edge.url, "operator-pj");
  await page.getByTestId("nav-unit").click();
  await expect(page.getByTestId("unit-terminal")).toBeVisible();

  // The bureau's commander issues an order to pj's first block (and to jz, which stays at the bureau).
  const cmd = await browser.newContext();
  const bureauPage = await cmd.newPage();
  await login(bureauPage, bureau.url, "commander");
  const res = await bureauPage.request.post(`${bureau.url}/api/v1/orders`, {
    data: {
      title: "省局指令：加强夜间巡查",
      body: "今晚起落实双人双岗。",
      priority: "urgent",
      category: "custody_security",
      targets: ["pj-b1", "jz"],
      signDeadline: Date.now() + 3_600_000,
    },
  });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()) as { id: string };

  // At the edge: pushed live to the terminal once pulled (long poll: promptly; generous bound under load).
  await expect(page.getByTestId(`order-${id}`)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId(`order-unit-${id}-pj-b1`)).toBeVisible();
  await page.getByTestId(`order-sign-${id}`).click();
  await expect(page.getByTestId(`order-${id}`)).toHaveAttribute("data-state", "signed");

  // At the bureau: the receipt matrix shows pj-b1 signed; jz untouched.
  await bureauPage.goto(`${bureau.url}/orders/${id}`);
  await expect(bureauPage.getByTestId(`receipt-${id}-pj-b1`)).toHaveAttribute("data-state", "signed", {
    timeout: 30_000,
  });
  await expect(bureauPage.getByTestId(`receipt-${id}-jz`)).not.toHaveAttribute("data-state", "signed");
  await cmd.close();
});

test("an alarm raised at the edge reaches the bureau's duty console, by name", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, bureau.url, "duty");
  await page.goto(`${bureau.url}/duty`);
  await expect(page.getByTestId("alarm-queue")).toBeVisible();
  await expect(page.getByTestId("conn-state")).toHaveAttribute("data-state", "connected");
  const title = `监区打架 ${Date.now()}`;
  // Posted to the EDGE, as the prison's own systems do; the bureau's copy has its own id.
  await postAlarm(edge.url, "pj", { type: "fighting", severity: 2, blockId: "pj-b1", title });
  const row = page.locator('[data-testid^="alarm-row-"]').filter({ hasText: title });
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  await expect(row).toHaveAttribute("data-state", "open");
  await expect(row).toHaveAttribute("data-severity", "2");
  await expect(row).toContainText("盘锦监狱");
  await expect(row).not.toContainText("pj-b1");
});
