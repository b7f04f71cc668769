// Writes a whole file so that a crash leaves either the old file or the new one, never half of one:
// a temporary name in the same directory, written and fsync'd, renamed into place, then the directory
// fsync'd so the rename itself survives. Used for alarm pictures and state snapshots.
import { randomBytes } from "node:crypto";
import { open, rename } from "node:fs/promises";
import { join } from "node:path";

/** Temporary files this module leaves behind only if the process dies mid-write: `.<name>.<hex>.tmp`. */
export const isDurableTemp = (name: string): boolean => name.startsWith(".") && name.endsWith(".tmp");

export async function writeFileDurably(dir: string, name: string, bytes: Uint8Array, mode = 0o666): Promise<string> {
  const final = join(dir, name);
  const tmp = join(dir, `.${name}.${randomBytes(4).toString("hex")}.tmp`);
  const fh = await open(tmp, "w", mode);
  try {
    await fh.write(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, final);
  const d = await open(dir, "r");
  try {
    await d.sync();
  } finally {
    await d.close();
  }
  return final;
}
