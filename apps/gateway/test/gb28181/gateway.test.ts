// GB/T 28181 through the whole gateway (startGateway: real media plane, event log, HTTP): the simulator
// registers; a commander sees it, assigns it to a prison and its catalogue becomes cameras placed by name
// (一监区 / 1分监区 → pj-b1 / pj-b1-s1); the first playlist request INVITEs, asks for a key frame and the
// stream plays; PTZ reaches the device and the audit log; a device alarm becomes an alarm of the prison with its camera;
// a per-device password takes effect; bad input is 4xx JSON; the stream is BYEd after idle.
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
let commander: string;
const catalog = prisonCatalog(DOMAIN);
const firstCamera = catalog.find((c) => c.kind === "camera")!;
const cameraId = `gb-${firstCamera.id}`;

beforeAll(async () => {
  dir = tempDir();
  const sipPort = await freePort();
  const base = 25_000 + Math.floor(Math.random() * 100) * 20; // below the ephemeral range, apart from the harness
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
      streamIdleS: 4, // short, so the BYE after idle comes quickly — but longer than a cold start under load
      gbPassword: PASSWORD,
      gbSipPort: sipPort,
      gbServerId: SERVER_ID,
      gbDomain: DOMAIN,
      gbMediaPorts: `${base}-${base + 19}`,
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
    pageSize: 4,
  });
  await device.start();
  expect(await device.register()).toBe(200);
  commander = await loginWith(req, "commander");
}, 60_000);

afterAll(async () => {
  await device?.close();
  await gw?.close();
  rmSync(dir, { recursive: true, force: true });
});

const json = async (r: Response) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> });

describe("GB/T 28181 in the gateway", () => {
  it("lists the registered device with its catalogue (DeviceInfo and Catalog asked for on registration)", async () => {
    // The gateway asks for DeviceInfo and the catalogue on registration; poll the API until both are in.
    let list: { devices: Record<string, unknown>[] } = { devices: [] };
    const settled = () => list.devices[0]?.["channelCount"] === 64 && list.devices[0]?.["manufacturer"] === "Hikvision";
    const start = Date.now();
    while (!settled() && Date.now() - start < 10_000) {
      list = (await (await req("/api/v1/gb/devices", { cookie: commander })).json()) as typeof list;
      if (!settled()) await new Promise((r) => setTimeout(r, 50));
    }
    expect(list.devices).toEqual([
      {
        deviceId: DEVICE,
        name: "模拟NVR",
        kind: "device",
        manufacturer: "Hikvision",
        model: "DS-7816N",
        transport: "udp",
        remoteAddress: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
        online: true,
        lastKeepaliveAt: null,
        channelCount: 64,
        prisonId: null,
      },
    ]);
  });

  it("assigning the device to a prison makes its channels cameras, placed by matching names", async () => {
    const r = await json(
      await req(`/api/v1/gb/devices/${DEVICE}`, { method: "PUT", cookie: commander, json: { prisonId: "pj" } }),
    );
    expect(r.status).toBe(200);
    const cam = gw.core.features.catalogue.store.camera(cameraId);
    expect(cam).toMatchObject({
      prisonId: "pj",
      blockId: "pj-b1",
      subBlockId: "pj-b1-s1",
      kind: "cell",
      source: { kind: "gb28181", deviceId: DEVICE, channelId: firstCamera.id },
    });
    expect(gw.core.features.catalogue.store.cameras().filter((c) => c.source.kind === "gb28181")).toHaveLength(64);
    const channels = r.body["channels"] as { cameraId: string | null }[];
    expect(channels.filter((c) => c.cameraId !== null)).toHaveLength(64);
    expect(r.body).not.toHaveProperty("password");
  });

  it("the first playlist request INVITEs; the stream plays; idle → BYE", async () => {
    const play = await json(await req(`/api/v1/cameras/${cameraId}/play?variant=main`, { cookie: commander }));
    expect(play.status).toBe(200);
    const url = `${gw.url}${play.body["hls"] as string}`;
    const res = await fetch(url);
    const text = await res.text();
    const health = (await (await req("/api/v1/streams", { cookie: commander })).json()) as { error: string | null }[];
    if (res.status !== 200)
      throw new Error(`playlist ${res.status}: ${text.slice(0, 160)}; stream error: ${health[0]?.error}`);
    expect(text).toContain("#EXTINF");
    expect(device.inviteCalls.size).toBe(1);
    // The waiting playlist asked the channel for a key frame (IFameCmd) and the first segment ended at it,
    // before the clip's own next key frame a second in.
    expect(device.keyFrameRequests).toEqual([firstCamera.id]);
    expect(Number(/#EXTINF:([\d.]+)/.exec(text)?.[1])).toBeLessThan(1);
    await until(() => device.byes === 1, 15_000, "BYE after idle");
  });

  it("PTZ from a commander reaches the device and the audit log; others are refused; bad bodies are 422", async () => {
    const ok = await req(`/api/v1/cameras/${cameraId}/ptz`, {
      method: "POST",
      cookie: commander,
      json: { action: "left", speed: 128 },
    });
    expect(ok.status).toBe(202);
    await until(() => device.ptzCommands.includes("A50F010280000037"), 5000, "PTZCmd");
    const audit = (await (await req("/api/v1/audit?type=gb.ptz", { cookie: commander })).json()) as {
      events: { actor: string; data: unknown }[];
    };
    expect(audit.events[0]).toMatchObject({ actor: "commander", data: { cameraId, action: "left", speed: 128 } });
    const viewer = await loginWith(req, "viewer");
    expect(
      (await req(`/api/v1/cameras/${cameraId}/ptz`, { method: "POST", cookie: viewer, json: { action: "stop" } }))
        .status,
    ).toBe(403);
    for (const body of [
      { action: "spin" },
      { action: "left", speed: 0 },
      { action: "preset" },
      { action: "left", extra: 1 },
    ]) {
      const r = await json(
        await req(`/api/v1/cameras/${cameraId}/ptz`, { method: "POST", cookie: commander, json: body }),
      );
      expect(r.status).toBe(422);
      expect(r.body).toMatchObject({ code: "validation" });
    }
    // A fixed camera (PTZType 3) is not steered.
    const fixed = catalog.filter((c) => c.kind === "camera" && !c.ptz)[0]!;
    expect(gw.core.features.catalogue.store.camera(`gb-${fixed.id}`)?.ptz).toBe(false);
    expect(gw.core.features.catalogue.store.camera(cameraId)?.ptz).toBe(true);
    expect(
      (
        await req(`/api/v1/cameras/gb-${fixed.id}/ptz`, {
          method: "POST",
          cookie: commander,
          json: { action: "stop" },
        })
      ).status,
    ).toBe(422);
    const notGb = gw.core.features.catalogue.store.cameras().find((c) => c.source.kind !== "gb28181")!;
    expect(
      (await req(`/api/v1/cameras/${notGb.id}/ptz`, { method: "POST", cookie: commander, json: { action: "stop" } }))
        .status,
    ).toBe(422);
  });

  it("a device alarm becomes an alarm of its prison with the camera attached", async () => {
    await device.alarm(6, "区域入侵", firstCamera.id);
    let alarms: { cameraId: string; type: string; prisonId: string }[] = [];
    await until(() => gw.core.features.alarms.plane.reads.alarms({ limit: 10 }, null).length > 0, 5000, "alarm");
    alarms = gw.core.features.alarms.plane.reads.alarms({ limit: 10 }, null) as typeof alarms;
    expect(alarms[0]).toMatchObject({ cameraId, type: "perimeter_intrusion", prisonId: "pj" });
  });

  it("validates device updates and answers unknown devices with 404", async () => {
    expect((await req("/api/v1/gb/devices/99999999999999999999", { cookie: commander })).status).toBe(404);
    expect((await req("/api/v1/gb/devices/not-digits", { cookie: commander })).status).toBe(422);
    const bad = [
      { prisonId: "nope" },
      { password: "" },
      { mapping: { [catalog[0]!.id]: { blockId: "x-b9", subBlockId: null } } },
      { other: 1 },
    ];
    for (const body of bad)
      expect((await req(`/api/v1/gb/devices/${DEVICE}`, { method: "PUT", cookie: commander, json: body })).status).toBe(
        422,
      );
    const viewer = await loginWith(req, "viewer");
    expect((await req("/api/v1/gb/devices", { cookie: viewer })).status).toBe(403);
  });

  it("a mapping moves an organisation's cameras; a device password takes effect at the next REGISTER", async () => {
    const org = catalog.find((c) => c.kind === "org")!;
    const r = await req(`/api/v1/gb/devices/${DEVICE}`, {
      method: "PUT",
      cookie: commander,
      json: { mapping: { [org.id]: { blockId: "pj-b2", subBlockId: "pj-b2-s2" } } },
    });
    expect(r.status).toBe(200);
    expect(gw.core.features.catalogue.store.camera(cameraId)).toMatchObject({
      blockId: "pj-b2",
      subBlockId: "pj-b2-s2",
    });
    expect(
      (
        await req(`/api/v1/gb/devices/${DEVICE}`, {
          method: "PUT",
          cookie: commander,
          json: { password: "own-secret-1" },
        })
      ).status,
    ).toBe(200);
    expect(await device.register(PASSWORD)).toBe(403);
    expect(await device.register("own-secret-1")).toBe(200);
    const audit = (await (await req("/api/v1/audit?type=gb.device.updated", { cookie: commander })).json()) as {
      events: { data: unknown }[];
    };
    expect(JSON.stringify(audit.events)).not.toContain("own-secret-1");
  });
});
