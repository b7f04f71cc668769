// Evidence export on real recordings: a span (across a gap: two pieces) becomes one progressive MP4 that
// ffprobe plays — moov before mdat, no fragments, video and audio, as long as the recorded segments — and
// a manifest signed with the gateway's Ed25519 key that verifies; a flipped byte in the file, an edited
// manifest or another key fails, each naming the failed check; the CLI says the same with its exit code.
// The signing key is made once, 0600, and reused.
import { spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { manifestSigningBytes } from "@cw/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportClip } from "../src/export/exporter";
import { verifyExport } from "../src/export/manifest";
import { loadOrCreateSigningKey, type SigningKey } from "../src/export/signingKey";
import { RecordingStore } from "../src/store/store";
import { countFrames, FFMPEG, probe, segments } from "./support/media";

const T0 = Date.UTC(2025, 2, 1, 8, 0, 0);
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const cliFile = fileURLToPath(new URL("../src/cli/verifyExport.ts", import.meta.url));
let root: string;
let store: RecordingStore;
let key: SigningKey;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "cw-rec-exp-"));
  store = await RecordingStore.open({ root: join(root, "rec"), fileMs: 10_000, maxQueue: 1000 });
  for (const at of [T0, T0 + 60_000]) {
    for (const e of segments({ wallStart: at, seconds: 25 }).events) store.append("cam1", e);
    await store.flush();
  }
  key = await loadOrCreateSigningKey(join(root, "data", "evidence", "signing-key.pem"));
});
afterAll(async () => {
  await store.close();
  rmSync(root, { recursive: true, force: true });
});

const opts = () => ({ store, outDir: join(root, "exports"), ffmpeg: FFMPEG, key, now: () => T0 + 86_400_000 });

/** Top-level box types of an MP4 file, in order. */
function topBoxes(file: string): string[] {
  const b = readFileSync(file);
  const out: string[] = [];
  for (let o = 0; o + 8 <= b.length; ) {
    let size = b.readUInt32BE(o);
    if (size === 1) size = Number(b.readBigUInt64BE(o + 8));
    out.push(b.toString("latin1", o + 4, o + 8));
    if (size < 8) break;
    o += size;
  }
  return out;
}

describe("evidence export", () => {
  it("one span across a gap → one progressive MP4 that plays, with a manifest that verifies", async () => {
    const r = await exportClip(
      { cameraId: "cam1", from: T0 + 5_500, to: T0 + 70_000, exportedBy: "chief", name: "ev1-1" },
      opts(),
    );
    if (!r.ok) throw new Error(r.error.message);
    const { mp4Path, manifest } = r.value;
    const boxes = topBoxes(mp4Path);
    expect(boxes.indexOf("moov")).toBeLessThan(boxes.indexOf("mdat"));
    expect(boxes).not.toContain("moof");
    const p = probe(mp4Path);
    expect(p.format.format_name).toContain("mp4");
    expect(p.streams.map((s) => s.codec_name).sort()).toEqual(["aac", "h264"]);
    // 5–25 s of the first run (from the key frame at 5 s) and 60–70 s of the second.
    expect(countFrames(mp4Path)).toBe(20 * 25 + 1 + 10 * 25);
    expect(Number(p.format.duration)).toBeCloseTo(30.04, 0);

    expect(manifest).toMatchObject({
      cameraId: "cam1",
      from: T0 + 5_500,
      to: T0 + 70_000,
      exportedBy: "chief",
      exportedAt: T0 + 86_400_000,
    });
    expect(manifest.bytes).toBe(statSync(mp4Path).size);
    expect(JSON.parse(readFileSync(r.value.manifestPath, "utf8"))).toEqual(manifest);
    const v = await verifyExport(mp4Path, manifest, key.publicKeyPem);
    expect(v.checks.map((c) => [c.name, c.ok])).toEqual([
      ["manifest", true],
      ["bytes", true],
      ["sha256", true],
      ["signature", true],
    ]);
    expect(v.ok).toBe(true);
  });

  it("a flipped byte, an edited manifest or another key fails, naming the check", async () => {
    const r = await exportClip(
      { cameraId: "cam1", from: T0, to: T0 + 4_000, exportedBy: "duty", name: "ev2-1" },
      opts(),
    );
    if (!r.ok) throw new Error(r.error.message);
    const { mp4Path, manifest } = r.value;
    const bytes = readFileSync(mp4Path);
    const flipped = join(root, "flipped.mp4");
    const copy = Buffer.from(bytes);
    copy[Math.floor(copy.length / 2)]! ^= 0x01;
    writeFileSync(flipped, copy);
    const failed = async (file: string, m: unknown, pem = key.publicKeyPem) =>
      (await verifyExport(file, m, pem)).checks.filter((c) => !c.ok).map((c) => c.name);
    expect(await failed(flipped, manifest)).toEqual(["sha256"]);
    expect(await failed(mp4Path, { ...manifest, exportedBy: "someone else" })).toEqual(["signature"]);
    expect(await failed(mp4Path, { ...manifest, to: manifest.to + 1 })).toEqual(["signature"]);
    const other = generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }).toString();
    expect(await failed(mp4Path, manifest, other)).toEqual(["signature"]);
    expect(await failed(mp4Path, { ...manifest, signature: undefined })).toEqual(["manifest"]);

    // The signature covers exactly the sorted-key UTF-8 JSON without `signature`.
    const { signature: _s, ...rest } = manifest;
    expect(Buffer.from(manifestSigningBytes(manifest)).toString("utf8")).toBe(
      JSON.stringify(Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)))),
    );

    // The CLI: exit 0 and VERIFIED; exit 1 naming the check for the flipped file.
    const pem = join(root, "public.pem");
    writeFileSync(pem, key.publicKeyPem);
    const cli = (file: string) =>
      spawnSync(process.execPath, ["--import", tsxLoader, cliFile, file, r.value.manifestPath, "--key", pem], {
        encoding: "utf8",
      });
    const good = cli(mp4Path);
    expect(good.status).toBe(0);
    expect(good.stdout).toContain("VERIFIED");
    const bad = cli(flipped);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain("FAIL sha256");
  });

  it("nothing recorded in the span is not_found, and no file is left behind", async () => {
    const r = await exportClip(
      { cameraId: "cam1", from: T0 + 30_000, to: T0 + 50_000, exportedBy: "duty", name: "ev3-1" },
      opts(),
    );
    expect(r.ok ? null : r.error.code).toBe("not_found");
  });

  it("the signing key is made once with mode 0600 and read back the same", async () => {
    const path = join(root, "data", "evidence", "signing-key.pem");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = await loadOrCreateSigningKey(path);
    expect(again.publicKeyPem).toBe(key.publicKeyPem);
    expect(again.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });
});
