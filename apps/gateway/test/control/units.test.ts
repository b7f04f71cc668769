// The control plane's small parts: what an event touches (live pushes), the per-key lock (serial per
// key, concurrent across keys) and the content-addressed snapshot store.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeEvent } from "@cw/alerts";
import { describe, expect, it } from "vitest";
import { KeyedLock } from "../../src/features/alarms/keyedLock";
import { ControlProjection } from "../../src/features/alarms/projection";
import { fileSnapshots, inlineSnapshots } from "../../src/features/alarms/snapshots";

describe("projection touches", () => {
  it("names the alarm, slot and obligation an event changed", () => {
    const p = new ControlProjection();
    const ob = {
      id: "rc.x",
      kind: "rollcall.report" as const,
      subject: "2025-06-15.pj.b1.wake",
      owner: "pj",
      prisonId: "pj",
    };
    expect(p.apply(makeEvent("deadline.yellow", 1, "system", ob))).toEqual({
      alarmId: null,
      slotKey: "2025-06-15.pj.b1.wake",
      obligationId: "rc.x",
    });
    expect(p.apply(makeEvent("alarm.cleared", 1, "system", { id: "a1", reason: "x" }))).toMatchObject({
      alarmId: "a1",
    });
    expect(p.folded).toBe(2);
  });
});

describe("KeyedLock", () => {
  it("runs one key serially and different keys concurrently", async () => {
    const lock = new KeyedLock();
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const a1 = lock.run("a", async () => {
      await gate;
      order.push("a1");
    });
    const a2 = lock.run("a", async () => {
      order.push("a2");
    });
    await lock.run("b", async () => {
      order.push("b");
    });
    release();
    await Promise.all([a1, a2]);
    expect(order).toEqual(["b", "a1", "a2"]);
    await lock.drain();
    expect(lock.size).toBe(0);
  });

  it("keeps going after a failure", async () => {
    const lock = new KeyedLock();
    await expect(lock.run("k", async () => Promise.reject(new Error("x")))).rejects.toThrow("x");
    expect(await lock.run("k", async () => 1)).toBe(1);
  });
});

describe("snapshots", () => {
  it("stores by content and reads back the bytes; inline mode keeps the base64", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cw-snap-"));
    try {
      const store = fileSnapshots(join(dir, "snapshots"));
      const b64 = Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]).toString("base64");
      const ref = await store.put(b64);
      expect(ref).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(await store.put(b64)).toBe(ref);
      expect((await store.get(ref))?.toString("base64")).toBe(b64);
      expect(await store.get(`sha256:${"0".repeat(64)}`)).toBeNull();
      expect((await inlineSnapshots.get(await inlineSnapshots.put(b64)))?.toString("base64")).toBe(b64);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
