// `npm run verify-export -- <mp4> <manifest.json> (--key <public-key.pem> | --gateway <url>)`: checks an
// evidence export offline — size, SHA-256 and the gateway's Ed25519 signature — and says which check
// failed. Exit 0 when everything holds, 1 when a check fails, 2 on bad usage. The public key comes from a
// file (e.g. saved from GET /api/v1/evidence/public-key) or is fetched from a gateway.
import { readFile } from "node:fs/promises";
import { zPublicKeyResponse } from "@cw/protocol";
import { verifyExport } from "../export/manifest";

const usage =
  "usage: verify-export <file.mp4> <manifest.json> (--key <public-key.pem> | --gateway <https://host:port>)";

async function publicKey(args: string[]): Promise<string> {
  const k = args.indexOf("--key");
  if (k >= 0 && args[k + 1]) return readFile(args[k + 1]!, "utf8");
  const g = args.indexOf("--gateway");
  if (g >= 0 && args[g + 1]) {
    const res = await fetch(new URL("/api/v1/evidence/public-key", args[g + 1]));
    if (!res.ok) throw new Error(`the gateway answered ${res.status} for its public key`);
    return zPublicKeyResponse.parse(await res.json()).publicKey;
  }
  throw new Error(usage);
}

async function main(argv: string[]): Promise<number> {
  const [mp4, manifestFile, ...rest] = argv;
  if (!mp4 || !manifestFile || mp4.startsWith("--")) {
    console.error(usage);
    return 2;
  }
  let key: string;
  let manifest: unknown;
  try {
    key = await publicKey(rest);
    manifest = JSON.parse(await readFile(manifestFile, "utf8"));
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 2;
  }
  const r = await verifyExport(mp4, manifest, key);
  for (const c of r.checks) console.log(`${c.ok ? "ok  " : "FAIL"} ${c.name}: ${c.detail}`);
  if (r.manifest)
    console.log(
      `camera ${r.manifest.cameraId}, ${new Date(r.manifest.from).toISOString()} – ${new Date(r.manifest.to).toISOString()}, exported by ${r.manifest.exportedBy} at ${new Date(r.manifest.exportedAt).toISOString()}`,
    );
  console.log(r.ok ? "VERIFIED: the file is the one the gateway signed." : "NOT VERIFIED.");
  return r.ok ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
