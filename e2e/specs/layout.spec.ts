// Issue 12's layout spec: every page at every size it runs on, logged in as the role that uses it, on a
// province full of demo data (scripts/demo-seed.ts). Per page × size: the shell's bar is in the top 64 px
// (big-screen outputs have none); nothing scrolls sideways or sticks out past the right edge; no visible
// text sits on other text; on big screens nothing is outside the viewport; axe-core finds no serious or
// critical WCAG 2.1 AA violation (colour contrast included). Each failure names the page, the size and
// the texts / elements / axe rules concerned.
// One gateway for the file; one browser context (one login) per role, its page reused across sizes.
// Run alone: (cd e2e && npx playwright test layout [-g duty])
import { type Browser, expect, type Page, test } from "@playwright/test";
import { type DemoSeeded, demoGatewayEnv, demoPlan, seedDemo } from "../../scripts/demo-seed";
import { PASSWORD } from "../support/fixtures";
import { type GatewayProcess, removeDataDir, startGateway } from "../support/gateway";
import { axeProblems, layoutProblems, measure, settle } from "../support/layout";
import { logIn, type WallPage, wallPages } from "../support/pages";

let gw: GatewayProcess;
let seeded: DemoSeeded;
const pages = new Map<WallPage["role"], { page: Page; errors: string[] }>();

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const plan = demoPlan();
  gw = await startGateway(demoGatewayEnv(plan));
  seeded = await seedDemo(gw.url, plan, PASSWORD);
});
test.afterAll(async () => {
  for (const { page } of pages.values()) await page.context().close();
  await gw?.stop();
  if (gw) removeDataDir(gw);
});

/** The role's page, logged in once through the login form (the session cookie then serves every size). */
async function pageFor(browser: Browser, role: WallPage["role"]): Promise<{ page: Page; errors: string[] }> {
  const known = pages.get(role);
  if (known) return known;
  const page = await (await browser.newContext()).newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
  await logIn(page, gw.url, role, PASSWORD);
  const entry = { page, errors };
  pages.set(role, entry);
  return entry;
}

// One test per page, one step per size: Playwright replaces its worker (and so this file's gateway) after
// every failed test, so a test per page × size would re-seed the demo province up to 44 times.
for (const wall of wallPages) {
  test(`${wall.name} at ${wall.sizes.map(([w, h]) => `${w}x${h}`).join(", ")}`, async ({ browser }) => {
    test.setTimeout(60_000 * wall.sizes.length);
    const { page, errors } = await pageFor(browser, wall.role);
    const path = wall.path(seeded);
    for (const [width, height] of wall.sizes) {
      const where = `${path} (${wall.role}) at ${width}×${height}`;
      await test.step(where, async () => {
        await page.setViewportSize({ width, height });
        await page.goto(gw.url + path);
        await wall.ready(page);
        await settle(page);
        const p = layoutProblems(await measure(page, wall), wall);
        expect.soft(p.bar, `${where}: the shell's top bar`).toEqual([]);
        expect.soft(p.scroll, `${where}: horizontal scroll`).toEqual([]);
        expect.soft(p.outside, `${where}: boxes outside the viewport`).toEqual([]);
        expect.soft(p.overlaps, `${where}: text over text`).toEqual([]);
        expect.soft(await axeProblems(page), `${where}: axe serious/critical violations`).toEqual([]);
        expect.soft(errors.splice(0), `${where}: page errors`).toEqual([]);
      });
    }
  });
}
