// Issue 18 item 3 in the browser: a bureau and an edge (盘锦监狱) as real gateway processes (the pair of
// apps/gateway/test/province/pair.ts, the edge without simulated cameras, registered upward over SIP on TCP —
// the other province tests use UDP, the default); the edge frozen with SIGSTOP
// (its keepalives stop) → the bureau's overview shows 盘锦监狱 链路中断 in the prison list, the
// banner over the map and the legend, the console tree marks the prison, and the big screen names it;
// SIGCONT → all of it clears. (The detection time is the test's and the benchmark's, not this spec's.)
import { EDGE_ID, type ProvincePair, startProvincePair } from "../../apps/gateway/test/province/pair";
import { expect, login, test } from "../support/fixtures";

const PASSWORD = "test-pass"; // the pair's DEMO_PASSWORD
let pair: ProvincePair;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  pair = await startProvincePair({ edge: { SIM: "0", UPPER_SIP_TRANSPORT: "tcp" } });
});
test.afterAll(async () => {
  if (pair) process.kill(pair.edge.pid, "SIGCONT");
  await pair?.stop();
});

test("a frozen edge: 链路中断 on the overview, the tree and the big screen; back: it clears", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, pair.bureau.url, "commander", PASSWORD);
  const pjRow = page.getByTestId("overview-prison-pj");
  await page.goto(`${pair.bureau.url}/overview`);
  await expect(pjRow).toHaveAttribute("data-link", "up", { timeout: 30_000 });
  await expect(page.getByTestId("overview-link-down-pj")).toHaveCount(0);
  const devices = await (await page.request.get(`${pair.bureau.url}/api/v1/gb/devices`)).json();
  expect(devices.devices.find((d: { deviceId: string }) => d.deviceId === EDGE_ID)).toMatchObject({
    kind: "platform",
    transport: "tcp",
    online: true,
  });

  process.kill(pair.edge.pid, "SIGSTOP");
  try {
    await expect(page.getByTestId("overview-link-down-pj")).toHaveText("链路中断", { timeout: 15_000 });
    await expect(pjRow).toHaveAttribute("data-color", "link_down");
    await expect(page.getByTestId("overview-link-banner")).toContainText("盘锦监狱");
    await expect(page.locator(".ov-legend")).toContainText("链路中断");
    // Other prisons (served by the bureau itself) have no link.
    await expect(page.getByTestId("overview-prison-sy1")).not.toHaveAttribute("data-link", /.*/);

    await page.goto(`${pair.bureau.url}/`);
    await expect(page.getByTestId("tree-link-down-pj")).toHaveText("链路中断");
    await expect(page.getByTestId("tree-link-down-sy1")).toHaveCount(0);
    // The edge's own prison-level cameras (gates, perimeter: right under the platform named 盘锦监狱) are
    // the prison's, not 未分配 waiting to be placed.
    await expect(page.getByTestId("tree-node-unassigned:pj")).toHaveCount(0);

    await page.goto(`${pair.bureau.url}/screen/dashboard`);
    // The big screen's first load (map, charts, the live socket's first overview) takes seconds on a busy CI.
    await expect(page.getByTestId("overview-link-banner")).toContainText("盘锦监狱", { timeout: 20_000 });
  } finally {
    process.kill(pair.edge.pid, "SIGCONT");
  }
  await expect(page.getByTestId("overview-link-banner")).toHaveCount(0, { timeout: 20_000 });
  await page.goto(`${pair.bureau.url}/overview`);
  await expect(pjRow).toHaveAttribute("data-link", "up", { timeout: 20_000 });
  await expect(page.getByTestId("overview-link-down-pj")).toHaveCount(0);
  const after = await (await page.request.get(`${pair.bureau.url}/api/v1/gb/devices`)).json();
  expect(after.devices.find((d: { deviceId: string }) => d.deviceId === EDGE_ID)).toMatchObject({
    transport: "tcp",
    online: true,
  });
});
