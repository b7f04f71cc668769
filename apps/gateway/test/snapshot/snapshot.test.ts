// State snapshots end to end on real data dirs: a realistic journal (the bench's generator: alarms with
// their obligations, roll calls) plus wall, preset, camera, session and template events made through the
// HTTP API; a snapshot taken at one clean shutdown, more events after it, and a start that restores the
// snapshot and replays only the tail must hold exactly the state a full replay of the same log folds.
// Snapshots that do not belong (another log, another catalogue/config, damaged files) are skipped.
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { afterEach, describe, expect, it } from "vitest";
import { atRestKey, openUrl, secretBox } from "../../src/auth/atRest";
import { loadSecret } from "../../src/auth/secret";
import { makeConfig } from "../../src/config";
import { type Core, openCore } from "../../src/core";
import { createLogger } from "../../src/log";
import { writeAlarmJournal } from "../../src/sim/alarmJournal";
import { alarmBody, postFeed } from "../feeds-http/signed";
import { demoPassword, startTestGateway, tempDir } from "../helpers";

const dirs: string[] = [];
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Opens a core on dir (closing any open one first: one writer per journal). */
async function core(dir: string, config: Record<string, unknown> = {}, now = Date.now()): Promise<Core> {
  for (const c of cores.splice(0)) await c.close();
  const c = await openCore({
    config: makeConfig({ dataDir: dir, logLevel: "silent", demoPassword, ...config }),
    log: createLogger("silent"),
    now: () => now,
  });
  cores.push(c);
  return c;
}

/** Every part's state as plain data (what a snapshot holds), for deep comparison. */
/**
 * Every part's snapshot, with sealed secrets opened: a snapshot seals them afresh (AES-GCM, a new nonce
 * each time), so two equal states write different ciphertexts of the same secrets.
 */
const stateOf = async (c: Core, dir: string) => {
  const box = secretBox(atRestKey(await loadSecret(dir)));
  const open = (v: unknown): unknown => {
    if (typeof v === "string") return v.startsWith("cw1.") ? box.open(v) : openUrl(v, box);
    if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, open(x)]));
    if (Array.isArray(v)) return v.map(open);
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, open(x)]));
    return v;
  };
  return open(
    deserialize(
      serialize({
        ...Object.fromEntries(c.featureList.flatMap((f) => (f.state ? [[f.name, f.state.snapshot()]] : []))),
        screens: c.features.wall.service.screens(),
      }),
    ),
  ) as Record<string, unknown>;
};

const snapshotFiles = (dir: string) => readdirSync(join(dir, "state")).filter((n) => n.endsWith(".v8"));

async function actions(t: Awaited<ReturnType<typeof startTestGateway>>, round: number): Promise<void> {
  const commander = await t.login("commander");
  const cam = `pj-snap-${round}`;
  const ok = async (res: Promise<Response>) => {
    const r = await res;
    expect(r.status, await r.clone().text()).toBeLessThan(300);
    return r;
  };
  await ok(
    t.req("/api/v1/wall/screens/1", {
      method: "PUT",
      cookie: commander,
      json: { layoutId: "4", tiles: [`pj-gate`, null, null, null], tourId: null },
    }),
  );
  await ok(
    t.req("/api/v1/presets", {
      method: "POST",
      cookie: commander,
      json: { id: `lay-${round}`, name: `布局${round}`, kind: "layout", layoutId: "1", tiles: ["pj-gate"] },
    }),
  );
  await ok(
    t.req("/api/v1/cameras", {
      method: "POST",
      cookie: commander,
      json: { id: cam, name: `新摄像机${round}`, kind: "yard", prisonId: "pj", source: { kind: "rtmp" } },
    }),
  );
  await ok(
    t.req("/api/v1/order-templates", {
      method: "POST",
      cookie: commander,
      json: { name: `模板${round}`, title: "报送", category: "information", targets: ["pj"], signWithinMin: 30 },
    }),
  );
  const raised = await ok(postFeed(t.gw.url, "pj", "alarms", JSON.stringify(alarmBody(`snap-${round}`))));
  const { id } = (await raised.json()) as { id: string };
  await ok(t.req(`/api/v1/alarms/${id}/ack`, { method: "POST", cookie: commander, json: { note: "已处置" } }));
  if (round > 0) {
    await ok(t.req(`/api/v1/presets/lay-${round - 1}`, { method: "DELETE", cookie: commander }));
    await ok(t.req(`/api/v1/cameras/pj-snap-${round - 1}`, { method: "DELETE", cookie: commander }));
  }
}

describe("state snapshots", () => {
  it("snapshot + tail replay holds exactly the state of a full replay", { timeout: 120_000 }, async () => {
    const dir = tempDir();
    dirs.push(dir);
    await writeAlarmJournal(dir, 20_000);
    // Round 0, then a clean shutdown that writes a snapshot.
    // SNAPSHOT_EVERY 1000: only the clean shutdown writes one (at 1 the 20 000 replayed events forced one on
    // the first 1 s check too, so the count depended on how long the gateway took to start).
    const t0 = await startTestGateway({ dir, config: { snapshotEvery: 1000 } });
    expect(t0.gw.core.snapshots.restoredSeq).toBe(0);
    await actions(t0, 0);
    const atSnapshot = t0.gw.core.eventLog.lastSeq;
    await t0.close({ keepDir: true });
    expect(snapshotFiles(dir)).toHaveLength(1);
    // Round 1 on top of it; this shutdown writes none (a big SNAPSHOT_EVERY).
    const t1 = await startTestGateway({ dir, config: { snapshotEvery: 10_000_000 } });
    expect(t1.gw.core.snapshots.restoredSeq).toBe(atSnapshot);
    await actions(t1, 1);
    const last = t1.gw.core.eventLog.lastSeq;
    expect(last).toBeGreaterThan(atSnapshot);
    await t1.close({ keepDir: true });
    expect(snapshotFiles(dir)).toHaveLength(1);

    const copy = tempDir();
    dirs.push(copy);
    cpSync(dir, copy, { recursive: true });
    const now = Date.now();
    const open = async (d: string, snapshotEvery: number) => {
      const c = await openCore({
        config: makeConfig({ dataDir: d, logLevel: "silent", demoPassword, snapshotEvery }),
        log: createLogger("silent"),
        now: () => now,
      });
      cores.push(c);
      // Let the obligation clock append what time made due (the same events on both: same state, same now).
      while ((await c.features.alarms.plane.tickOnce()) > 0) {}
      return c;
    };
    const fromSnapshot = await open(dir, 10_000_000);
    const full = await open(copy, 0);
    expect(fromSnapshot.snapshots.restoredSeq).toBe(atSnapshot);
    expect(full.snapshots.restoredSeq).toBe(0);
    expect(fromSnapshot.eventLog.lastSeq).toBe(full.eventLog.lastSeq);
    const a = await stateOf(fromSnapshot, dir);
    const b = await stateOf(full, copy);
    for (const part of Object.keys(b)) expect(a[part], part).toEqual(b[part]);
    // Reads agree too: an audit page (payloads fetched from the log by seq), the tree.
    const page = { type: "camera.", limit: 10 };
    expect(await fromSnapshot.features.audit.index.query(page)).toEqual(await full.features.audit.index.query(page));
    expect((await fromSnapshot.features.audit.index.query({ limit: 500 })).events).toHaveLength(500);
    expect(fromSnapshot.features.catalogue.store.tree(null)).toEqual(full.features.catalogue.store.tree(null));
    expect(fromSnapshot.features.catalogue.store.camera("pj-snap-1")).toBeDefined();
    expect(fromSnapshot.features.catalogue.store.camera("pj-snap-0")).toBeUndefined();
  });

  it("skips snapshots that do not belong and replays instead", async () => {
    const dir = tempDir();
    dirs.push(dir);
    await writeAlarmJournal(dir, 3_000);
    const first = await core(dir, { snapshotEvery: 1_000_000 });
    await first.snapshots.take();
    for (const c of cores.splice(0)) await c.close();
    const [name] = snapshotFiles(dir);
    expect(name).toBeDefined();
    const path = join(dir, "state", name as string);
    const snapSeq = Number(/(\d+)/.exec(name as string)?.[1]);
    expect(snapSeq).toBeGreaterThan(30_000);
    const good = readFileSync(path);

    // Another configuration (screen count changes the wall's fold): fingerprint differs.
    expect((await core(dir, { snapshotEvery: 1_000_000, wallScreens: 6 })).snapshots.restoredSeq).toBe(0);
    // The same config restores it.
    expect((await core(dir, { snapshotEvery: 1_000_000 })).snapshots.restoredSeq).toBe(snapSeq);
    // SNAPSHOT_EVERY=0: snapshots are off, the whole log is replayed.
    expect((await core(dir, { snapshotEvery: 0 })).snapshots.restoredSeq).toBe(0);

    // A damaged file is skipped (the start replays everything and still comes up).
    writeFileSync(path, good.subarray(0, good.length >> 1));
    const damaged = await core(dir, { snapshotEvery: 1_000_000 });
    expect(damaged.snapshots.restoredSeq).toBe(0);
    expect(damaged.eventLog.lastSeq).toBeGreaterThanOrEqual(snapSeq);

    // A snapshot of ANOTHER log (same config, same length, different events) does not match its mark.
    const other = tempDir();
    dirs.push(other);
    await writeAlarmJournal(other, 3_000, Date.now() - 86_400_000);
    cpSync(join(dir, "secret"), join(other, "secret"), { recursive: true, force: true });
    cpSync(join(dir, "state"), join(other, "state"), { recursive: true });
    writeFileSync(join(other, "state", name as string), good);
    expect((await core(other, { snapshotEvery: 1_000_000 })).snapshots.restoredSeq).toBe(0);
  });
});
