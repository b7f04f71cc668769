// The wall's pages as people use them: which role opens each, on which screens, and what "loaded" means
// for it (its data on screen, not a network lull — live pages never go quiet). Shared by the layout spec
// (e2e/specs/layout.spec.ts) and the screen gallery (scripts/screens.ts).
// Owns: the page × role × size table of issue 12 and the per-page ready waits. Never: asserts layout.
import type { Page } from "@playwright/test";
import type { DemoSeeded } from "../../scripts/demo-seed";

export type Size = readonly [width: number, height: number];

/** Operator consoles (desk monitors) and big-screen outputs (wall controllers), issue 12. */
export const consoleSizes: readonly Size[] = [
  [1366, 768],
  [1600, 900],
  [1920, 1080],
  [2560, 1440],
];
export const screenSizes: readonly Size[] = [
  [1920, 1080],
  [3840, 2160],
];

export interface WallPage {
  /** File-name-safe name: docs/screens/<name>-<w>x<h>.png. */
  name: string;
  /** Caption for the gallery. */
  title: string;
  role: "commander" | "duty" | "chief" | "operator-pj" | "admin";
  path(seeded: DemoSeeded): string;
  /** console: has the shell's top bar; screen: chrome-less big-screen output. */
  kind: "console" | "screen";
  sizes: readonly Size[];
  /** Resolves when the page shows its data. */
  ready(page: Page): Promise<void>;
}

const LOAD_MS = 30_000;

/** Resolves when at least one element matches (a list has rows, a board has cells). */
async function some(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().waitFor({ state: "visible", timeout: LOAD_MS });
}

const page = (
  name: string,
  title: string,
  role: WallPage["role"],
  path: WallPage["path"],
  ready: WallPage["ready"],
  kind: WallPage["kind"] = "console",
): WallPage => ({ name, title, role, path, kind, sizes: kind === "console" ? consoleSizes : screenSizes, ready });

export const wallPages: readonly WallPage[] = [
  page(
    "console",
    "指挥长控制台 Commander console",
    "commander",
    () => "/",
    (p) => some(p, "[data-testid^='tree-node-']"),
  ),
  page(
    "orders",
    "指令 Orders",
    "commander",
    () => "/orders",
    (p) => some(p, "[data-testid^='order-row-']"),
  ),
  page(
    "overview",
    "态势总览 Overview",
    "commander",
    () => "/overview",
    async (p) => {
      await some(p, "[data-testid='overview-map'] canvas");
      await some(p, "[data-testid='chart-types']:not([data-total='0'])");
    },
  ),
  page(
    "reports",
    "研判报表 Reports",
    "commander",
    () => "/reports",
    (p) => some(p, "[data-testid='report-row-province-alarms.total']"),
  ),
  page(
    "duty",
    "值班台 Duty console",
    "duty",
    () => "/duty",
    (p) => some(p, "[data-testid^='alarm-row-']"),
  ),
  page(
    "rollcalls",
    "点名看板 Roll-call board",
    "duty",
    () => "/rollcalls",
    (p) => some(p, "[data-testid^='rc-cell-']"),
  ),
  page(
    "inspection",
    "视频督查 Inspection",
    "chief",
    () => "/inspection",
    (p) => some(p, "[data-testid='inspection-target']"),
  ),
  page(
    "inspection-verify",
    "抽签验证 Draw verification",
    "chief",
    (s) => `/inspection/verify/${s.inspection.date}`,
    (p) => some(p, "[data-testid='verify-result'][data-ok]"),
  ),
  page(
    "inspection-record",
    "督查记录 Inspection record",
    "chief",
    (s) => `/inspection/record/${s.inspection.date}`,
    (p) => some(p, "[data-testid='record-status']"),
  ),
  page(
    "audit",
    "审计日志 Audit trail",
    "chief",
    () => "/audit",
    (p) => some(p, "[data-testid='audit-row']"),
  ),
  page(
    "unit",
    "监狱指挥中心终端 Prison terminal (盘锦)",
    "operator-pj",
    () => "/unit",
    (p) => some(p, "[data-testid^='order-o-']"),
  ),
  page(
    "playback",
    "录像回放 Playback",
    "commander",
    () => "/playback?cameras=pj-b1-s1-cell",
    (p) => some(p, "[data-testid^='pb-timeline-']"),
  ),
  page(
    "recording-plans",
    "录像计划 Recording plans",
    "commander",
    () => "/recording-plans",
    (p) => some(p, "[data-testid^='plans-node-']"),
  ),
  page(
    "devices",
    "国标设备 GB/T 28181 devices",
    "commander",
    () => "/devices",
    (p) => some(p, "[data-testid='devices-page']"),
  ),
  page(
    "users",
    "用户管理 Users",
    "admin",
    () => "/users",
    (p) => some(p, "[data-testid^='user-row-']"),
  ),
  page(
    "camera-groups",
    "摄像机分组 Camera groups",
    "admin",
    () => "/camera-groups",
    async (p) => {
      // The seeded group opened in the editor, its camera choices listed: the list and the form both measured.
      await some(p, "[data-testid^='cg-group-']");
      await p.locator("[data-testid^='cg-group-']").first().click();
      await some(p, "[data-testid^='cg-camera-']");
    },
  ),
  page(
    "screen-1",
    "大屏输出 1 Big screen 1",
    "commander",
    () => "/screen/1",
    (p) => some(p, "[data-testid='screen-1'][data-conn='connected'] [data-camera-id]"),
    "screen",
  ),
  page(
    "screen-dashboard",
    "大屏态势 Dashboard screen",
    "commander",
    () => "/screen/dashboard",
    async (p) => {
      await some(p, "[data-testid='screen-dashboard'] canvas");
      await some(p, "[data-testid='alarm-ticker'] li");
    },
    "screen",
  ),
];

/** Resolves when every visible <video> on the page has a picture (gallery shots show cameras, not spinners). */
export async function videosShowing(p: Page, timeoutMs = 45_000): Promise<boolean> {
  try {
    await p.waitForFunction(
      () =>
        [...document.querySelectorAll("video")]
          .filter((v) => v.getClientRects().length > 0)
          .every((v) => v.readyState >= 2 && v.videoWidth > 0),
      undefined,
      { timeout: timeoutMs, polling: 250 },
    );
    return true;
  } catch {
    return false;
  }
}

/** Logs in through the login form as a person does, and waits until the form has gone. */
export async function logIn(p: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await p.goto(`${baseUrl}/`);
  await p.getByTestId("login-username").fill(username);
  await p.getByTestId("login-password").fill(password);
  await p.getByTestId("login-submit").click();
  await p.getByTestId("login-submit").waitFor({ state: "detached", timeout: LOAD_MS });
}
