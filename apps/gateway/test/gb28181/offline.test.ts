// A GB device that stops keeping alive goes offline in the whole gateway: one video-loss alarm for its
// camera marked important (nobody watches it), none for its 63 other cameras; marking a camera important
// is a PATCH that leaves its streams alone.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../../../e2e/support/gateway";
import { prisonCatalog } from "../../../../e2e/support/gb-sim/catalog";
import { SimDevice } from "../../../../e2e/support/gb-sim/device";
import { makeConfig } from "../../src/config";
import type { Gateway } from "../../src/gateway";
import { createLogger } from "../../src/log";
import { startGateway } from "../../src/start";
import { demoPassword, loginWith, type Requester, requester, tempDir } from "../helpers";
import { clip, DEVICE, DOMAIN, PASSWORD, SERVER_ID, until } from "./harness";

let gw: Gateway;
let req: Requester;
let dir: string;
let device: SimDevice;
const catalog = prisonCatalog(DOMAIN);
const cameras = catalog.filter((c) => c.kind === "camera");
const important = `gb-${cameras[5]!.id}`;

beforeAll(async () => {
  dir = tempDir();
  const sipPort = await freePort();
  const base = 26_000 + Math.floor(Math.random() * 100) * 20;
  gw = await startGateway(
    makeConfig({
      port: 0,
      host: "127.0.0.1",
      rtmpPort: 0,
      dataDir: dir,
      demoPassword,
      logLevel: "silent",
      wallDir: join(dir, "no-wall"),
      sim: false,
      feedSim: false,
      gbPassword: PASSWORD,
      gbSipPort: sipPort,
      gbServerId: SERVER_ID,
      gbDomain: DOMAIN,
      gbMediaPorts: `${base}-${base + 19}`,
      gbKeepaliveS: 0.5,
    }),
    createLogger("silent"),
  );
  req = requester(gw.url);
  device = new SimDevice({
    server: { host: "127.0.0.1", port: sipPort, id: SERVER_ID, domain: DOMAIN },
    deviceId: DEVICE,
    password: PASSWORD,
    transport: "udp",
    channels: catalog,
    media: { codec: "h264", frames: clip("h264") },
    keepaliveS: 0.2,
    pageSize: 16,
  });
  await device.start();
  expect(await device.register()).toBe(200);
  device.startKeepalive();
}, 60_000);

afterAll(async () => {
  await device?.close();
  await gw?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a GB device going offline", () => {
  it("raises video loss for its important unwatched camera only", async () => {
    const commander = await loginWith(req, "commander");
    const store = gw.core.features.catalogue.store;
    let channels = 0;
    const start = Date.now();
    while (channels < catalog.length && Date.now() - start < 10_000) {
      const r = await req(`/api/v1/gb/devices/${DEVICE}`, { cookie: commander });
      channels = r.status === 200 ? ((await r.json()) as { channels: unknown[] }).channels.length : 0;
      if (channels < catalog.length) await new Promise((r) => setTimeout(r, 50));
    }
    expect(channels).toBe(catalog.length);
    expect(
      (await req(`/api/v1/gb/devices/${DEVICE}`, { method: "PUT", cookie: commander, json: { prisonId: "pj" } }))
        .status,
    ).toBe(200);
    expect(store.cameras().filter((c) => c.source.kind === "gb28181")).toHaveLength(64);
    const patch = await req(`/api/v1/cameras/${important}`, {
      method: "PATCH",
      cookie: commander,
      json: { important: true },
    });
    expect(patch.status).toBe(200);
    expect(((await patch.json()) as { important?: boolean }).important).toBe(true);
    const videoLoss = () =>
      (gw.core.features.alarms.plane.reads.alarms({ limit: 100 }, null) as { type: string; cameraId: string }[]).filter(
        (a) => a.type === "video_loss",
      );
    expect(videoLoss()).toEqual([]);

    device.stopKeepalive();
    await until(() => videoLoss().length > 0, 5000, "video loss");
    expect(videoLoss()).toEqual([
      expect.objectContaining({ cameraId: important, prisonId: "pj", description: "the device is offline" }),
    ]);
    const audit = (await (await req("/api/v1/audit?type=gb.device.offline", { cookie: commander })).json()) as {
      events: unknown[];
    };
    expect(audit.events).toHaveLength(1);
  });
});
