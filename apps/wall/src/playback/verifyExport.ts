// Checking an evidence export in this browser, not trusting the gateway's word: the manifest's shape, the
// file's size and SHA-256 (WebCrypto), and the Ed25519 signature over the canonical manifest bytes
// (`manifestSigningBytes`, shared with the gateway and the CLI) under the gateway's public key. Each check
// is data, so the page shows which one failed. Never uploads the file anywhere.
import { manifestSigningBytes, zExportManifest } from "@cw/protocol";

export interface BrowserCheck {
  name: "manifest" | "bytes" | "sha256" | "signature";
  ok: boolean;
  /** What was found (hex digest, byte count) or why it failed. */
  detail: string;
}

const hex = (b: ArrayBuffer): string => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, "0")).join("");

function pemBody(pem: string): Uint8Array<ArrayBuffer> {
  const b64 = pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

export async function verifyInBrowser(
  mp4: ArrayBuffer,
  manifestJson: unknown,
  publicKeyPem: string,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<{ ok: boolean; checks: BrowserCheck[] }> {
  const parsed = zExportManifest.safeParse(manifestJson);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      checks: [
        {
          name: "manifest",
          ok: false,
          detail: issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "invalid",
        },
      ],
    };
  }
  const m = parsed.data;
  const digest = hex(await subtle.digest("SHA-256", mp4));
  const checks: BrowserCheck[] = [
    { name: "manifest", ok: true, detail: m.cameraId },
    { name: "bytes", ok: mp4.byteLength === m.bytes, detail: String(mp4.byteLength) },
    { name: "sha256", ok: digest === m.sha256, detail: digest },
  ];
  let sigOk = false;
  let detail = "";
  try {
    const key = await subtle.importKey("spki", pemBody(publicKeyPem), { name: "Ed25519" }, false, ["verify"]);
    const sig = Uint8Array.from(atob(m.signature), (c) => c.charCodeAt(0));
    sigOk = await subtle.verify({ name: "Ed25519" }, key, sig, manifestSigningBytes(m));
  } catch (err) {
    detail = err instanceof Error ? err.message : String(err);
  }
  checks.push({ name: "signature", ok: sigOk, detail });
  return { ok: checks.every((c) => c.ok), checks };
}
