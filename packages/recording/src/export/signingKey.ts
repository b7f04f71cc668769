// The gateway's evidence signing key: Ed25519, made once in DATA_DIR (PKCS#8 PEM, mode 0600, written
// durably before first use) and read on every later start. Owns that file; never logs or returns the
// private key's bytes (only the public key leaves, as SPKI PEM).
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { constants } from "node:fs";
import { chmod, mkdir, open, readFile, stat } from "node:fs/promises";
import { dirname } from "node:path";

export interface SigningKey {
  privateKey: KeyObject;
  publicKeyPem: string;
}

export async function loadOrCreateSigningKey(path: string): Promise<SigningKey> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    return await load(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException | null)?.code !== "ENOENT") throw err;
  }
  const { privateKey } = generateKeyPairSync("ed25519");
  const pem = privateKey.export({ type: "pkcs8", format: "pem" });
  try {
    const fh = await open(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
    try {
      await fh.writeFile(pem);
      await fh.sync();
    } finally {
      await fh.close();
    }
    const dir = await open(dirname(path), "r");
    await dir.sync().finally(() => dir.close());
  } catch (err) {
    // Another start made it first: use that one (a key is created once, never replaced).
    if ((err as NodeJS.ErrnoException | null)?.code !== "EEXIST") throw err;
  }
  return load(path);
}

async function load(path: string): Promise<SigningKey> {
  const pem = await readFile(path, "utf8");
  // A key readable by others is tightened rather than refused: the gateway owns the file.
  if (((await stat(path)).mode & 0o077) !== 0) await chmod(path, 0o600);
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error(`${path} is not an Ed25519 private key`);
  const publicKeyPem = createPublicKey(privateKey).export({ type: "spki", format: "pem" }).toString();
  return { privateKey, publicKeyPem };
}
