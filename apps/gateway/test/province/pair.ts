// Test fixture: a bureau and an edge (盘锦监狱, `pj`) as two real gateway processes on 127.0.0.1, the edge
// registered upward to the bureau over GB/T 28181 (and, with `uplink`, forwarding its alarms through the
// uplink); extra environment per side. Every start has its stop.
import { freePort } from "../../../../e2e/support/gateway";
import { demoKey } from "../feeds-http/signed";
import { type GatewayProcess, startGatewayProcess } from "../support/gatewayProcess";

export const BUREAU_ID = "34020000002000000001";
export const EDGE_ID = "34020000002000001001";

export interface ProvincePair {
  bureau: GatewayProcess;
  edge: GatewayProcess;
  stop(): Promise<void>;
}

export async function startProvincePair(
  env: { bureau?: Record<string, string>; edge?: Record<string, string> } = {},
  opts: { uplink?: boolean } = {},
): Promise<ProvincePair> {
  const sip = await freePort();
  const http = await freePort();
  const media = 26_000 + Math.floor(Math.random() * 200) * 20;
  // Both at once (the edge's REGISTER is retried, 1 s back-off at first, until the bureau answers): a pair
  // costs one gateway start-up, not two.
  const [bureau, edge] = await Promise.allSettled([
    startGatewayProcess({
      GATEWAY_ROLE: "bureau",
      PORT: String(http),
      SIM: "0",
      FEED_SIM: "0",
      GB_PASSWORD: "province-pass",
      GB_SIP_PORT: String(sip),
      GB_MEDIA_PORTS: `${media}-${media + 19}`,
      GB_DEVICE_PRISONS: `${EDGE_ID}=pj`,
      ...env.bureau,
    }),
    startGatewayProcess({
      GATEWAY_ROLE: "edge",
      EDGE_PRISON_ID: "pj",
      FEED_SIM: "0",
      UPPER_SIP_URI: `sip:${BUREAU_ID}@127.0.0.1:${sip}`,
      UPPER_SIP_PASSWORD: "province-pass",
      // Its control plane too (the uplink, docs/api/uplink.md): the device alarms of its own NVR go up.
      ...(opts.uplink ? { UPPER_URL: `http://127.0.0.1:${http}`, UPPER_FEED_KEY: demoKey("pj") } : {}),
      ...env.edge,
    }),
  ]);
  if (bureau.status === "rejected" || edge.status === "rejected") {
    if (bureau.status === "fulfilled") await bureau.value.stop();
    if (edge.status === "fulfilled") await edge.value.stop();
    throw bureau.status === "rejected" ? bureau.reason : (edge as PromiseRejectedResult).reason;
  }
  return {
    bureau: bureau.value,
    edge: edge.value,
    async stop() {
      await edge.value.stop();
      await bureau.value.stop();
    },
  };
}
