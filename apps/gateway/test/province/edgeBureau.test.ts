// A bureau and an edge as two real gateway processes on 127.0.0.1 (main.ts, separate data dirs): the edge
// (GATEWAY_ROLE=edge, 盘锦监狱 only) registers upward over GB/T 28181 as a lower platform; the bureau
// (GATEWAY_ROLE=bureau, GB_DEVICE_PRISONS naming the edge) lists it as an online platform of its prison,
// and the edge's cameras appear in the bureau's catalogue under the same blocks and sub-blocks, by name.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../../../e2e/support/gateway";
import { loginWith, type Requester, requester } from "../helpers";
import { type GatewayProcess, startGatewayProcess } from "../support/gatewayProcess";

const BUREAU_ID = "34020000002000000001";
const EDGE_ID = "34020000002000001001";
let bureau: GatewayProcess;
let edge: GatewayProcess;
let req: Requester;
let cookie: string;

beforeAll(async () => {
  const sip = await freePort();
  const media = 26_000 + Math.floor(Math.random() * 100) * 20;
  bureau = await startGatewayProcess({
    GATEWAY_ROLE: "bureau",
    SIM: "0",
    FEED_SIM: "0",
    GB_PASSWORD: "province-pass",
    GB_SIP_PORT: String(sip),
    GB_MEDIA_PORTS: `${media}-${media + 19}`,
    GB_DEVICE_PRISONS: `${EDGE_ID}=pj`,
  });
  edge = await startGatewayProcess({
    GATEWAY_ROLE: "edge",
    EDGE_PRISON_ID: "pj",
    SIM: "0",
    FEED_SIM: "0",
    UPPER_SIP_URI: `sip:${BUREAU_ID}@127.0.0.1:${sip}`,
    UPPER_SIP_PASSWORD: "province-pass",
  });
  req = requester(bureau.url);
  cookie = await loginWith(req, "commander", "test-pass");
}, 150_000);

afterAll(async () => {
  await edge?.stop();
  await bureau?.stop();
});

interface Device {
  deviceId: string;
  kind: string;
  online: boolean;
  prisonId: string | null;
  channelCount: number;
}

describe("edge → bureau over GB/T 28181", () => {
  it("the bureau lists the edge as an online platform of its prison", async () => {
    let devices: Device[] = [];
    const poll = async () => {
      const res = await req("/api/v1/gb/devices", { cookie });
      devices = ((await res.json()) as { devices: Device[] }).devices;
      return devices.find((d) => d.deviceId === EDGE_ID);
    };
    const deadline = Date.now() + 30_000;
    let found = await poll();
    while (!(found?.online && found.channelCount > 0) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      found = await poll();
    }
    expect(found).toMatchObject({ deviceId: EDGE_ID, kind: "platform", online: true, prisonId: "pj" });
  }, 60_000);

  it("the edge's cameras are the bureau's, under the same prison, blocks and sub-blocks, with their names", async () => {
    const edgeReq = requester(edge.url);
    const edgeCookie = await loginWith(edgeReq, "commander", "test-pass");
    const edgeCams = (await (await edgeReq("/api/v1/cameras", { cookie: edgeCookie })).json()) as {
      id: string;
      name: string;
      prisonId: string;
      blockId: string | null;
      subBlockId: string | null;
    }[];
    expect(new Set(edgeCams.map((c) => c.prisonId))).toEqual(new Set(["pj"])); // the edge holds its prison only
    type Cam = (typeof edgeCams)[number];
    let bureauCams: Cam[] = [];
    const deadline = Date.now() + 30_000;
    while (bureauCams.length < edgeCams.length && Date.now() < deadline) {
      const res = await req("/api/v1/cameras?prisonId=pj", { cookie });
      bureauCams = ((await res.json()) as Cam[]).filter((c) => c.id.startsWith("gb-"));
      if (bureauCams.length < edgeCams.length) await new Promise((r) => setTimeout(r, 300));
    }
    expect(bureauCams).toHaveLength(edgeCams.length);
    const where = (c: Cam) => `${c.prisonId}/${c.blockId ?? "-"}/${c.subBlockId ?? "-"}/${c.name}`;
    expect(bureauCams.map(where).sort()).toEqual(edgeCams.map(where).sort());
    // and no simulated duplicates of the edge's prison at the bureau
    const all = (await (await req("/api/v1/cameras?prisonId=pj", { cookie })).json()) as Cam[];
    expect(all.every((c) => c.id.startsWith("gb-"))).toBe(true);
  }, 60_000);

  it("SIGSTOP of the edge: the bureau marks it offline within seconds with one link-down alarm; SIGCONT brings it back", async () => {
    const state = async () => {
      const res = await req("/api/v1/gb/devices", { cookie });
      return ((await res.json()) as { devices: Device[] }).devices.find((d) => d.deviceId === EDGE_ID);
    };
    const stoppedAt = Date.now();
    process.kill(edge.pid, "SIGSTOP");
    let detectedMs = -1;
    try {
      while (Date.now() - stoppedAt < 20_000) {
        if ((await state())?.online === false) {
          detectedMs = Date.now() - stoppedAt;
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      // The figure itself is the benchmark's; a generous bound here keeps the test steady under load.
      expect(detectedMs).toBeGreaterThan(0);
      expect(detectedMs).toBeLessThan(8000);
      const alarms = async () =>
        ((await (await req("/api/v1/alarms?prisonId=pj", { cookie })).json()) as { alarms: { title: string }[] })
          .alarms;
      const deadline = Date.now() + 10_000;
      let linkAlarms = (await alarms()).filter((a) => a.title === "链路中断");
      while (linkAlarms.length === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        linkAlarms = (await alarms()).filter((a) => a.title === "链路中断");
      }
      expect(linkAlarms).toHaveLength(1);
    } finally {
      process.kill(edge.pid, "SIGCONT");
    }
    const back = Date.now() + 20_000;
    while ((await state())?.online !== true && Date.now() < back) await new Promise((r) => setTimeout(r, 200));
    expect((await state())?.online).toBe(true);
    console.log(`province link-down detection: ${detectedMs} ms after SIGSTOP`);
  }, 60_000);
});
