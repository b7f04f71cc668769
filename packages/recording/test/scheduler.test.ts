// The retention timer's decisions on a real store: over quota with nothing deletable left → recording is
// suspended and reported once; a store stopped by a full disk is retried after retryMs (and a fault
// while still full is not reported again until a segment got through).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { ProtectedSpans } from "../src/retention/protectedSpans";
import { RetentionScheduler } from "../src/retention/scheduler";
import { RecordingStore } from "../src/store/store";
import type { WriterFault } from "../src/store/writer";
import { segments } from "./support/media";

const T0 = Date.UTC(2025, 2, 1, 8, 0, 0);
let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "cw-rec-sch-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

it("suspends recording when only evidence is left over the quota, and reports it once", async () => {
  const faults: WriterFault[] = [];
  const store = await RecordingStore.open({ root, fileMs: 5000, maxQueue: 1000, onFault: (_k, f) => faults.push(f) });
  for (const e of segments({ wallStart: T0, seconds: 14 }).events) store.append("a", e);
  await store.finish("a");
  const evidence = new ProtectedSpans();
  evidence.add("a", T0, T0 + 60_000);
  const now = T0 + 3600_000;
  const s = new RetentionScheduler({
    store,
    rules: { keepMs: () => 1000, evidence },
    quotaBytes: 1000,
    now: () => now,
  });
  const r = await s.check();
  expect(r).toMatchObject({ deletedByAge: 0, deletedByQuota: 0, overQuota: true });
  expect(store.suspended?.kind).toBe("quota_full");
  await s.check();
  expect(faults.map((f) => f.kind)).toEqual(["quota_full"]);
  // Appends while suspended are dropped.
  for (const e of segments({ wallStart: now, seconds: 3 }).events) store.append("a", e);
  await store.flush();
  expect(store.catalog.files("a")).toHaveLength(3);
});

it("retries a store stopped by a full disk after retryMs", async () => {
  const store = await RecordingStore.open({ root });
  let now = T0;
  const s = new RetentionScheduler({
    store,
    rules: { keepMs: () => Number.POSITIVE_INFINITY, evidence: new ProtectedSpans() },
    quotaBytes: Number.POSITIVE_INFINITY,
    now: () => now,
    retryMs: 60_000,
  });
  store.suspend({ key: "a", kind: "disk_full", message: "ENOSPC" });
  await s.check();
  expect(store.suspended?.kind).toBe("disk_full");
  now += 59_000;
  await s.check();
  expect(store.suspended).not.toBeNull();
  now += 1_000;
  await s.check();
  expect(store.suspended).toBeNull();
});
