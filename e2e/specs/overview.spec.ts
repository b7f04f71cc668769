// The overview issue end to end: the map renders (a canvas) and a marker click opens the prison panel;
// a signed alarm posted through the real feeds API changes that prison's colour and the charts' counts
// live (the 1 s figure is the dashboard bench's); a report's figures equal the counts computed from the
// alarms this spec posted; the CSV export downloads and parses. Its own gateway: no feed simulator, so every alarm is one we posted.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, login, test } from "../support/fixtures";
import { type GatewayProcess, removeDataDir, startGateway } from "../support/gateway";

let gw: GatewayProcess;
test.beforeAll(async () => {
  gw = await startGateway({ SIM: "0", FEED_SIM: "0" });
});
test.afterAll(async () => {
  await gw.stop();
  removeDataDir(gw);
});

/** What this spec posted, to compute the expected figures from. */
const posted: Array<{ prisonId: string; type: string; severity: number }> = [];

/** POSTs a signed alarm exactly as a prison system does (docs/api/feeds.md, demo key). */
async function postAlarm(prisonId: string, sourceId: string, type: string, severity: number): Promise<string> {
  const key = createHmac("sha256", "demo").update(prisonId).digest("hex");
  const body = JSON.stringify({ sourceId, type, severity, occurredAt: Date.now() - 1000 });
  const ts = String(Date.now());
  const sig = `sha256=${createHmac("sha256", key).update(`${ts}.${body}`).digest("hex")}`;
  const res = await fetch(`${gw.url}/api/v1/feeds/${prisonId}/alarms`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-feed-timestamp": ts, "x-feed-signature": sig },
    body,
  });
  expect(res.status, await res.clone().text()).toBe(202);
  posted.push({ prisonId, type, severity });
  return ((await res.json()) as { id: string }).id;
}

/** RFC 4180 parser for the test: quoted fields, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

test("the map renders and a marker click opens the prison panel", async ({ page }) => {
  await login(page, gw.url, "commander");
  await page.getByTestId("nav-overview").click();
  const map = page.getByTestId("overview-map");
  // The first WebGL context (software, --disable-gpu) compiles its shaders on the main thread: seconds
  // on a loaded 2-core CI box. Page readiness, not a figure (the dashboard bench measures those).
  await expect(map.locator("canvas").first()).toBeVisible({ timeout: 30_000 });
  const jz = page.getByTestId("overview-prison-jz");
  // No alarm here yet; the day's roll calls are due with no reports (no simulator), so duties may be red.
  await expect(jz).toHaveAttribute("data-color", /^(ok|red_obligation)$/, { timeout: 30_000 });
  await expect(jz).toHaveAttribute("data-x", /\d+/);
  // Click the marker itself on the canvas, where the map says it drew it. The map may still be laying out
  // or building its picking buffer when the position first appears (seen once in CI): read the position
  // again and click again until the panel opens.
  await expect(async () => {
    const x = Number(await jz.getAttribute("data-x"));
    const y = Number(await jz.getAttribute("data-y"));
    await map.click({ position: { x, y } });
    await expect(page.getByTestId("prison-panel")).toHaveAttribute("data-prison", "jz", { timeout: 1500 });
  }).toPass({ timeout: 15_000 });
  await page.getByTestId("prison-panel-close").click();
  await expect(page.getByTestId("prison-panel")).toHaveCount(0);
  // The list opens it too.
  await page.getByTestId("overview-prison-pj").click();
  await expect(page.getByTestId("prison-panel")).toHaveAttribute("data-prison", "pj");
});

// How fast (the overview issue's 1 s) is the dashboard bench's figure (docs/benchmarks.md); here: that it
// changes live, without a reload, with a bound that holds on a loaded CI machine.
const LIVE_MS = 5_000;

test("a signed alarm changes the prison's colour and the charts' counts live", async ({ page }) => {
  await login(page, gw.url, "commander");
  await page.goto(`${gw.url}/overview`);
  const pj = page.getByTestId("overview-prison-pj");
  await expect(pj).toHaveAttribute("data-color", /.+/, { timeout: 30_000 });
  const types = page.getByTestId("chart-types");
  const prisons = page.getByTestId("chart-prisons");
  await expect(types).toHaveAttribute("data-total", String(posted.length));
  const before = posted.length;

  await postAlarm("pj", "e2e-ov-1", "climbing", 1);
  await expect(pj).toHaveAttribute("data-color", "sev1", { timeout: LIVE_MS });
  await expect(types).toHaveAttribute("data-total", String(before + 1), { timeout: LIVE_MS });
  await expect(prisons).toHaveAttribute("data-total", String(before + 1), { timeout: LIVE_MS });
  await expect(page.getByTestId("kf-alarms-total")).toContainText(String(before + 1));

  await postAlarm("sy1", "e2e-ov-2", "video_loss", 3);
  await expect(page.getByTestId("overview-prison-sy1")).toHaveAttribute("data-color", "video_loss", {
    timeout: LIVE_MS,
  });
  await expect(types).toHaveAttribute("data-total", String(before + 2), { timeout: LIVE_MS });
  await expect(page.getByTestId("alarm-ticker").locator("li")).toHaveCount(before + 2);
});

test("a report's figures equal the counts of the alarms posted; CSV downloads and parses", async ({ page }) => {
  await postAlarm("pj", "e2e-ov-3", "fighting", 2);
  await postAlarm("jz", "e2e-ov-4", "fighting", 4);
  const count = (pred: (a: (typeof posted)[number]) => boolean) => posted.filter(pred).length;
  const total = posted.length;
  const inPj = count((a) => a.prisonId === "pj");
  const fighting = count((a) => a.type === "fighting");

  await login(page, gw.url, "commander");
  await page.goto(`${gw.url}/reports`);
  const row = (unit: string, metric: string) => page.getByTestId(`report-row-${unit}-${metric}`);
  await expect(row("province", "alarms.total")).toHaveAttribute("data-current", String(total));
  await expect(row("pj", "alarms.total")).toHaveAttribute("data-current", String(inPj));
  await expect(row("province", "alarms.type.fighting")).toHaveAttribute("data-current", String(fighting));
  await expect(row("province", "alarms.unresolved")).toHaveAttribute("data-current", String(total));

  await page.getByTestId("report-unit").selectOption("pj");
  await expect(row("pj", "alarms.total")).toHaveAttribute("data-current", String(inPj));
  await expect(row("province", "alarms.total")).toHaveCount(0);

  const download = page.waitForEvent("download");
  await page.getByTestId("report-csv").click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^report-pj-day-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync(await file.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parseCsv(bytes.subarray(3).toString("utf8"));
  expect(rows[0]).toEqual(["周期", "单位", "指标", "本期", "上期", "增减"]);
  const alarms = rows.find((r) => r[2] === "报警总数");
  expect(alarms?.[1]).toBe("盘锦监狱");
  expect(Number(alarms?.[3])).toBe(inPj);
  expect(rows.every((r) => r.length === 6)).toBe(true);
});

test("the big-screen dashboard shows the map, key figures and the ticker", async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await login(page, gw.url, "commander");
  await page.goto(`${gw.url}/screen/dashboard`);
  await expect(page.getByTestId("screen-dashboard").locator("canvas").first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("kf-alarms-total")).toContainText(String(posted.length));
  await expect(page.getByTestId("alarm-ticker").locator("li")).toHaveCount(posted.length);
  const fits = await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1);
  expect(fits).toBe(true);
});

test("the dashboards hear only the overview topic; the duty console reached from them hears alarms again", async ({
  page,
}) => {
  const frames: string[] = [];
  page.on("websocket", (ws) => ws.on("framesent", (f) => frames.push(String(f.payload))));
  await login(page, gw.url, "commander");
  await page.goto(`${gw.url}/overview`);
  await expect(page.getByTestId("overview-map")).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => frames.some((f) => f.includes('"subscribe"') && f.includes('["overview"]'))).toBe(true);
  // In-app navigation keeps the socket: overview → console → duty widens it back to every topic.
  await page.getByTestId("nav-console").click();
  await page.getByTestId("nav-duty").click();
  await expect(page.getByTestId("alarm-queue")).toBeVisible();
  await expect.poll(() => frames.some((f) => f.includes('"subscribe"') && f.includes('"topics":null'))).toBe(true);
  const sourceId = `ov-e2e-sub-${Date.now()}`;
  const id = await postAlarm("tl", sourceId, "fighting", 2);
  await expect(page.getByTestId(`alarm-row-${id}`)).toBeVisible({ timeout: LIVE_MS });
});

test("a failed request for the prisons is retried: the map and the list still fill", async ({
  page,
  consoleErrors,
}) => {
  let calls = 0;
  await page.route("**/api/v1/prisons", (route) =>
    calls++ === 0
      ? route.fulfill({ status: 503, contentType: "application/json", body: '{"code":"unavailable","message":"e2e"}' })
      : route.continue(),
  );
  await login(page, gw.url, "commander");
  await page.goto(`${gw.url}/overview`);
  await expect(page.getByTestId("overview-prison-pj")).toHaveAttribute("data-x", /\d+/, { timeout: 30_000 });
  expect(calls).toBeGreaterThanOrEqual(2);
  // The one 503 this test injected is the only console error it may leave.
  const injected = consoleErrors.filter((e) => e.includes("status of 503") && e.includes("/api/v1/prisons"));
  expect(injected).toHaveLength(1);
  consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((e) => !injected.includes(e)));
});
