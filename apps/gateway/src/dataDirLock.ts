// DATA_DIR/gateway.lock: one writer per data directory. The gateway takes it at start and removes it at a
// clean stop; offline tools (reset-admin) take it too, so neither runs beside a gateway on the same log.
// The file holds the holder's pid, made with an exclusive create; a lock whose pid is no longer alive
// (a kill -9, a power cut) is stale and taken over. Never touches anything else in DATA_DIR.
import { mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";

export const lockFileName = "gateway.lock";

/** Another live process holds the lock. */
export class DataDirLockedError extends Error {
  override readonly name = "DataDirLockedError";
  constructor(
    readonly path: string,
    readonly pid: number,
  ) {
    super(`${path} is held by process ${pid}: a gateway (or another tool) is running on this DATA_DIR`);
  }
}

export interface DataDirLock {
  readonly path: string;
  /** Removes the lock file if it is still ours. */
  release(): Promise<void>;
}

export interface LockOptions {
  pid?: number;
  alive?: (pid: number) => boolean;
}

/** Whether a process with this pid exists (EPERM: it exists, owned by someone else). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

const holder = async (path: string): Promise<number | null> => {
  try {
    return Number.parseInt((await readFile(path, "utf8")).trim(), 10);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
};

export async function lockDataDir(dataDir: string, opts: LockOptions = {}): Promise<DataDirLock> {
  const pid = opts.pid ?? process.pid;
  const alive = opts.alive ?? pidAlive;
  const path = join(dataDir, lockFileName);
  await mkdir(dataDir, { recursive: true });
  // A few rounds: a stale lock removed here may be taken by another starter in between.
  for (let round = 0; round < 3; round++) {
    try {
      await writeFile(path, `${pid}\n`, { flag: "wx", mode: 0o644 });
      return {
        path,
        async release() {
          if ((await holder(path)) === pid) await unlink(path).catch(() => {});
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const other = await holder(path);
    if (other === null) continue;
    // Our own pid is a live holder too: one process never opens the same data directory twice.
    if (alive(other)) throw new DataDirLockedError(path, other);
    await unlink(path).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== "ENOENT") throw err;
    });
  }
  const other = (await holder(path)) ?? 0;
  throw new DataDirLockedError(path, other);
}
