// The orders issue end to end: a commander and the terminals (/unit) of three prisons, each in its own
// browser context, against a gateway whose order policy is shortened (yellow at 40 % of the window,
// red at the deadline, the chief 1.5 s after red) so the lights move within seconds.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, login, test } from "../support/fixtures";
import { type GatewayProcess, removeDataDir, startGateway } from "../support/gateway";

const policy = {
  obligations: {
    order: {
      // Yellow at the later of 40 % of the window and a day before the deadline: 40 % for seconds.
      yellowFraction: 0.4,
      yellowBeforeMs: 86_400_000,
      escalation: [
        { afterMs: 0, to: "commander" },
        { afterMs: 1500, to: "chief" },
      ],
    },
  },
};

let gw: GatewayProcess;
test.beforeAll(async () => {
  gw = await startGateway({ ALERT_POLICY: JSON.stringify(policy), SIM: "0", FEED_SIM: "0" });
});
test.afterAll(async () => {
  await gw.stop();
  removeDataDir(gw);
});

// A 1×1 PNG for the report back's image.
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

// The fixture fails a test on console errors of its own context; these contexts get the same rule.
const contextErrors: string[] = [];
test.afterEach(() => {
  expect(contextErrors.splice(0), "a terminal logged errors").toEqual([]);
});

async function terminal(browser: Browser, username: string): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext();
  ctx.on("page", (p) => {
    p.on("console", (m) => {
      if (m.type() === "error" && !/status of 401/.test(m.text())) contextErrors.push(`${username}: ${m.text()}`);
    });
    p.on("pageerror", (e) => contextErrors.push(`${username}: ${e.message}`));
  });
  const page = await ctx.newPage();
  await login(page, gw.url, username);
  await page.getByTestId("nav-unit").click();
  await expect(page.getByTestId("unit-terminal")).toBeVisible();
  return { ctx, page };
}

const orderCards = (page: Page) => page.locator('[data-testid^="order-o-"]');

test("an order to two prisons: live delivery, sign and report back, yellow → red → escalation, reminder", async ({
  page,
  browser,
}) => {
  await login(page, gw.url, "commander");
  await page.getByTestId("nav-orders").click();
  await expect(page.getByTestId("order-compose")).toBeVisible();
  const pj = await terminal(browser, "operator-pj");
  const jz = await terminal(browser, "operator-jz");
  const sy1 = await terminal(browser, "operator-sy1");

  await page.getByTestId("order-compose-title").fill("加强夜间巡查");
  await page.getByTestId("order-compose-body").fill("今晚起落实双人双岗。");
  await page.getByTestId("order-compose-urgent").check();
  await page.getByTestId("order-compose-target-pj").check();
  await page.getByTestId("order-compose-expand-jz").click();
  await page.getByTestId("order-compose-target-jz-b1").check();
  await page.getByTestId("order-compose-sign-min").fill("0.1");
  await page.getByTestId("order-compose-feedback-min").fill("0.2");
  const sent = Date.now();
  await page.getByTestId("order-compose-submit").click();

  // Both terminals show it within a second of the click (render included).
  await Promise.all([
    expect(orderCards(pj.page)).toHaveCount(1, { timeout: 1000 }),
    expect(orderCards(jz.page)).toHaveCount(1, { timeout: 1000 }),
  ]);
  expect(Date.now() - sent).toBeLessThanOrEqual(1000);
  await expect(page).toHaveURL(/\/orders\/o-[0-9a-f]+$/);
  const id = new URL(page.url()).pathname.split("/").pop()!;
  await expect(pj.page.getByTestId("unit-terminal")).toHaveAttribute("data-sounds", "1");
  await expect(jz.page.getByTestId(`order-unit-${id}-jz-b1`)).toBeVisible();

  // Delivered to both (the terminals acknowledged over their sockets); the commander's matrix follows.
  const cell = (unit: string) => page.getByTestId(`receipt-${id}-${unit}`);
  await expect(cell("pj")).toHaveAttribute("data-state", "delivered");
  await expect(cell("jz-b1")).toHaveAttribute("data-state", "delivered");

  // pj signs and reports back with an image.
  await pj.page.getByTestId(`order-sign-${id}`).click();
  await expect(cell("pj")).toHaveAttribute("data-state", "signed");
  await pj.page.getByTestId(`order-feedback-text-${id}`).fill("已落实，夜间巡查双人双岗。");
  await pj.page
    .getByTestId(`order-feedback-image-${id}`)
    .setInputFiles({ name: "x.png", mimeType: "image/png", buffer: png });
  await pj.page.getByTestId(`order-feedback-submit-${id}`).click();
  await expect(cell("pj")).toHaveAttribute("data-state", "fed_back");
  await expect(cell("pj")).toHaveAttribute("data-light", "green");
  await expect(pj.page.getByTestId(`order-${id}`)).toHaveAttribute("data-state", "fed_back");

  // jz does nothing: yellow, then red and overdue, escalated to the commander then the chief.
  await expect(cell("jz-b1")).toHaveAttribute("data-light", "yellow", { timeout: 8000 });
  await expect(cell("jz-b1")).toHaveAttribute("data-light", "red", { timeout: 8000 });
  await expect(cell("jz-b1")).toHaveAttribute("data-state", "overdue");
  await expect(cell("jz-b1")).toHaveAttribute("data-escalated", "commander,chief", { timeout: 8000 });
  await expect(jz.page.getByTestId(`order-${id}`)).toHaveAttribute("data-state", "overdue");
  await expect(page.getByTestId("order-trail").locator('[data-type="deadline.red"]').first()).toBeVisible();
  await expect(page.getByTestId("order-trail").locator('[data-type="obligation.escalated"]').first()).toBeVisible();

  // One click chases the laggard: jz hears it, pj (done) does not.
  await page.getByTestId("order-remind").click();
  await expect(page.getByTestId("order-remind-note")).toBeVisible();
  await expect(jz.page.getByTestId("unit-terminal")).toHaveAttribute("data-sounds", "2");
  await expect(page.getByTestId("order-trail").locator('[data-type="order.reminded"]')).toHaveCount(1);

  // The third prison saw and heard nothing.
  await expect(orderCards(sy1.page)).toHaveCount(0);
  await expect(sy1.page.getByTestId("unit-terminal")).toHaveAttribute("data-sounds", "0");
  for (const t of [pj, jz, sy1]) await t.ctx.close();
});

test("a terminal closed while the order was sent gets it on reopening", async ({ page, browser }) => {
  await login(page, gw.url, "commander");
  const fx = await terminal(browser, "operator-fx");
  await fx.page.close();
  const res = await page.request.post(`${gw.url}/api/v1/orders`, {
    data: {
      title: "报送今日信息",
      category: "information",
      targets: ["fx-b2-s1"],
      signDeadline: Date.now() + 3_600_000,
    },
  });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const detail = async () =>
    ((await (await page.request.get(`${gw.url}/api/v1/orders/${id}`)).json()) as { rows: Array<{ state: string }> })
      .rows[0]?.state;
  expect(await detail()).toBe("pending");

  const again = await fx.ctx.newPage();
  await again.goto(`${gw.url}/unit`);
  await expect(again.getByTestId(`order-${id}`)).toBeVisible();
  await expect(again.getByTestId("unit-terminal")).toHaveAttribute("data-sounds", "1");
  await expect.poll(detail).toBe("delivered");
  await fx.ctx.close();
});

test("bad input is refused with 4xx; an operator cannot sign another prison's order", async ({ page, browser }) => {
  await login(page, gw.url, "commander");
  const now = Date.now();
  const base = { title: "t", category: "petitions", targets: ["pj"], signDeadline: now + 60_000 };
  const cases: Array<[string, Record<string, unknown>, number]> = [
    ["no targets", { ...base, targets: [] }, 422],
    ["deadline in the past", { ...base, signDeadline: now - 60_000 }, 422],
    ["unknown unit", { ...base, targets: ["nowhere"] }, 422],
    ["oversized attachment", { ...base, attachment: "/9j/" + "A".repeat(760_000) }, 422],
    ["attachment over the body limit", { ...base, attachment: "/9j/" + "A".repeat(900_000) }, 413],
  ];
  for (const [name, data, status] of cases) {
    const res = await page.request.post(`${gw.url}/api/v1/orders`, { data });
    expect(res.status(), name).toBe(status);
  }
  const ok = await page.request.post(`${gw.url}/api/v1/orders`, { data: base });
  const { id } = (await ok.json()) as { id: string };
  const jz = await terminal(browser, "operator-jz");
  const sign = await jz.page.request.post(`${gw.url}/api/v1/orders/${id}/targets/pj/sign`, { data: {} });
  expect(sign.status()).toBe(403);
  expect((await jz.page.request.get(`${gw.url}/api/v1/orders/${id}`)).status()).toBe(403);
  await jz.ctx.close();
});
