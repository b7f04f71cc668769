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

test("a wrong password is refused with a clear message", async ({ page, gateway }) => {
  await page.goto(gateway.url + "/");
  await page.getByTestId("login-username").fill("commander");
  await page.getByTestId("login-password").fill("wrong");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-error")).toBeVisible();
});
