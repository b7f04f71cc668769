// The gateway issue's end-to-end path: log in, pick a camera in the tree, hls.js plays it live.
import { expect, expectPlaying, login, test } from "../support/fixtures";

test("log in and play one camera with hls.js", async ({ page, gateway }) => {
  const fatal: string[] = [];
  await page.exposeFunction("__cwHlsFatal", (m: string) => fatal.push(m));
  await login(page, gateway.url, "commander");
  await page.getByTestId("tree-search").fill("pj-b1-s1-cell");
  await page.getByTestId("tree-node-pj-b1-s1-cell").click();
  await expectPlaying(page, "player-video", 2);
  await expect(page.getByTestId("player-state").first()).toHaveAttribute("data-state", "live");
  expect(fatal).toEqual([]);
});

test("the app surfaces hls.js fatal errors (the check above can fail)", async ({ page, gateway }) => {
  const fatal: string[] = [];
  await page.exposeFunction("__cwHlsFatal", (m: string) => fatal.push(m));
  // Every playlist of this camera answers garbage: hls.js cannot parse it and gives up (fatal).
  await page.route(/\/hls\/.*pj-b1-s1-canteen\/.*\.m3u8/, (route) =>
    route.fulfill({ status: 200, contentType: "application/vnd.apple.mpegurl", body: "not a playlist" }),
  );
  await login(page, gateway.url, "commander");
  await page.getByTestId("tree-search").fill("pj-b1-s1-canteen");
  await page.getByTestId("tree-node-pj-b1-s1-canteen").click();
  await expect.poll(() => fatal.length, { timeout: 20_000 }).toBeGreaterThan(0);
  expect(fatal[0]).toContain("pj-b1-s1-canteen");
  expect(fatal[0]).toMatch(/manifestParsingError|networkError/);
});

test("a wrong password is refused with a clear message", async ({ page, gateway }) => {
  await page.goto(gateway.url + "/");
  await page.getByTestId("login-username").fill("commander");
  await page.getByTestId("login-password").fill("wrong");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-error")).toBeVisible();
});
