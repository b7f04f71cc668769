// The recording-plans page in Chromium: a commander sets a scheduled plan on a sub-block from the tree; the
// sub-block shows its own plan in words, its cameras show the plan as inherited and the gateway records
// them by it; a bad value is refused with the field named before anything is sent; clearing returns the
// sub-block to "not recorded"; a duty officer is not offered the page.
import { expect, login, test } from "../support/fixtures";

const PRISON = "jz";
const BLOCK = "jz-b1";
const SUB = "jz-b1-s1";
const CAM = "jz-b1-s1-cell";

test("a commander sets a sub-block's plan; its cameras inherit it; clearing it stops them", async ({
  page,
  gateway,
}) => {
  await login(page, gateway.url, "commander");
  await page.getByTestId("nav-recordingPlans").click();
  await expect(page).toHaveURL(/\/recording-plans$/);
  await expect(page.getByTestId(`plans-node-${PRISON}`)).toContainText("锦州监狱");
  await page.getByTestId(`plans-node-${BLOCK}`).getByRole("button", { name: "展开" }).click();
  await page.getByTestId(`plans-node-${SUB}`).getByRole("button", { name: "一分监区", exact: true }).click();
  const editor = page.getByTestId("plans-editor");
  await expect(editor).toContainText("锦州监狱");
  await expect(page.getByTestId("plans-applies")).toContainText("不录像");

  await page.getByTestId("plans-mode-schedule").check();
  await page.getByTestId("plans-retention").fill("0");
  await page.getByTestId("plans-save").click();
  // Nothing sent: the form names the field.
  await expect(page.getByTestId("plans-problem")).toContainText("保留天数");
  await page.getByTestId("plans-retention").fill("5");
  await page.getByTestId("plans-save").click();
  await expect(page.getByTestId("plans-problem")).toContainText("录像时段");
  await page.getByTestId("plans-add-window").click();
  await page.getByTestId("plans-save").click();

  const sub = page.getByTestId(`plans-node-${SUB}`);
  await expect(sub).toHaveAttribute("data-own", "true");
  await expect(sub).toHaveAttribute("data-mode", "schedule");
  await expect(sub).toContainText("按时段录像 · 保留 5 天 · 1 个时段");
  await expect(page.getByTestId("plans-applies")).toContainText("本级计划");
  await sub.getByRole("button", { name: "展开" }).click();
  const cam = page.getByTestId(`plans-node-${CAM}`);
  await expect(cam).toHaveAttribute("data-own", "false");
  await expect(cam).toContainText("继承：按时段录像");
  // The gateway records the camera by the sub-block's plan.
  const effective = await (await page.request.get(`${gateway.url}/api/v1/cameras/${CAM}/recording`)).json();
  expect(effective).toEqual({
    mode: "schedule",
    retentionDays: 5,
    schedule: [{ days: [1, 2, 3, 4, 5], from: "08:00", to: "18:00" }],
  });

  await cam.getByRole("button", { name: "一分监区监舍", exact: true }).click();
  await expect(page.getByTestId("plans-applies")).toContainText("继承自 一分监区");
  await sub.getByRole("button", { name: "一分监区", exact: true }).click();
  await page.getByTestId("plans-clear").click();
  await expect(sub).toHaveAttribute("data-own", "false");
  await expect(cam).toHaveAttribute("data-mode", "off");
  const after = await (await page.request.get(`${gateway.url}/api/v1/cameras/${CAM}/recording`)).json();
  expect(after).toMatchObject({ mode: "off" });
});

test("a duty officer is not offered the recording plans", async ({ page, gateway }) => {
  await login(page, gateway.url, "duty");
  await expect(page.getByTestId("nav-recordingPlans")).toHaveCount(0);
  await page.goto(`${gateway.url}/recording-plans`);
  await expect(page.getByTestId("no-access")).toBeVisible();
});
