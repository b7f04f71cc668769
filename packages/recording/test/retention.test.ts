// Retention on a real store: files past their stream's keep time go, oldest first, evidence is spared;
// over quota, the oldest of any stream go until it fits; when all that is left is evidence the sweep
// says it is still over quota; the file being written is never deleted.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { ProtectedSpans } from "../src/retention/protectedSpans";
import { sweep } from "../src/retention/sweep";
import { RecordingStore } from "../src/store/store";
import { segments } from "./support/media";

const T0 = Date.UTC(2025, 2, 1, 8, 0, 0);
const DAY = 86_400_000;
let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "cw-rec-ret-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** `n` sealed ~10 s files (the last one 9.04 s), one camera run starting at `at`. */
async function fill(store: RecordingStore, key: string, at: number, n: number): Promise<void> {
  for (const e of segments({ wallStart: at, seconds: n * 10 - 1 }).events) store.append(key, e);
  await store.finish(key);
}
const starts = (store: RecordingStore, key: string): number[] => store.catalog.files(key).map((f) => f.start - T0);

it("deletes files past their keep time oldest first, spares evidence and younger files", async () => {
  const store = await RecordingStore.open({ root, fileMs: 10_000, maxQueue: 1000 });
  await fill(store, "a", T0, 4); // 0, 10, 20, 30 s (+ a short tail file)
  await fill(store, "b", T0, 2);
  const evidence = new ProtectedSpans();
  evidence.add("a", T0 + 12_000, T0 + 13_000); // inside the second file
  const rules = { keepMs: (k: string) => (k === "a" ? DAY : 10 * DAY), evidence };
  const r = await sweep(store, rules, { now: T0 + DAY + 25_000, quotaBytes: Number.POSITIVE_INFINITY });
  expect(r.deletedByAge).toBe(1); // 0–10 s ended more than a day ago; 10–20 s is evidence; 20–30 s ended < 1 day ago
  expect(starts(store, "a")).toEqual([10_000, 20_000, 30_000]);
  expect(starts(store, "b")).toEqual([0, 10_000]);
  expect(readdirSync(join(root, "a")).filter((n) => n.startsWith(`${T0}`))).toEqual([]);
  expect(r.freedBytes).toBeGreaterThan(0);
});

it("over quota: oldest of any stream first until it fits; evidence and the open file stay; says when it cannot fit", async () => {
  const store = await RecordingStore.open({ root, fileMs: 10_000, maxQueue: 1000 });
  await fill(store, "a", T0, 3);
  await fill(store, "b", T0 + 5_000, 3);
  const evidence = new ProtectedSpans();
  evidence.add("b", T0 + 5_000, T0 + 6_000);
  const rules = { keepMs: () => Number.POSITIVE_INFINITY, evidence };
  const bytes = (k: string, at: number): number => store.catalog.files(k).find((f) => f.start === T0 + at)!.bytes;
  const quota = store.catalog.totalBytes - bytes("a", 0) - bytes("a", 10_000) - bytes("b", 15_000);

  let r = await sweep(store, rules, { now: T0 + 3600_000, quotaBytes: quota });
  expect(r).toMatchObject({ deletedByAge: 0, deletedByQuota: 3, overQuota: false });
  // Oldest first: a@0, (b@5 s is evidence), a@10, b@15.
  expect(starts(store, "a")).toEqual([20_000]);
  expect(starts(store, "b")).toEqual([5_000, 25_000]);
  expect(store.catalog.totalBytes).toBe(quota);

  // A file being written is not deletable; with only it and evidence left, the store stays over quota.
  for (const e of segments({ wallStart: T0 + 60_000, seconds: 3 }).events) store.append("c", e);
  await store.flush();
  r = await sweep(store, rules, { now: T0 + 3600_000, quotaBytes: 1 });
  expect(r.overQuota).toBe(true);
  expect(store.catalog.keys().sort()).toEqual(["b", "c"]);
  expect(starts(store, "b")).toEqual([5_000]);
  expect(store.catalog.files("c")[0]!.sealed).toBe(false);
  await store.close();
});
