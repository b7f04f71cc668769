// GB/T 28181 on the wall, in Chromium: a simulated NVR (its own SIP, GBK catalogue, PS over RTP) registers
// with a real gateway; a commander assigns it to 盘锦监狱; its camera, found in the tree, plays in hls.js —
// with media over UDP, TCP passive and TCP active, and over UDP with 1 % loss and reordering.
import type { Page } from "@playwright/test";
import { expect, expectPlaying, login, PASSWORD, test } from "../support/fixtures";
import { freePort, type GatewayProcess, removeDataDir, startGateway } from "../support/gateway";
import { prisonCatalog } from "../support/gb-sim/catalog";
import { SimDevice } from "../support/gb-sim/device";
import { encodeFrames } from "../support/gb-sim/media/encode";
import type { Impairment } from "../support/gb-sim/media/rtp";

const SERVER_ID = "34020000002000000001";
const DOMAIN = "3402000000";
const DEVICE = "34020000001180000001";
const DEVICE_PASSWORD = "gb-e2e-pass";
const catalog = prisonCatalog(DOMAIN, 2, 2, 4);
const camera = catalog.find((c) => c.kind === "camera")!;
const frames = encodeFrames({ codec: "h264", seconds: 4, size: "640x360", gop: 25 });

let gw: GatewayProcess | null = null;
let device: SimDevice | null = null;

test.afterAll(async () => {
  await device?.close();
  await gw?.stop();
  if (gw) removeDataDir(gw);
});

async function setUp(transport: string, impairment?: Impairment): Promise<GatewayProcess> {
  await device?.close();
  if (gw) {
    await gw.stop();
    removeDataDir(gw);
  }
  const sipPort = await freePort();
  const base = 27_000 + Math.floor(Math.random() * 50) * 20;
  gw = await startGateway({
    SIM: "0",
    FEED_SIM: "0",
    GB_PASSWORD: DEVICE_PASSWORD,
    GB_SIP_PORT: String(sipPort),
    GB_SERVER_ID: SERVER_ID,
    GB_DOMAIN: DOMAIN,
    GB_MEDIA_PORTS: `${base}-${base + 19}`,
    GB_MEDIA_TRANSPORT: transport,
  });
  device = new SimDevice({
    server: { host: "127.0.0.1", port: sipPort, id: SERVER_ID, domain: DOMAIN },
    deviceId: DEVICE,
    password: DEVICE_PASSWORD,
    transport: "udp",
    channels: catalog,
    media: { codec: "h264", frames },
    ...(impairment ? { impairment } : {}),
  });
  await device.start();
  expect(await device.register()).toBe(200);
  // The commander assigns the device to a prison (API): its cameras join that prison's tree.
  const session = await fetch(`${gw.url}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "commander", password: PASSWORD }),
  });
  const cookie = (session.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  await expect
    .poll(async () => {
      const r = await fetch(`${gw!.url}/api/v1/gb/devices/${DEVICE}`, { headers: { cookie } });
      return ((await r.json()) as { channels?: unknown[] }).channels?.length ?? 0;
    })
    .toBe(catalog.length);
  const put = await fetch(`${gw.url}/api/v1/gb/devices/${DEVICE}`, {
    method: "PUT",
    headers: { cookie, "content-type": "application/json" },
    body: JSON.stringify({ prisonId: "pj" }),
  });
  expect(put.status).toBe(200);
  return gw;
}

async function playGbCamera(page: Page, g: GatewayProcess): Promise<void> {
  const fatal: string[] = [];
  await page.exposeFunction("__cwHlsFatal", (m: string) => fatal.push(m));
  await login(page, g.url, "commander");
  await page.getByTestId("tree-search").fill(`gb-${camera.id}`);
  await page.getByTestId(`tree-node-gb-${camera.id}`).click();
  await expectPlaying(page, "player-video", 3);
  expect(fatal).toEqual([]);
}

test.describe.configure({ mode: "serial" });

for (const transport of ["udp", "tcp-passive", "tcp-active"]) {
  test(`a GB camera plays on the wall over ${transport}`, async ({ page }) => {
    const g = await setUp(transport);
    await playGbCamera(page, g);
    expect(device!.inviteCalls.size).toBeGreaterThanOrEqual(1);
    if (transport === "udp") {
      // The devices page (commanders): the NVR, online, its cameras, its prison.
      await page.goto(`${g.url}/devices`);
      await expect(page.getByTestId(`device-state-${DEVICE}`)).toHaveText(/在线|Online/);
      await page.getByTestId(`device-${DEVICE}`).click();
      await expect(page.getByTestId("device-prison")).toHaveValue("pj");
    }
  });
}

test("1 % RTP loss with reordering: the GB tile keeps playing", async ({ page }) => {
  const g = await setUp("udp", { loss: 0.01, reorder: 0.03, maxDelay: 4 });
  await playGbCamera(page, g);
  await expectPlaying(page, "player-video", 4);
});
