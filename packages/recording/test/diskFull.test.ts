// Disk full mid-recording (a disk that takes a given number of bytes, then writes part of a buffer and
// fails with ENOSPC, as a real one does): recording stops and says so once, the file on disk is exactly
// what its index lists and decodes cleanly, later segments are dropped (not queued), and after resume()
// recording goes on in a new file with a gap on the timeline.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { type Disk, type DiskFile, nodeDisk } from "../src/store/disk";
import { RecordingStore, type StoreFault } from "../src/store/store";
import { countFrames, segments } from "./support/media";

const T0 = Date.UTC(2025, 2, 1, 8, 0, 0);
let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "cw-rec-full-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** nodeDisk, with a byte budget for writes: the write that crosses it lands partly, then ENOSPC. */
function fillingDisk(budget: { left: number }): Disk {
  const wrap = (f: DiskFile): DiskFile => ({
    async write(buf, position) {
      if (buf.length <= budget.left) {
        budget.left -= buf.length;
        return f.write(buf, position);
      }
      const part = buf.subarray(0, Math.max(0, budget.left));
      budget.left = 0;
      if (part.length > 0) await f.write(part, position);
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    },
    truncate: (n) => f.truncate(n),
    sync: () => f.sync(),
    close: () => f.close(),
  });
  return {
    ...nodeDisk,
    create: async (p) => wrap(await nodeDisk.create(p)),
    openExisting: async (p) => wrap(await nodeDisk.openExisting(p)),
  };
}

it("stops recording with one disk_full fault, leaves a clean file, and resumes in a new file", async () => {
  const budget = { left: 300_000 };
  const faults: StoreFault[] = [];
  const store = await RecordingStore.open({
    root,
    disk: fillingDisk(budget),
    onFault: (key, f) => faults.push({ ...f, key }),
  });
  for (const e of segments({ wallStart: T0, seconds: 20 }).events) store.append("cam1", e);
  await store.flush();
  expect(faults).toEqual([{ key: "cam1", kind: "disk_full", message: expect.stringContaining("ENOSPC") }]);
  expect(store.suspended?.kind).toBe("disk_full");

  const [f] = store.catalog.files("cam1");
  expect(f!.sealed).toBe(true);
  const media = join(root, "cam1", `${f!.start}.mp4`);
  expect(statSync(media).size).toBe(f!.bytes);
  const records = await store.records("cam1", f!);
  expect(records.length).toBeGreaterThan(0);
  expect(records.length).toBeLessThan(20);
  expect(countFrames(media)).toBe(records.length * 25);

  // Still full: later segments are dropped at once, nothing is queued or written.
  const later = segments({ wallStart: T0 + 60_000, seconds: 5 }).events;
  for (const e of later) store.append("cam1", e);
  await store.flush();
  expect(store.catalog.files("cam1")).toHaveLength(1);
  expect(faults).toHaveLength(1);

  budget.left = Number.POSITIVE_INFINITY; // space was freed
  store.resume();
  for (const e of segments({ wallStart: T0 + 120_000, seconds: 5 }).events) store.append("cam1", e);
  await store.close();
  expect(store.spans("cam1", T0, T0 + 600_000)).toEqual([
    { from: T0, to: f!.end },
    { from: T0 + 120_000, to: T0 + 125_040 },
  ]);
});
