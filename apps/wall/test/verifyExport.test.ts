// The wall's in-browser export check (WebCrypto, here Node's) against manifests signed the way the
// gateway signs them (node:crypto Ed25519 over the canonical bytes): a good export verifies, a flipped
// byte fails SHA-256, an edited manifest or another key fails the signature, a malformed one fails its shape.
import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { manifestSigningBytes, type UnsignedManifest } from "@cw/protocol";
import { describe, expect, it } from "vitest";
import { verifyInBrowser } from "../src/playback/verifyExport";

const keys = generateKeyPairSync("ed25519");
const pem = keys.publicKey.export({ type: "spki", format: "pem" }).toString();
const mp4 = Buffer.from("ftyp…moov…mdat… a stand-in for an exported file");
const unsigned: UnsignedManifest = {
  cameraId: "pj-gate",
  from: 1_740_816_000_000,
  to: 1_740_816_030_000,
  sha256: createHash("sha256").update(mp4).digest("hex"),
  bytes: mp4.length,
  exportedBy: "chief",
  exportedAt: 1_740_900_000_000,
};
const manifest = {
  ...unsigned,
  signature: sign(null, manifestSigningBytes(unsigned), keys.privateKey).toString("base64"),
};
const ab = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;
const failed = async (file: Buffer, m: unknown, key = pem) =>
  (await verifyInBrowser(ab(file), m, key)).checks.filter((c) => !c.ok).map((c) => c.name);

describe("verifying an export in the browser", () => {
  it("accepts the signed file", async () => {
    const r = await verifyInBrowser(ab(mp4), manifest, pem);
    expect(r.ok).toBe(true);
    expect(r.checks.map((c) => c.name)).toEqual(["manifest", "bytes", "sha256", "signature"]);
  });

  it("names what fails", async () => {
    const flipped = Buffer.from(mp4);
    flipped[3]! ^= 1;
    expect(await failed(flipped, manifest)).toEqual(["sha256"]);
    expect(await failed(mp4, { ...manifest, exportedBy: "someone" })).toEqual(["signature"]);
    const other = generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }).toString();
    expect(await failed(mp4, manifest, other)).toEqual(["signature"]);
    expect(await failed(mp4, { ...manifest, sha256: "nope" })).toEqual(["manifest"]);
    expect(await failed(Buffer.concat([mp4, Buffer.from("x")]), manifest)).toEqual(["bytes", "sha256"]);
  });
});
