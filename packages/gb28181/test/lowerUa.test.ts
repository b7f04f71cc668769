// The lower platform's user agent against the package's own upper platform (GbServer), both on real
// 127.0.0.1 UDP sockets: digest registration, presence as a platform, the catalogue in pages (SumNum),
// DeviceInfo, INVITE with and without a media handler, BYE, keepalives stopping (offline at the upper),
// the upper restarting (404 to a keepalive → registers again), unregistering on stop.
import { afterEach, describe, expect, it } from "vitest";
import type { GbEvent } from "../src/core/types";
import { GbServer } from "../src/edge/server";
import type { LowerItem } from "../src/lower/bodies";
import type { UplinkMediaHandler, UplinkMediaRequest } from "../src/lower/media";
import { LowerUa } from "../src/lower/ua";

const UPPER = "34020000002000000001";
const EDGE = "34020000002000000101";
const PASSWORD = "lower-pass";

function tree(cameras: number): LowerItem[] {
  const items: LowerItem[] = [
    { id: "34020000002150000001", name: "一监区", parentId: EDGE, kind: "group" },
    { id: "34020000002160000001", name: "一分监区", parentId: "34020000002150000001", kind: "org" },
  ];
  for (let i = 1; i <= cameras; i++)
    items.push({
      id: `3402000000131${String(i).padStart(7, "0")}`,
      name: `一分监区监舍${i}`,
      parentId: "34020000002160000001",
      kind: "camera",
      status: i % 2 ? "ON" : "OFF",
    });
  return items;
}

async function until(cond: () => boolean, ms = 8000, what = "condition"): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

async function upper(port = 0, keepaliveMs = 1000): Promise<{ server: GbServer; events: GbEvent[] }> {
  const server = new GbServer({
    bindHost: "127.0.0.1",
    publicHost: "127.0.0.1",
    port,
    serverId: UPPER,
    domain: "3402000000",
    keepaliveMs,
    inviteTimeoutMs: 3000,
    utcOffsetMinutes: 480,
    passwordFor: () => PASSWORD,
  });
  const events: GbEvent[] = [];
  server.onEvent((e) => events.push(e));
  await server.start();
  let closed = false;
  stops.push(async () => {
    if (!closed) await server.close();
    closed = true;
  });
  const close = server.close.bind(server);
  server.close = async () => {
    closed = true;
    await close();
  };
  return { server, events };
}

async function lower(port: number, items: LowerItem[], password = PASSWORD): Promise<LowerUa> {
  const ua = new LowerUa({
    id: EDGE,
    name: "盘锦监狱",
    upper: { id: UPPER, domain: "3402000000", endpoint: { transport: "udp", address: "127.0.0.1", port } },
    password,
    host: "127.0.0.1",
    transport: "udp",
    keepaliveMs: 200,
    pageSize: 20,
    catalog: () => items,
  });
  await ua.start();
  stops.push(() => ua.stop());
  return ua;
}

describe("lower platform user agent", () => {
  it("registers with digest, shows as an online platform, answers the catalogue in pages and DeviceInfo", async () => {
    const { server, events } = await upper();
    const items = tree(45);
    const ua = await lower(server.port, items);
    await until(() => ua.registered, 8000, "registered");
    await until(() => server.platform.presence.get(EDGE)?.online === true, 8000, "online at the upper");
    expect(server.platform.presence.get(EDGE)?.kind).toBe("platform");
    server.query(EDGE, "DeviceInfo");
    server.query(EDGE, "Catalog");
    await until(() => events.some((e) => e.type === "catalog"), 8000, "catalogue");
    const cat = events.find((e) => e.type === "catalog");
    expect(cat?.type === "catalog" && cat.complete).toBe(true);
    expect(cat?.type === "catalog" && cat.items.length).toBe(47);
    const cam = cat?.type === "catalog" ? cat.items.find((i) => i.DeviceID === "34020000001310000002") : undefined;
    expect(cam).toMatchObject({ Name: "一分监区监舍2", ParentID: "34020000002160000001", Status: "OFF" });
    await until(() => events.some((e) => e.type === "deviceInfo"), 8000, "device info");
    const info = events.find((e) => e.type === "deviceInfo");
    expect(info?.type === "deviceInfo" && info.info.DeviceName).toBe("盘锦监狱");
    expect(info?.type === "deviceInfo" && info.info.Channel).toBe("45");
  });

  it("a wrong password is refused and retried, never registered", async () => {
    const { server, events } = await upper();
    const ua = await lower(server.port, tree(1), "wrong");
    await until(() => events.some((e) => e.type === "authFailed"), 8000, "auth failure");
    expect(ua.registered).toBe(false);
  });

  it("INVITE: 488 without a media handler; with one, 200 with its port, and BYE stops it", async () => {
    const { server } = await upper();
    const ua = await lower(server.port, tree(2));
    await until(() => server.platform.presence.get(EDGE)?.online === true, 8000, "online");
    const play = {
      deviceId: EDGE,
      channelId: "34020000001310000001",
      transport: "udp" as const,
      mediaIp: "127.0.0.1",
      port: 30_002,
      ssrc: "0200000001",
    };
    const refused = await server.invite({ ...play, sessionId: "s1" });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reason).toMatch(/488/);
    // A stand-in handler: this test is about the dialog, not the media.
    const started: UplinkMediaRequest[] = [];
    const stopped: string[] = [];
    const handler: UplinkMediaHandler = {
      async start(r) {
        started.push(r);
        return { localIp: "127.0.0.1", localPort: 40_000 };
      },
      stop(callId) {
        stopped.push(callId);
      },
    };
    ua.setMediaHandler(handler);
    const answered = await server.invite({ ...play, sessionId: "s2" });
    expect(answered.ok).toBe(true);
    expect(answered.ok && answered.answer.port).toBe(40_000);
    expect(answered.ok && answered.answer.ssrc).toBe("0200000001");
    expect(started[0]).toMatchObject({
      channelId: "34020000001310000001",
      ssrc: "0200000001",
      remoteIp: "127.0.0.1",
      remotePort: 30_002,
      transport: "udp",
    });
    server.bye("s2");
    await until(() => stopped.length === 1, 8000, "media stopped on BYE");
    expect(stopped[0]).toBe(started[0]!.callId);
  });

  it("keepalives stopping turn the platform offline at the upper; an upper restart makes it register again", async () => {
    // The upper expects a keepalive every 3 s (offline after 9 s of silence): a loaded CI machine can stall
    // the lower's 200 ms keepalives for seconds, and this test is about restart and unregister, not that.
    const first = await upper(0, 3000);
    const port = first.server.port;
    const ua = await lower(port, tree(1));
    await until(() => first.server.platform.presence.get(EDGE)?.online === true, 8000, "online");
    await first.server.close();
    // The upper comes back on the same port with no memory of us: our next keepalive gets 404.
    const second = await upper(port, 3000);
    await until(() => second.server.platform.presence.get(EDGE)?.online === true, 10_000, "online again");
    expect(second.events.some((e) => e.type === "rejected")).toBe(true);
    await ua.stop();
    await until(() => second.server.platform.presence.get(EDGE)?.online === false, 8000, "unregistered");
    expect(second.events.filter((e) => e.type === "offline")).toEqual([
      { type: "offline", deviceId: EDGE, reason: "the device unregistered" },
    ]);
  });
});
