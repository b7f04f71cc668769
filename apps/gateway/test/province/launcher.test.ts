// `npm run province` (scripts/province.mjs) as a user runs it, with 2 edges in a temporary PROVINCE_DIR on
// a free-looking port block: province.json appears once all are healthy, the bureau lists both edges as
// online platforms, an alarm posted to an edge's feed reaches the bureau (the edge's uplink), and stopping
// the launcher stops every child it started.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, expect, it } from "vitest";
import { alarmBody, postFeed } from "../feeds-http/signed";
import { loginWith, requester } from "../helpers";

const root = resolve(import.meta.dirname, "../../../..");
const dir = mkdtempSync(join(tmpdir(), "cw-province-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Polls `get` until it gives a value; a network error is "not yet", an `Error` from `fatal` ends it. */
async function poll<T>(what: string, ms: number, get: () => Promise<T | null>, fatal?: () => Error | null): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const stop = fatal?.();
    if (stop) throw stop;
    const v = await get().catch(() => null);
    if (v !== null) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

it("starts a bureau and 2 edges, writes province.json, and Ctrl-C stops every child", async () => {
  const base = 40_000 + Math.floor(Math.random() * 60) * 300;
  const launcher = spawn(process.execPath, ["scripts/province.mjs"], {
    cwd: root,
    env: {
      ...process.env,
      PROVINCE_DIR: dir,
      PROVINCE_EDGES: "2",
      PROVINCE_BASE_PORT: String(base),
      PROVINCE_WALL: "0",
      LOG_LEVEL: "warn",
      // The clips the e2e gateways use: rendered once per checkout, not once per test run.
      CLIP_CACHE_DIR: join(root, ".cache", "clips"),
      DEMO_PASSWORD: "test-pass",
      FEED_SIM: "0",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  launcher.stderr?.on("data", (d) => {
    err = (err + d).slice(-4000);
  });
  const exited = new Promise((r) => launcher.once("exit", r));
  type Province = { bureau: { url: string; pid: number }; edges: { prisonId: string; url: string; pid: number }[] };
  let province: Province | null = null;
  try {
    province = await poll(
      "province.json",
      180_000,
      async () => {
        const f = join(dir, "province.json");
        return existsSync(f) ? (JSON.parse(readFileSync(f, "utf8")) as Province) : null;
      },
      () => (launcher.exitCode !== null ? new Error(`launcher exited ${launcher.exitCode}: ${err}`) : null),
    );
    expect(province.bureau.url).toBe(`http://127.0.0.1:${base}`);
    expect(province.edges.map((e) => [e.prisonId, e.url])).toEqual([
      ["pj", `http://127.0.0.1:${base + 1}`],
      ["sy1", `http://127.0.0.1:${base + 2}`],
    ]);
    const req = requester(province.bureau.url);
    const cookie = await loginWith(req, "commander", "test-pass");
    const platforms = await poll("2 platforms online at the bureau", 60_000, async () => {
      const res = await req("/api/v1/gb/devices", { cookie });
      const { devices } = (await res.json()) as { devices: { kind: string; online: boolean; prisonId: string }[] };
      const online = devices.filter((d) => d.kind === "platform" && d.online);
      return online.length === 2 ? online : null;
    });
    expect(platforms.map((d) => d.prisonId).sort()).toEqual(["pj", "sy1"]);
    // An alarm raised at the edge sy1 (its own feed, its own key) arrives at the bureau through the uplink.
    const sy1 = province.edges.find((e) => e.prisonId === "sy1");
    const title = `launcher uplink ${base}`;
    const posted = await postFeed(sy1!.url, "sy1", "alarms", JSON.stringify(alarmBody(`launcher-${base}`, { title })));
    expect(posted.status).toBe(202);
    const up = await poll("the edge's alarm at the bureau", 60_000, async () => {
      const res = await req("/api/v1/alarms?prisonId=sy1", { cookie });
      const { alarms } = (await res.json()) as { alarms: { title: string | null; prisonId: string; type: string }[] };
      const found = alarms.filter((a) => a.title === title);
      return found.length > 0 ? found : null;
    });
    expect(up.map((a) => [a.prisonId, a.type])).toEqual([["sy1", "fighting"]]);
  } finally {
    launcher.kill("SIGINT");
    await exited;
  }
  const pids = [province!.bureau.pid, ...province!.edges.map((e) => e.pid)];
  expect(pids.filter(alive)).toEqual([]);
  expect(existsSync(join(dir, "province.json"))).toBe(false);
}, 300_000);
