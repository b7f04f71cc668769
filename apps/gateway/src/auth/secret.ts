// The server secret: 32 random bytes in DATA_DIR/secret (mode 0600), created on first start. It signs
// HLS tokens and derives catalogue cameras' RTMP publish keys; it is never sent or logged.
import { createHmac, randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

export async function loadSecret(dataDir: string): Promise<Buffer> {
  const path = join(dataDir, "secret");
  try {
    const buf = await readFile(path);
    if (buf.length >= 32) return buf;
    throw new Error(`${path} is shorter than 32 bytes: delete it to make a new one (open play URLs stop working)`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32);
  await writeFile(path, secret, { mode: 0o600, flag: "wx" });
  await chmod(path, 0o600);
  return secret;
}

/** A stable, unguessable RTMP publish key for a catalogue camera that does not list one. */
export function derivedPublishKey(secret: Buffer, cameraId: string): string {
  return createHmac("sha256", secret).update(`publish:${cameraId}`).digest("base64url").slice(0, 24);
}
