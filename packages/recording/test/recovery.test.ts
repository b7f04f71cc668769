// What a crash can leave, made by hand on a real disk, and what a start makes of it: a half-written
// segment after the last record and a torn record are cut off; a file with no complete segment, a media
// file whose index was never created and an index whose media file is gone are removed. Then the files
// decode to exactly what their index lists.
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { encodeRecord } from "../src/store/indexRecord";
import { RecordingStore } from "../src/store/store";
import { countFrames, segments } from "./support/media";

const T0 = Date.UTC(2025, 2, 1, 8, 0, 0);
let root: string;
let dir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "cw-rec-rcv-"));
  dir = join(root, "cam1");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Writes an open (unsealed) file by hand: init + the first `n` segments, index for the first `indexed`. */
function openFile(start: number, n: number, indexed: number): { bytesIndexed: number } {
  const { events } = segments({ wallStart: start, seconds: n + 1 });
  const init = events[0]!.init;
  const media: Buffer[] = [init];
  const index: Buffer[] = [];
  let offset = init.length;
  let bytesIndexed = offset;
  for (const [i, e] of events.slice(0, n).entries()) {
    const bytes = e.segment.bytes!;
    media.push(bytes);
    if (i < indexed) {
      index.push(
        encodeRecord({
          startMs: e.segment.programDateTime,
          durationMs: e.segment.durationMs,
          offset,
          length: bytes.length,
        }),
      );
      bytesIndexed = offset + bytes.length;
    }
    offset += bytes.length;
  }
  writeFileSync(join(dir, `${start}.mp4`), Buffer.concat(media));
  writeFileSync(join(dir, `${start}.idx`), Buffer.concat(index));
  return { bytesIndexed };
}

it("cuts an open file back to its last indexed segment (half-written segment, torn record) and seals it", async () => {
  mkdirSync(dir, { recursive: true });
  const { bytesIndexed } = openFile(T0, 6, 4);
  // The 6th segment was cut mid-write; the 5th's bytes are there but its record was torn.
  const media = join(dir, `${T0}.mp4`);
  const whole = readFileSync(media);
  writeFileSync(media, whole.subarray(0, whole.length - 1234));
  appendFileSync(
    join(dir, `${T0}.idx`),
    encodeRecord({ startMs: T0 + 4000, durationMs: 1000, offset: bytesIndexed, length: 999 }).subarray(0, 17),
  );

  const store = await RecordingStore.open({ root });
  expect(store.recovered).toBe(1);
  const [f] = store.catalog.files("cam1");
  expect(f).toEqual({ start: T0, end: T0 + 4000, bytes: bytesIndexed, sealed: true });
  expect(statSync(media).size).toBe(bytesIndexed);
  expect(readdirSync(dir).sort()).toEqual([`${T0}.mp4`, `${T0}_${T0 + 4000}_${bytesIndexed}.idx`]);
  expect(countFrames(media)).toBe(100);
  expect(await store.records("cam1", f!)).toHaveLength(4);
});

it("removes what holds nothing complete or lost its other half, and keeps sealed files untouched", async () => {
  mkdirSync(dir, { recursive: true });
  openFile(T0, 3, 0); // died before its first record
  writeFileSync(join(dir, `${T0 + 60_000}.mp4`), Buffer.from("ftyp…")); // died before creating its index
  writeFileSync(join(dir, `${T0 + 120_000}_${T0 + 180_000}_5000.idx`), Buffer.alloc(0)); // media deleted
  writeFileSync(join(dir, "notes.txt"), "left alone");
  const store0 = await RecordingStore.open({ root: join(root, "x") });
  for (const e of segments({ wallStart: T0 + 600_000, seconds: 3 }).events) store0.append("cam1", e);
  await store0.close();
  const sealedDir = join(root, "x", "cam1");
  for (const n of readdirSync(sealedDir)) writeFileSync(join(dir, n), readFileSync(join(sealedDir, n)));

  const store = await RecordingStore.open({ root });
  expect(store.recovered).toBe(0);
  expect(store.catalog.files("cam1").map((f) => f.start)).toEqual([T0 + 600_000]);
  expect(readdirSync(dir).sort()).toEqual([...readdirSync(sealedDir), "notes.txt"].sort());
  expect(existsSync(join(dir, `${T0}.mp4`))).toBe(false);
});
