// kill -9 mid-recording: a child writes real segments as fast as the disk takes them; we SIGKILL it at
// a few different moments, reopen the store, and require that every segment indexed before the kill is
// still served, every file decodes with no error to exactly what its index lists, and nothing past the
// index is left in a media file.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import { RECORD_BYTES } from "../src/store/indexRecord";
import { RecordingStore } from "../src/store/store";
import { clip, countFrames } from "./support/media";

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const child = fileURLToPath(new URL("./support/recordForever.ts", import.meta.url));

/** Segments indexed on disk right now (complete records of every index file). */
function indexedNow(dir: string): number {
  let n = 0;
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return 0; // not created yet
  }
  for (const name of names) {
    if (!name.endsWith(".idx")) continue;
    try {
      n += Math.floor(statSync(join(dir, name)).size / RECORD_BYTES);
    } catch {
      // renamed between readdir and stat (sealed): counted under its new name on the next look
    }
  }
  return n;
}

it.each([40, 95, 150])("after kill -9 at ~%i segments every complete segment is served and none broken", async (at) => {
  clip(); // render the fixture before the child races for it
  const root = mkdtempSync(join(tmpdir(), "cw-rec-kill-"));
  try {
    const proc = spawn(process.execPath, ["--import", tsxLoader, child, root], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.on("exit", (_c, sig) => resolve(sig)));
    const dir = join(root, "cam1");
    const deadline = Date.now() + 60_000;
    let seen = 0;
    while (seen < at) {
      if (Date.now() > deadline) {
        proc.kill("SIGKILL");
        throw new Error(`the child indexed only ${seen} segments`);
      }
      await new Promise((r) => setTimeout(r, 5));
      seen = indexedNow(dir);
    }
    proc.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    const store = await RecordingStore.open({ root });
    expect(store.recovered).toBe(1); // the file that was open
    const files = store.catalog.files("cam1");
    let segmentsKept = 0;
    for (const f of files) {
      expect(f.sealed).toBe(true);
      const media = join(dir, `${f.start}.mp4`);
      expect(statSync(media).size).toBe(f.bytes);
      const records = await store.records("cam1", f);
      segmentsKept += records.length;
      expect(countFrames(media)).toBe(Math.round((f.end - f.start) / 40));
    }
    expect(segmentsKept).toBeGreaterThanOrEqual(seen);
    expect(readdirSync(dir).filter((n) => n.endsWith(".mp4"))).toHaveLength(files.length);
    // Contiguous: each file starts where the previous ended (one run of the source).
    for (let i = 1; i < files.length; i++) expect(files[i]!.start).toBe(files[i - 1]!.end);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
