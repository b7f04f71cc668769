// The store on a real disk with real media from the packager: files of ~fileMs with an index, what
// ffprobe decodes equals what was indexed, spans with gaps where the source stopped, a reopen sees the same
// catalogue, and the VOD playlist over those files plays (ffmpeg reads EXT-X-BYTERANGE) every frame.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { playlistFromStore } from "../src/playlist/fromStore";
import { decodeRecords } from "../src/store/indexRecord";
import { RecordingStore } from "../src/store/store";
import { countFrames, segments } from "./support/media";

const T0 = Date.UTC(2025, 2, 1, 8, 0, 0);
let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "cw-rec-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function record(store: RecordingStore, runs: Array<{ at: number; seconds: number }>): Promise<number> {
  let frames = 0;
  for (const r of runs) {
    const { events } = segments({ wallStart: r.at, seconds: r.seconds });
    for (const e of events) store.append("cam1", e);
    frames += r.seconds * 25 + 1;
    await store.flush();
  }
  return frames;
}

describe("recording store", () => {
  it("writes few files of ~fileMs, each an fMP4 that decodes to exactly what its index lists", async () => {
    const store = await RecordingStore.open({ root, fileMs: 10_000 });
    await record(store, [{ at: T0, seconds: 25 }]);
    await store.close();
    const files = store.catalog.files("cam1");
    expect(files.map((f) => [f.start - T0, f.end - T0])).toEqual([
      [0, 10_000],
      [10_000, 20_000],
      [20_000, 25_040],
    ]);
    const names = readdirSync(join(root, "cam1")).sort();
    expect(names).toEqual([
      `${T0}.mp4`,
      `${T0}_${T0 + 10_000}_${files[0]!.bytes}.idx`,
      `${T0 + 10_000}.mp4`,
      `${T0 + 10_000}_${T0 + 20_000}_${files[1]!.bytes}.idx`,
      `${T0 + 20_000}.mp4`,
      `${T0 + 20_000}_${T0 + 25_040}_${files[2]!.bytes}.idx`,
    ]);
    for (const f of files) {
      const media = join(root, "cam1", `${f.start}.mp4`);
      expect(statSync(media).size).toBe(f.bytes);
      const { records } = decodeRecords(
        readFileSync(join(root, "cam1", names.find((n) => n.startsWith(`${f.start}_`))!)),
      );
      const last = records.at(-1)!;
      expect(last.offset + last.length).toBe(f.bytes);
      expect(countFrames(media)).toBe(Math.round((f.end - f.start) / 40));
    }
    expect(store.stats().bytesWritten).toBe(files.reduce((n, f) => n + f.bytes, 0) + 26 * 32);
  });

  it("spans have a gap where the source stopped; a reopened store lists the same", async () => {
    const store = await RecordingStore.open({ root });
    await record(store, [
      { at: T0, seconds: 12 },
      { at: T0 + 60_000, seconds: 5 },
    ]);
    await store.close();
    const want = [
      { from: T0, to: T0 + 12_040 },
      { from: T0 + 60_000, to: T0 + 65_040 },
    ];
    expect(store.spans("cam1", T0 - 3600_000, T0 + 3600_000)).toEqual(want);
    const again = await RecordingStore.open({ root });
    expect(again.spans("cam1", T0 - 3600_000, T0 + 3600_000)).toEqual(want);
    expect(again.recovered).toBe(0);
    expect(again.catalog.totalBytes).toBe(store.catalog.totalBytes);
  });

  it("the playlist over the files plays every frame of the window (ffmpeg over EXT-X-BYTERANGE)", async () => {
    const store = await RecordingStore.open({ root, fileMs: 10_000 });
    await record(store, [
      { at: T0, seconds: 25 },
      { at: T0 + 40_000, seconds: 6 },
    ]);
    const all = await playlistFromStore(store, "cam1", { from: T0, to: T0 + 50_000, now: T0 + 3600_000 });
    expect(all).toContain("#EXT-X-PLAYLIST-TYPE:VOD");
    expect(all).toContain(`#EXT-X-MAP:URI="${T0}.mp4",BYTERANGE=`);
    expect(all).toContain("#EXT-X-ENDLIST");
    expect(all!.match(/#EXT-X-DISCONTINUITY/g)).toHaveLength(3); // 4 files
    // ffmpeg's HLS demuxer drops a few frames where a new stream's timestamps restart at 0 (hls.js
    // remaps them; the Chromium specs cover that), so frames are counted over the first run's 3 files.
    const run1 = await playlistFromStore(store, "cam1", { from: T0, to: T0 + 30_000, now: T0 + 3600_000 });
    const file = join(root, "cam1", "all.m3u8");
    writeFileSync(file, run1!);
    expect(countFrames(file)).toBe(25 * 25 + 1);

    // A window inside one file: from the stored segment holding `from` to the one holding `to`, in 2 s groups.
    const part = await playlistFromStore(store, "cam1", { from: T0 + 3_500, to: T0 + 7_200, now: T0 + 3600_000 });
    expect(part!.match(/#EXTINF:[\d.]+,/g)).toEqual(["#EXTINF:2.000,", "#EXTINF:2.000,", "#EXTINF:1.000,"]);
    expect(part).toContain(`#EXT-X-PROGRAM-DATE-TIME:${new Date(T0 + 3_000).toISOString()}`);
    writeFileSync(file, part!);
    expect(countFrames(file)).toBe(125);

    // Nothing recorded in a past window: no playlist. A window reaching into the future grows (EVENT).
    expect(
      await playlistFromStore(store, "cam1", { from: T0 + 30_000, to: T0 + 35_000, now: T0 + 3600_000 }),
    ).toBeNull();
    const live = await playlistFromStore(store, "cam1", { from: T0 + 40_000, to: T0 + 100_000, now: T0 + 46_000 });
    expect(live).toContain("#EXT-X-PLAYLIST-TYPE:EVENT");
    expect(live).not.toContain("#EXT-X-ENDLIST");
    await store.close();
  });
});
