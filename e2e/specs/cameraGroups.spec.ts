// The camera groups page in Chromium (issue 17 item 2): an administrator creates a group with a camera and
// a role, edits it and deletes it; a viewer's open console (another context, as another PC) loses the
// camera from its tree when the group leaves viewers out and gets it back when the group goes. The chosen
// cameras are shown by place and name, never by id.
import { expect, login, test } from "../support/fixtures";

const cam = "pj-b1-s1-cell";

test("an administrator creates, edits and deletes a camera group; the viewer's tree follows", async ({
  page,
  gateway,
  browser,
}) => {
  test.setTimeout(120_000);
  const viewer = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await login(viewer, gateway.url, "viewer");
  await viewer.getByTestId("tree-search").fill(cam);
  await expect(viewer.getByTestId(`tree-node-${cam}`)).toBeVisible();

  await login(page, gateway.url, "admin");
  await page.goto(`${gateway.url}/camera-groups`);
  await expect(page.getByTestId("camera-groups-page")).toBeVisible();
  await page.getByTestId("cg-new").click();
  await page.getByTestId("cg-name").fill("重点监舍");
  await page.getByTestId("cg-search").fill("监舍");
  await page.getByTestId(`cg-camera-${cam}`).check();
  await expect(page.getByTestId("cg-chosen")).toContainText("盘锦监狱");
  await expect(page.getByTestId("cg-chosen")).not.toContainText(cam);
  await page.getByTestId("cg-role-commander").check();
  await page.getByTestId("cg-save").click();
  await expect(page.getByTestId("cg-list")).toContainText("重点监舍");
  await expect(page.getByTestId("cg-error")).toHaveCount(0);

  // The viewer is outside the group: the camera leaves its tree without a reload.
  await expect(viewer.getByTestId(`tree-node-${cam}`)).toHaveCount(0, { timeout: 15_000 });

  // Edit: renamed, and viewers let in: the camera is back for the viewer.
  await page.getByTestId("cg-list").getByText("重点监舍").click();
  await page.getByTestId("cg-name").fill("重点监舍（一监区）");
  await page.getByTestId("cg-role-viewer").check();
  await page.getByTestId("cg-save").click();
  await expect(page.getByTestId("cg-list")).toContainText("重点监舍（一监区）");
  await expect(viewer.getByTestId(`tree-node-${cam}`)).toBeVisible({ timeout: 15_000 });

  // Viewers out again, then the group deleted: gone, then back.
  await page.getByTestId("cg-list").getByText("重点监舍（一监区）").click();
  await page.getByTestId("cg-role-viewer").uncheck();
  await page.getByTestId("cg-save").click();
  await expect(viewer.getByTestId(`tree-node-${cam}`)).toHaveCount(0, { timeout: 15_000 });
  await page.getByTestId("cg-list").getByText("重点监舍（一监区）").click();
  page.once("dialog", (d) => void d.accept());
  await page.getByTestId("cg-delete").click();
  await expect(page.getByTestId("cg-list")).toHaveCount(0);
  await expect(viewer.getByTestId(`tree-node-${cam}`)).toBeVisible({ timeout: 15_000 });
  await viewer.context().close();
});
