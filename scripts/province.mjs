// `npm run province`: a province on one machine — a bureau gateway and PROVINCE_EDGES (default 3) edge
// gateways, one per demo prison, as separate processes with separate data dirs under PROVINCE_DIR (default
// ./province), on 127.0.0.1. Ports from PROVINCE_BASE_PORT (default 8080): HTTP base (bureau), base+1…
// (edges); RTMP base+100+i; the bureau's GB/T 28181 SIP base+200 and media ports 30000-30999; each edge's
// uplink media ports 31000+100·i…+99 (i = 0 the bureau, 1… the edges). Each edge simulates its prison's
// cameras and feeds (its feed simulator posts to the edge), registers with the bureau as a lower platform,
// and forwards its alarms and roll calls to the bureau's signed feeds (UPPER_URL, UPPER_FEED_KEY: uplink). Once every gateway answers
// /healthz it writes PROVINCE_DIR/province.json = {bureau: {url, pid}, edges: [{prisonId, url, pid}]}.
// Ctrl-C (SIGINT/SIGTERM) stops every child (SIGTERM, SIGKILL after 10 s) and removes province.json.
// Builds the wall first if it is stale (PROVINCE_WALL=0 skips it: tests). Owns its children only.
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildWallIfStale } from "./wallBuild.mjs";

/** The demo catalogue's prisons, in its order (apps/gateway/src/features/catalogue/demo.ts). */
const DEMO_PRISONS = [
  "pj",
  "sy1",
  "sy2",
  "jz",
  "ly1",
  "ly2",
  "dlngl",
  "wfd",
  "lnnv",
  "fs",
  "as",
  "yk",
  "tl",
  "dd",
  "fx",
  "cy",
];
const BUREAU_ID = "34020000002000000001";
const SIP_PASSWORD = process.env.PROVINCE_SIP_PASSWORD ?? "province-demo";

const dir = resolve(process.env.PROVINCE_DIR ?? "./province");
const base = Number(process.env.PROVINCE_BASE_PORT ?? 8080);
const count = Number(process.env.PROVINCE_EDGES ?? 3);
if (!Number.isInteger(base) || base < 1024 || base > 65_000)
  fail("PROVINCE_BASE_PORT must be a port from 1024 to 65000");
if (!Number.isInteger(count) || count < 0 || count > DEMO_PRISONS.length)
  fail(`PROVINCE_EDGES must be 0 to ${DEMO_PRISONS.length} (one demo prison each)`);

function fail(message) {
  console.error(`npm run province: ${message}`);
  process.exit(2);
}

if (process.env.PROVINCE_WALL !== "0") buildWallIfStale();
mkdirSync(dir, { recursive: true });

/**
 * The bureau's feed key for a prison — what that prison's edge signs its uplink with: the FEED_KEYS entry
 * if the caller gave one (every child gets the same env), else the bureau's demo key, HMAC-SHA256 of the
 * prison id under DEMO_FEED_SECRET (default "demo"; apps/gateway/src/features/alarms/feeds/signature.ts).
 */
function bureauFeedKey(prisonId) {
  for (const pair of (process.env.FEED_KEYS ?? "").split(",")) {
    const [p, key] = pair.split("=").map((s) => s.trim());
    if (p === prisonId && key) return key;
  }
  return createHmac("sha256", process.env.DEMO_FEED_SECRET ?? "demo")
    .update(prisonId)
    .digest("hex");
}

const edgeId = (prisonId) => `3402000000200${String(1001 + DEMO_PRISONS.indexOf(prisonId)).padStart(7, "0")}`;
const prisons = DEMO_PRISONS.slice(0, count);
const common = {
  HOST: "127.0.0.1",
  // Simulated cameras' clips: rendered once, shared by every gateway (CLIP_CACHE_DIR to share them wider).
  CLIP_CACHE_DIR: process.env.CLIP_CACHE_DIR ?? join(dir, "clips"),
  DEMO_PASSWORD: process.env.DEMO_PASSWORD ?? "commandwall",
};
const children = [];

function start(name, env) {
  const child = spawn(process.execPath, ["--import", "tsx", "apps/gateway/src/main.ts"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, ...common, ...env },
  });
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`npm run province: ${name} exited (${signal ?? code}); stopping the province`);
      void stop(1);
    }
  });
  children.push(child);
  return child;
}

const bureauPort = base;
const sipPort = base + 200;
const bureau = start("bureau", {
  GATEWAY_ROLE: "bureau",
  PORT: String(bureauPort),
  RTMP_PORT: String(base + 100),
  DATA_DIR: join(dir, "bureau"),
  FEED_SIM: "0", // the prisons' alarms are their edges'
  GB_PASSWORD: SIP_PASSWORD,
  GB_SIP_PORT: String(sipPort),
  GB_MEDIA_PORTS: "30000-30999",
  GB_DEVICE_PRISONS: prisons.map((p) => `${edgeId(p)}=${p}`).join(","),
});
const edges = prisons.map((prisonId, i) => ({
  prisonId,
  port: base + 1 + i,
  child: start(`edge ${prisonId}`, {
    GATEWAY_ROLE: "edge",
    EDGE_PRISON_ID: prisonId,
    EDGE_GB_ID: edgeId(prisonId),
    PORT: String(base + 1 + i),
    RTMP_PORT: String(base + 101 + i),
    DATA_DIR: join(dir, `edge-${prisonId}`),
    SIM: "1",
    GB_MEDIA_PORTS: `${31_000 + 100 * (i + 1)}-${31_000 + 100 * (i + 1) + 99}`,
    UPPER_SIP_URI: `sip:${BUREAU_ID}@127.0.0.1:${sipPort}`,
    UPPER_SIP_PASSWORD: SIP_PASSWORD,
    UPPER_URL: `http://127.0.0.1:${bureauPort}`,
    UPPER_FEED_KEY: bureauFeedKey(prisonId),
  }),
}));

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  rmSync(join(dir, "province.json"), { force: true });
  await Promise.all(
    children.map(
      (c) =>
        new Promise((done) => {
          if (c.exitCode !== null || c.signalCode !== null) return done();
          const killer = setTimeout(() => c.kill("SIGKILL"), 10_000);
          c.once("exit", () => {
            clearTimeout(killer);
            done();
          });
          c.kill("SIGTERM");
        }),
    ),
  );
  process.exit(code);
}
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => void stop(0));

async function healthy(port) {
  const deadline = Date.now() + 180_000;
  while (!stopping) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) {
      console.error(`npm run province: the gateway on port ${port} did not answer /healthz within 180 s`);
      return stop(1);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

await Promise.all([bureauPort, ...edges.map((e) => e.port)].map(healthy));
if (!stopping) {
  const url = (port) => `http://127.0.0.1:${port}`;
  const province = {
    bureau: { url: url(bureauPort), pid: bureau.pid },
    edges: edges.map((e) => ({ prisonId: e.prisonId, url: url(e.port), pid: e.child.pid })),
  };
  writeFileSync(join(dir, "province.json"), `${JSON.stringify(province, null, 2)}\n`);
  console.log(
    `\nProvince up: bureau ${province.bureau.url}; edges ${province.edges.map((e) => `${e.prisonId} ${e.url}`).join(", ")}`,
  );
  console.log(`(${join(dir, "province.json")}; Ctrl-C stops them all)\n`);
}
