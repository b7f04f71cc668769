// Benchmark rig: a bureau and N edge gateways as real processes on 127.0.0.1, wired as `npm run province`
// wires them (scripts/province.mjs) — each edge one demo prison (EDGE_PRISON_ID), registered upward over
// GB/T 28181 as a lower platform, the bureau knowing which edge serves which prison (GB_DEVICE_PRISONS) —
// but on free ports, temporary data dirs and quiet logs. Starts edges two at a time (16 tsx start-ups at
// once on 2 cores outrun the 60 s health wait). Every start has its stop: stop() thaws a frozen process
// before it stops it, and removes every data dir.
import { demoProvince } from "@cw/gateway";
import { PASSWORD } from "../../e2e/support/fixtures";
import { freePort, type GatewayProcess, removeDataDir, startGateway } from "../../e2e/support/gateway";
import { GatewayClient } from "./api";

const BUREAU_ID = "34020000002000000001";
const SIP_PASSWORD = "bench-province";

/** The demo catalogue's prisons in its order: an edge's default GB id counts from its prison's position. */
export const DEMO_PRISONS: readonly string[] = demoProvince().prisons.map((p) => p.id);

export const edgeGbId = (prisonId: string): string =>
  `3402000000200${String(1001 + DEMO_PRISONS.indexOf(prisonId)).padStart(7, "0")}`;

export interface Edge {
  prisonId: string;
  gbId: string;
  gw: GatewayProcess;
}

export interface Province {
  bureau: GatewayProcess;
  edges: Edge[];
  /** The bureau's API, logged in as the commander. */
  api: GatewayClient;
  stop(): Promise<void>;
}

export interface ProvinceOptions {
  prisons: readonly string[];
  bureau?: Record<string, string>;
  edge?: (prisonId: string) => Record<string, string>;
  /** Edges started at once (default 2). */
  batch?: number;
}

const quiet = { LOG_LEVEL: "error", FEED_SIM: "0" };

export async function startProvince(o: ProvinceOptions): Promise<Province> {
  const sip = await freePort();
  // Media port ranges: the bureau's 100, then 20 per edge (its uplink senders), none shared.
  const media = 34_000 + Math.floor(Math.random() * 40) * 500;
  const bureau = await startGateway({
    ...quiet,
    SIM: "0",
    GATEWAY_ROLE: "bureau",
    GB_PASSWORD: SIP_PASSWORD,
    GB_SIP_PORT: String(sip),
    GB_MEDIA_PORTS: `${media}-${media + 99}`,
    GB_DEVICE_PRISONS: o.prisons.map((p) => `${edgeGbId(p)}=${p}`).join(","),
    ...o.bureau,
  });
  const edges: Edge[] = [];
  const province: Province = {
    bureau,
    edges,
    api: new GatewayClient(bureau.url),
    async stop() {
      for (const g of [...edges.map((e) => e.gw), bureau]) {
        try {
          process.kill(g.pid, "SIGCONT");
        } catch {
          /* already gone */
        }
        await g.stop();
        removeDataDir(g);
      }
    },
  };
  try {
    const batch = o.batch ?? 2;
    for (let i = 0; i < o.prisons.length; i += batch) {
      const started = await Promise.allSettled(
        o.prisons.slice(i, i + batch).map(async (prisonId, k) => {
          const ports = media + 100 + 20 * (i + k);
          const env = {
            ...quiet,
            SIM: "1",
            GATEWAY_ROLE: "edge",
            EDGE_PRISON_ID: prisonId,
            EDGE_GB_ID: edgeGbId(prisonId),
            UPPER_SIP_URI: `sip:${BUREAU_ID}@127.0.0.1:${sip}`,
            UPPER_SIP_PASSWORD: SIP_PASSWORD,
            GB_MEDIA_PORTS: `${ports}-${ports + 19}`,
            ...o.edge?.(prisonId),
          };
          // On a loaded machine a start can outrun the 60 s health wait: once more, as an operator would.
          const gw = await startGateway(env).catch(() => startGateway(env));
          edges.push({ prisonId, gbId: edgeGbId(prisonId), gw });
        }),
      );
      const failed = started.find((s) => s.status === "rejected");
      if (failed) throw (failed as PromiseRejectedResult).reason;
    }
    await province.api.login("commander", PASSWORD);
    return province;
  } catch (e) {
    await province.stop();
    throw e;
  }
}

export interface GbDevice {
  deviceId: string;
  online: boolean;
  channelCount: number;
}

/** The bureau's view of its edges (GET /api/v1/gb/devices), by GB id. */
export async function platforms(api: GatewayClient): Promise<Map<string, GbDevice>> {
  const { devices } = await api.json<{ devices: GbDevice[] }>("GET", "/api/v1/gb/devices");
  return new Map(devices.map((d) => [d.deviceId, d]));
}

/** Resolves once every edge is online at the bureau with its catalogue in (or throws after `ms`). */
export async function allOnline(p: Province, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const seen = await platforms(p.api);
    if (p.edges.every((e) => seen.get(e.gbId)?.online && (seen.get(e.gbId)?.channelCount ?? 0) > 0)) return;
    if (Date.now() > deadline) throw new Error("edges not all online with their catalogues at the bureau");
    await new Promise((r) => setTimeout(r, 250));
  }
}
