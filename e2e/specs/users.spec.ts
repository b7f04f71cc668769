// The users page in Chromium: an administrator creates an officer (the form refuses a short password before
// sending), resets the password (the temporary one shown once); the officer logs in with it and must choose
// a new one before anything else; the officer changes it again from the user menu; the administrator
// disables the account and the officer's open page drops to the login form by itself (its live socket is
// closed at once); enabled again, the officer logs in, and revoking that session from the sessions list
// ends it the same way. The officer's browser is a second context, as another PC would be.
import type { Browser, Page } from "@playwright/test";
import { expect, login, test } from "../support/fixtures";

const NEW_PASSWORD = "River-Stone-Bridge-7";

async function officerPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  return { page, errors };
}

async function loginForm(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
}

test("an administrator creates, resets, disables and revokes; the officer's page follows at once", async ({
  page,
  gateway,
  browser,
}) => {
  test.setTimeout(120_000);
  await login(page, gateway.url, "admin");
  await expect(page).toHaveURL(/\/users$/);
  await expect(page.getByTestId("nav-users")).toBeVisible();
  const pj = page.getByTestId("user-row-operator-pj");
  await expect(pj).toContainText("盘锦监狱");
  await expect(pj).toContainText("监狱指挥中心");
  await expect(page.getByTestId("user-state-operator-pj")).toContainText("正常");

  // Create: a short password is refused in the form, nothing sent.
  await page.getByTestId("users-new").click();
  await page.getByTestId("user-create-username").fill("li.wei");
  await page.getByTestId("user-create-name").fill("李伟");
  await page.getByTestId("user-create-role").selectOption("operator");
  await page.getByTestId("user-create-prison").selectOption("jz");
  await page.getByTestId("user-create-password").fill("short");
  await page.getByTestId("user-create-submit").click();
  await expect(page.getByTestId("user-create")).toContainText("密码至少 10 位");
  await page.getByTestId("user-create-password").fill("Lantern-Orchard-42");
  await page.getByTestId("user-create-submit").click();
  await expect(page.getByTestId("user-create")).toBeHidden();
  const row = page.getByTestId("user-row-li.wei");
  await expect(row).toContainText("锦州监狱");
  await expect(row).toContainText("从未登录");
  await expect(page.getByTestId("user-detail")).toContainText("李伟 的账号");

  // Edit the role: a duty officer (province-wide) has no prison.
  await page.getByTestId("user-edit-role").selectOption("duty");
  await expect(page.getByTestId("user-edit-prison")).toBeHidden();
  await page.getByTestId("user-save").click();
  await expect(row).toContainText("值班员");
  await expect(row).toContainText("全省");

  // Reset: the temporary password is shown once.
  await page.getByTestId("user-reset").click();
  await page.getByTestId("user-confirm-yes").click();
  const temporary = (await page.getByTestId("user-temporary-password").textContent()) ?? "";
  expect(temporary).toMatch(/^\S{4}-\S{4}-\S{4}$/);
  await expect(page.getByTestId("user-state-li.wei")).toContainText("待改密");

  // The officer logs in with it and must choose a new password before anything else.
  const officer = await officerPage(browser);
  await loginForm(officer.page, gateway.url, "li.wei", temporary);
  const forced = officer.page.getByTestId("forced-password");
  await expect(forced).toContainText("请设置新密码");
  await expect(officer.page.getByTestId("shell-bar")).toBeHidden();
  await officer.page.getByTestId("pw-current").fill(temporary);
  await officer.page.getByTestId("pw-next").fill(NEW_PASSWORD);
  await officer.page.getByTestId("pw-confirm").fill("River-Stone-Bridge-8");
  await officer.page.getByTestId("pw-submit").click();
  await expect(officer.page.getByTestId("pw-error")).toContainText("两次输入的新密码不一致");
  await officer.page.getByTestId("pw-confirm").fill(NEW_PASSWORD);
  await officer.page.getByTestId("pw-submit").click();
  await expect(officer.page.getByTestId("shell-bar")).toBeVisible();
  await expect(officer.page).toHaveURL(/\/duty$/);
  await expect(officer.page.getByTestId("user-name")).toHaveText("李伟");

  // "Change my password" from the user menu, for every role.
  await officer.page.getByTestId("user-menu").click();
  await officer.page.getByTestId("change-password").click();
  await officer.page.getByTestId("pw-current").fill(NEW_PASSWORD);
  await officer.page.getByTestId("pw-next").fill("Granite-Owl-Tower-5");
  await officer.page.getByTestId("pw-confirm").fill("Granite-Owl-Tower-5");
  await officer.page.getByTestId("pw-submit").click();
  await expect(officer.page.getByTestId("pw-done")).toBeVisible();
  await officer.page.getByRole("button", { name: "关闭" }).click();

  // Disable: the officer's open page drops to the login form by itself.
  await page.getByTestId("user-disable").click();
  await expect(page.getByTestId("user-confirm")).toContainText("停用 李伟");
  await page.getByTestId("user-confirm-yes").click();
  await expect(page.getByTestId("user-state-li.wei")).toContainText("已停用");
  await expect(officer.page.getByTestId("login-username")).toBeVisible({ timeout: 5000 });
  await loginForm(officer.page, gateway.url, "li.wei", "Granite-Owl-Tower-5");
  await expect(officer.page.getByTestId("login-error")).toContainText("该账号已停用");

  // Enabled again: the officer logs in; revoking that session from the list ends it the same way.
  await page.getByTestId("user-disable").click();
  await expect(page.getByTestId("user-state-li.wei")).toContainText("正常");
  await loginForm(officer.page, gateway.url, "li.wei", "Granite-Owl-Tower-5");
  await expect(officer.page.getByTestId("shell-bar")).toBeVisible();
  await page.getByTestId("user-row-operator-pj").click();
  await row.click();
  const revoke = page.locator("[data-testid^='session-revoke-']");
  await expect(revoke).toHaveCount(1);
  await revoke.click();
  await expect(page.getByTestId("user-sessions")).toBeHidden();
  await expect(officer.page.getByTestId("login-username")).toBeVisible({ timeout: 5000 });
  await expect(row).not.toContainText("从未登录");
  expect(officer.errors).toEqual([]);
  await officer.page.context().close();
});

test("a role without users.manage is not offered the page and is answered no access", async ({ page, gateway }) => {
  await login(page, gateway.url, "commander");
  await expect(page.getByTestId("nav-users")).toHaveCount(0);
  await page.goto(`${gateway.url}/users`);
  await expect(page.getByTestId("no-access")).toContainText("无权访问此页面");
});
