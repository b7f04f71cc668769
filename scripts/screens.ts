// `npm run screens [-- --only duty,console] [-- --at 09:30]`: the screen gallery of issue 12. Builds the wall if its
// sources changed, starts a gateway of its own (free ports, a temporary DATA_DIR, simulated cameras, the
// shared clip cache), puts the demo data in through the public APIs, then shoots every page at every
// size it runs on — docs/screens/<page>-<w>x<h>.png (zh-CN), plus the console and the duty console in
// English at 1920×1080 — and writes docs/screens/README.md. Stops everything it started, also on Ctrl-C.
// A shot over ~600 KB as PNG (camera pictures) is taken again as JPEG quality 80 (.jpg); the run fails
// when the gallery passes 15 MB, since the repository carries it.
// Owns: the gallery run. Never: touches a running `npm start` gateway or its data.
import { execSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { localDate, MINUTE_MS } from "@cw/alerts";
import { type Browser, type BrowserContext, chromium, type Page } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "../e2e/support/chromium";
import { PASSWORD } from "../e2e/support/fixtures";
import { type GatewayProcess, removeDataDir, repoRoot, startGateway } from "../e2e/support/gateway";
import { settle } from "../e2e/support/layout";
import { logIn, type Size, videosShowing, type WallPage, wallPages } from "../e2e/support/pages";
import { type DemoPlan, demoGatewayEnv, demoPlan, seedDemo } from "./demo-seed";
import { galleryMarkdown, type Shot } from "./screens/gallery";
import { buildWallIfStale } from "./wallBuild.mjs";

const OUT = join(repoRoot, "docs", "screens");
const PNG_LIMIT = 600 * 1024;
const TOTAL_LIMIT = 15 * 1024 * 1024;
const ENGLISH: ReadonlyArray<{ page: string; size: Size }> = [
  { page: "console", size: [1920, 1080] },
  { page: "duty", size: [1920, 1080] },
];

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const onlyArg = arg("--only");
const only = onlyArg === undefined ? null : new Set(onlyArg.split(","));
/** --at HH:MM: the bureau's time of day the demo gateway's clock shows (default 14:30). */
const at = arg("--at");

async function shoot(page: Page, wall: WallPage, base: string): Promise<{ file: string; bytes: number }> {
  const png = await page.screenshot({ type: "png", animations: "disabled" });
  let file = `${base}.png`;
  let bytes = png;
  if (png.length > PNG_LIMIT) {
    file = `${base}.jpg`;
    bytes = await page.screenshot({ type: "jpeg", quality: 80, animations: "disabled" });
  }
  for (const ext of [".png", ".jpg"]) rmSync(join(OUT, base + ext), { force: true });
  writeFileSync(join(OUT, file), bytes);
  console.log(`  ${file} ${Math.round(bytes.length / 1024)} KB${wall.kind === "screen" ? " (big screen)" : ""}`);
  return { file, bytes: bytes.length };
}

async function run(browser: Browser, gw: GatewayProcess, plan: DemoPlan): Promise<void> {
  const seeded = await seedDemo(gw.url, plan, PASSWORD);
  console.log(`seeded in ${(seeded.seedMs / 1000).toFixed(1)} s: ${JSON.stringify(seeded.orders)}`);
  const contexts = new Map<string, Page>();
  const pageAs = async (role: string, lang: "zh-CN" | "en"): Promise<Page> => {
    const key = `${role}/${lang}`;
    const known = contexts.get(key);
    if (known) return known;
    const context: BrowserContext = await browser.newContext({ locale: lang, timezoneId: "Asia/Shanghai" });
    // The wall keeps the chosen language in localStorage (apps/wall/src/i18n/i18n.ts).
    await context.addInitScript((l) => localStorage.setItem("cw.lang", l), lang);
    const page = await context.newPage();
    await logIn(page, gw.url, role, PASSWORD);
    contexts.set(key, page);
    return page;
  };

  const jobs = wallPages.flatMap((wall) => [
    ...wall.sizes.map((size) => ({ wall, size, lang: "zh-CN" as const })),
    ...ENGLISH.filter((e) => e.page === wall.name).map((e) => ({ wall, size: e.size, lang: "en" as const })),
  ]);
  const shots: Shot[] = [];
  for (const { wall, size, lang } of jobs) {
    if (only && !only.has(wall.name)) continue;
    const [width, height] = size;
    const page = await pageAs(wall.role, lang);
    await page.setViewportSize({ width, height });
    const path = wall.path(seeded);
    await page.goto(gw.url + path);
    await wall.ready(page);
    const showing = await videosShowing(page);
    await settle(page);
    const base = `${wall.name}${lang === "en" ? "-en" : ""}-${width}x${height}`;
    const { file, bytes } = await shoot(page, wall, base);
    shots.push({
      file,
      page: wall.name,
      title: wall.title,
      path,
      role: wall.role,
      width,
      height,
      lang,
      bytes,
      videosShowing: showing,
    });
  }

  const total = readdirSync(OUT)
    .filter((f) => /\.(png|jpg)$/.test(f))
    .reduce((n, f) => n + statSync(join(OUT, f)).size, 0);
  const commit = execSync("git rev-parse --short HEAD", { cwd: repoRoot }).toString().trim();
  const bureau = new Date(plan.now + plan.tzOffsetMin * MINUTE_MS).toISOString().slice(11, 16);
  if (only === null) {
    const info = {
      generatedAt: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
      bureauTime: `${localDate(plan.now, plan.tzOffsetMin)} ${bureau}`,
      commit,
      seedSummary: `${seeded.alarms} alarms, ${seeded.rollCallReports} roll-call reports, 3 orders, inspection of ${seeded.inspection.prisonId}/${seeded.inspection.blockId}`,
    };
    writeFileSync(join(OUT, "README.md"), galleryMarkdown(shots, info));
  }
  console.log(`\n${shots.length} shots; docs/screens holds ${(total / 1024 / 1024).toFixed(1)} MB of images`);
  if (total > TOTAL_LIMIT) {
    throw new Error(`docs/screens is ${(total / 1024 / 1024).toFixed(1)} MB, over the 15 MB the repository carries`);
  }
}

async function main(): Promise<void> {
  const t0 = Date.now();
  buildWallIfStale();
  mkdirSync(OUT, { recursive: true });
  const plan = demoPlan(at === undefined ? {} : { at });
  const gw = await startGateway(demoGatewayEnv(plan));
  let browser: Browser | null = null;
  const stop = async () => {
    await browser?.close();
    await gw.stop();
    removeDataDir(gw);
  };
  process.once("SIGINT", () => void stop().then(() => process.exit(130)));
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    await run(browser, gw, plan);
  } finally {
    await stop();
  }
  console.log(`npm run screens: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
