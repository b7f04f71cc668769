// Signing and verifying an export's manifest: Ed25519 over the canonical bytes (protocol's
// manifestSigningBytes: the UTF-8 JSON without `signature`, keys sorted), and the checks a verifier makes
// — the manifest's shape, the file's size and SHA-256, the signature under the given public key. Each
// check is reported as data so a person sees which one failed. Never trusts the manifest's own claims
// before its signature checks out.
import { createHash, createPublicKey, type KeyObject, sign, verify } from "node:crypto";
import { createReadStream } from "node:fs";
import { type ExportManifest, manifestSigningBytes, type UnsignedManifest, zExportManifest } from "@cw/protocol";

export function signManifest(m: UnsignedManifest, privateKey: KeyObject): ExportManifest {
  const signature = sign(null, manifestSigningBytes(m), privateKey).toString("base64");
  return { ...m, signature };
}

export async function sha256File(path: string): Promise<{ sha256: string; bytes: number }> {
  const h = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    h.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: h.digest("hex"), bytes };
}

export interface VerifyCheck {
  name: "manifest" | "bytes" | "sha256" | "signature";
  ok: boolean;
  detail: string;
}

export interface VerifyResult {
  ok: boolean;
  checks: VerifyCheck[];
  manifest: ExportManifest | null;
}

/** Checks an exported file against its manifest and the gateway's public key (SPKI PEM). */
export async function verifyExport(
  mp4Path: string,
  manifestJson: unknown,
  publicKeyPem: string,
): Promise<VerifyResult> {
  const parsed = zExportManifest.safeParse(manifestJson);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const detail = `not an export manifest: ${issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "invalid"}`;
    return { ok: false, checks: [{ name: "manifest", ok: false, detail }], manifest: null };
  }
  const m = parsed.data;
  const checks: VerifyCheck[] = [{ name: "manifest", ok: true, detail: "well-formed" }];
  const file = await sha256File(mp4Path);
  checks.push({
    name: "bytes",
    ok: file.bytes === m.bytes,
    detail:
      file.bytes === m.bytes ? `${file.bytes} bytes` : `the file has ${file.bytes} bytes, the manifest says ${m.bytes}`,
  });
  checks.push({
    name: "sha256",
    ok: file.sha256 === m.sha256,
    detail:
      file.sha256 === m.sha256 ? file.sha256 : `the file's SHA-256 is ${file.sha256}, the manifest says ${m.sha256}`,
  });
  checks.push(checkSignature(m, publicKeyPem));
  return { ok: checks.every((c) => c.ok), checks, manifest: m };
}

function checkSignature(m: ExportManifest, publicKeyPem: string): VerifyCheck {
  let key: KeyObject;
  try {
    key = createPublicKey(publicKeyPem);
  } catch (err) {
    return { name: "signature", ok: false, detail: `the public key is unusable: ${String(err)}` };
  }
  if (key.asymmetricKeyType !== "ed25519")
    return { name: "signature", ok: false, detail: "the public key is not an Ed25519 key" };
  const sig = Buffer.from(m.signature, "base64");
  const ok = sig.length === 64 && verify(null, manifestSigningBytes(m), key, sig);
  return {
    name: "signature",
    ok,
    detail: ok ? "Ed25519 signature valid" : "the signature does not match this manifest and key",
  };
}
