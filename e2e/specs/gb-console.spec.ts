// GB/T 28181 on the console, in Chromium: a simulated NVR registers with a real gateway and is assigned to
// 盘锦监狱. A commander maximises the tile of its PTZ camera and steers it from the tile's PTZ controls: the
// device receives each PTZCmd with a correct checksum and every command is in the audit log; a role without
// cameras.ptz, or a fixed camera, gets no controls. A device alarm (Alarm notify) appears on the duty console
// with its camera, which plays in the alarm's details. A channel that maps to no block waits in the tree
// under its prison's 未分配 group, to be dragged onto a block (or moved there from the keyboard).
import type { Page } from "@playwright/test";
import { expect, expectPlaying, login, PASSWORD, test } from "../support/fixtures";
import { freePort, type GatewayProcess, removeDataDir, startGateway } from "../support/gateway";
import { prisonCatalog, type SimChannel } from "../support/gb-sim/catalog";
import { SimDevice } from "../support/gb-sim/device";
import { encodeFrames } from "../support/gb-sim/media/encode";
import { readPtzCmd } from "../support/gb-sim/ptz";

const SERVER_ID = "34020000002000000001";
const DOMAIN = "3402000000";
const DEVICE = "34020000001180000001";
const DEVICE_PASSWORD = "gb-e2e-pass";
// Plus a business group no block of 盘锦监狱 is called, with one camera: it maps nowhere (未分配).
const lost = {
  id: `${DOMAIN}1320000099`,
  name: "指挥中心全景",
  parentId: `${DOMAIN}2150000099`,
  kind: "camera",
} as const;
// A second one, moved into place from the keyboard.
const lost2 = { ...lost, id: `${DOMAIN}1320000098`, name: "指挥中心走廊" } as const;
const catalog: SimChannel[] = [
  ...prisonCatalog(DOMAIN, 2, 2, 4),
  { id: `${DOMAIN}2150000099`, name: "指挥中心", parentId: DOMAIN, kind: "group" },
  lost,
  lost2,
];
const ptzCamera = catalog.find((c) => c.kind === "camera" && c.ptz)!;
const fixedCamera = catalog.find((c) => c.kind === "camera" && !c.ptz)!;

let gw: GatewayProcess;
let device: SimDevice;

async function api(path: string, username: string, init: { method?: string; body?: unknown } = {}) {
  const session = await fetch(`${gw.url}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const cookie = (session.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return fetch(`${gw.url}${path}`, {
    method: init.method ?? "GET",
    headers: { cookie, ...(init.body === undefined ? {} : { "content-type": "application/json" }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  const sipPort = await freePort();
  const base = 28_000 + Math.floor(Math.random() * 50) * 20;
  gw = await startGateway({
    SIM: "0",
    FEED_SIM: "0",
    GB_PASSWORD: DEVICE_PASSWORD,
    GB_SIP_PORT: String(sipPort),
    GB_SERVER_ID: SERVER_ID,
    GB_DOMAIN: DOMAIN,
    GB_MEDIA_PORTS: `${base}-${base + 19}`,
  });
  device = new SimDevice({
    server: { host: "127.0.0.1", port: sipPort, id: SERVER_ID, domain: DOMAIN },
    deviceId: DEVICE,
    password: DEVICE_PASSWORD,
    transport: "udp",
    channels: catalog,
    media: { codec: "h264", frames: encodeFrames({ codec: "h264", seconds: 4, size: "640x360", gop: 25 }) },
  });
  await device.start();
  expect(await device.register()).toBe(200);
  await expect
    .poll(
      async () =>
        (
          ((await (await api(`/api/v1/gb/devices/${DEVICE}`, "commander")).json()) as { channels?: unknown[] })
            .channels ?? []
        ).length,
    )
    .toBe(catalog.length);
  expect(
    (await api(`/api/v1/gb/devices/${DEVICE}`, "commander", { method: "PUT", body: { prisonId: "pj" } })).status,
  ).toBe(200);
});

test.afterAll(async () => {
  await device?.close();
  await gw?.stop();
  if (gw) removeDataDir(gw);
});

/** Puts the camera on the wall from the tree and maximises its tile; returns the tile. */
async function maximise(page: Page, cameraId: string) {
  await page.getByTestId("tree-search").fill(cameraId);
  await page.getByTestId(`tree-node-${cameraId}`).click();
  const tile = page.locator(`[data-testid^="tile-"][data-camera-id="${cameraId}"]`);
  await expect(tile).toHaveCount(1);
  await tile.dblclick();
  await expect(tile).toHaveClass(/maximised/);
  return tile;
}

test("a commander steers a GB PTZ camera from its maximised tile; the device gets valid PTZCmd bytes", async ({
  page,
}) => {
  await login(page, gw.url, "commander");
  const tile = await maximise(page, `gb-${ptzCamera.id}`);
  const panel = tile.getByTestId("ptz-panel");
  await expect(panel).toBeVisible();

  // Press and release ◀: a move left at the default speed, then a stop after it.
  await panel.getByTestId("ptz-left").click();
  await expect.poll(() => device.ptzCommands.length).toBe(2);
  // Full speed, zoom in (the zoom speed is 4 bits: 255 → 15).
  await panel.getByTestId("ptz-speed").focus();
  await page.keyboard.press("End");
  await expect(panel.getByTestId("ptz-speed")).toHaveValue("255");
  await panel.getByTestId("ptz-zoomIn").click();
  await expect.poll(() => device.ptzCommands.length).toBe(4);
  // Preset 7.
  await panel.getByTestId("ptz-preset-number").fill("7");
  await panel.getByTestId("ptz-preset").click();
  await expect.poll(() => device.ptzCommands.length).toBe(5);

  const cmds = device.ptzCommands.map((h) => readPtzCmd(h));
  for (const c of cmds) expect(c?.valid, "checksum and header").toBe(true);
  expect(device.ptzCommands[0]).toBe("A50F010280000037"); // left, pan speed 128 (A.3 by hand)
  expect(cmds[0]).toMatchObject({ move: { left: true, right: false }, panSpeed: 128, address: 1 });
  expect(cmds[1]).toMatchObject({ instruction: 0, panSpeed: 0, tiltSpeed: 0, zoomSpeed: 0 });
  expect(cmds[2]).toMatchObject({ move: { zoomIn: true, zoomOut: false }, zoomSpeed: 15 });
  expect(cmds[3]).toMatchObject({ instruction: 0 });
  expect(cmds[4]).toMatchObject({ instruction: 0x82, preset: 7 });
  await expect(panel.getByTestId("ptz-error")).toHaveCount(0);

  // Every command is in the audit log, with the commander.
  const audit = (await (await api("/api/v1/audit?type=gb.ptz", "commander")).json()) as {
    events: { actor: string; data: { cameraId: string; action: string } }[];
  };
  expect(audit.events.map((e) => e.data.action).sort()).toEqual(["left", "preset", "stop", "stop", "zoomIn"]);
  expect(audit.events.every((e) => e.actor === "commander" && e.data.cameraId === `gb-${ptzCamera.id}`)).toBe(true);

  // A fixed camera (PTZType 3) gets no controls.
  await tile.dblclick();
  await expect(tile).not.toHaveClass(/maximised/);
  const fixed = await maximise(page, `gb-${fixedCamera.id}`);
  await expect(fixed.getByTestId("ptz-panel")).toHaveCount(0);
});

test("the duty officer (no cameras.ptz) gets no PTZ controls on the same camera", async ({ page }) => {
  await login(page, gw.url, "duty");
  await page.goto(`${gw.url}/`);
  await expect(page.getByTestId("tree")).toBeVisible();
  const tile = await maximise(page, `gb-${ptzCamera.id}`);
  await expect(tile.getByTestId("player-state")).toBeVisible();
  await expect(tile.getByTestId("ptz-panel")).toHaveCount(0);
});

test("a GB device alarm appears on the duty console with its camera, which plays", async ({ page }) => {
  await login(page, gw.url, "duty");
  await page.goto(`${gw.url}/duty`);
  await expect(page.getByTestId("alarm-queue")).toBeVisible();
  await expect(page.getByTestId("conn-state")).toHaveAttribute("data-state", "connected");
  // The device's clock is the bureau's local time (China, UTC+8), written without an offset.
  const local = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 19);
  const answer = await device.alarm(6, "监舍区域入侵", ptzCamera.id, { method: 5, priority: 2, time: local });
  expect(answer.start).toMatch(/^SIP\/2\.0 200/);

  const row = page.locator('[data-testid^="alarm-row-"]').filter({ hasText: "监舍区域入侵" });
  await expect(row).toHaveCount(1, { timeout: 5_000 });
  await expect(row).toHaveAttribute("data-state", "open");
  await expect(row).toHaveAttribute("data-severity", "2");
  await expect(row).toContainText(ptzCamera.name); // names on screen, not ids
  await expect(row).toContainText("盘锦监狱");
  await row.click();
  const details = page.getByTestId("alarm-details");
  await expect(details).toContainText(/周界入侵|Perimeter intrusion/);
  await expect(details).toContainText(`gb:${ptzCamera.id}:5:6:`);
  await expectPlaying(page, "player-video", 2);
});

test("a GB channel that maps to no block waits under 未分配 in its prison's tree and is dragged (or moved from the keyboard) into place", async ({
  page,
}) => {
  await login(page, gw.url, "commander");
  const lostRow = page.getByTestId(`tree-node-gb-${lost.id}`);
  // The search answer says where it waits; a camera the catalogue placed is not there.
  await page.getByTestId("tree-search").fill("指挥中心全景");
  await expect(lostRow).toContainText("盘锦监狱 › 未分配");
  await page.getByTestId("tree-search").fill(ptzCamera.name);
  await expect(page.getByTestId(`tree-node-gb-${ptzCamera.id}`)).toBeVisible();
  await expect(page.getByTestId(`tree-node-gb-${ptzCamera.id}`)).not.toContainText("未分配");
  // A click plays the waiting camera like any other.
  await page.getByTestId("tree-search").fill("指挥中心全景");
  await lostRow.click();
  await expect(page.locator(`[data-testid^="tile-"][data-camera-id="gb-${lost.id}"]`)).toHaveCount(1);

  // In the tree: the 未分配 group at the end of 盘锦监狱 holds the two (and nothing else).
  await page.getByTestId("tree-search").fill("");
  const group = page.getByTestId("tree-node-unassigned:pj");
  await expect(group).toContainText("未分配");
  await group.click();
  await expect(page.locator('[data-parent="unassigned:pj"]')).toHaveCount(2);
  // 一监区 closed, so that the camera and 二监区 are on screen together (a drag does not scroll the tree;
  // the tree draws only the rows on screen, so it is scrolled back up to reach 一监区 first).
  await page.getByTestId("tree").evaluate((el) => el.scrollTo(0, 0));
  await page.getByTestId("tree-node-pj-b1").click();
  await expect(page.getByTestId("tree-node-pj-b1")).toHaveAttribute("aria-expanded", "false");
  await expect(lostRow).toHaveAttribute("data-parent", "unassigned:pj");

  // Dragged onto 二监区: moved there (PATCH, then the live socket's change moves the row, no reload).
  const b2Count = page.getByTestId("tree-node-pj-b2").locator(".tree-count");
  const before = Number(await b2Count.textContent());
  await lostRow.dragTo(page.getByTestId("tree-node-pj-b2"));
  await expect(b2Count).toHaveText(String(before + 1));
  await expect(page.locator('[data-parent="unassigned:pj"]')).toHaveCount(1);
  await page.getByTestId("tree-node-pj-b2").click();
  await expect(lostRow).toHaveAttribute("data-parent", "pj-b2");
  const placed = (await (await api(`/api/v1/cameras/gb-${lost.id}`, "commander")).json()) as { blockId: string };
  expect(placed.blockId).toBe("pj-b2");
  await page.getByTestId("tree-node-pj-b2").click(); // closed again: the rest stays on screen

  // The keyboard's way: M on the row opens the places of its prison, ↓ and Enter pick one.
  await page.getByTestId(`tree-node-gb-${lost2.id}`).focus();
  await page.keyboard.press("m");
  const menu = page.getByTestId("tree-move-menu");
  await expect(menu).toContainText("指挥中心走廊");
  await expect(menu.getByTestId("tree-move-to-pj-b1")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByTestId("tree-move-to-pj-b1-s1")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveCount(0);
  await expect(group).toHaveCount(0);
  await expect
    .poll(
      async () =>
        ((await (await api(`/api/v1/cameras/gb-${lost2.id}`, "commander")).json()) as { subBlockId: string })
          .subBlockId,
    )
    .toBe("pj-b1-s1");
});
