// The few file operations the recording store needs, behind one small interface so a unit test can make
// the disk fill up (ENOSPC) at an exact byte. Owns nothing but the Node implementation; never decides what
// to write.
import { constants } from "node:fs";
import { type FileHandle, mkdir, open, readdir, readFile, rename, rm, stat, unlink } from "node:fs/promises";

export interface DiskFile {
  /** Writes all of `buf` at `position` or throws (a short write is retried until done or an error). */
  write(buf: Buffer, position: number): Promise<void>;
  truncate(length: number): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface Disk {
  mkdir(dir: string): Promise<void>;
  /** A new file; fails with EEXIST when one is already there. */
  create(path: string): Promise<DiskFile>;
  /** An existing file, for recovery's truncation. */
  openExisting(path: string): Promise<DiskFile>;
  readFile(path: string): Promise<Buffer>;
  /** Up to `length` bytes at `position` (fewer at the end of the file). */
  read(path: string, position: number, length: number): Promise<Buffer>;
  rename(from: string, to: string): Promise<void>;
  /** Removes a file; a missing one is not an error. */
  unlink(path: string): Promise<void>;
  /** Names in a directory; a missing directory is empty. */
  readdir(dir: string): Promise<string[]>;
  /** Size in bytes, or null when the file does not exist. */
  size(path: string): Promise<number | null>;
  /** Removes a directory tree (the replay buffer at start). */
  removeTree(dir: string): Promise<void>;
}

class NodeFile implements DiskFile {
  constructor(private readonly fh: FileHandle) {}
  async write(buf: Buffer, position: number): Promise<void> {
    let done = 0;
    while (done < buf.length) {
      const { bytesWritten } = await this.fh.write(buf, done, buf.length - done, position + done);
      if (bytesWritten <= 0) throw new Error("write made no progress");
      done += bytesWritten;
    }
  }
  truncate(length: number): Promise<void> {
    return this.fh.truncate(length);
  }
  sync(): Promise<void> {
    return this.fh.datasync();
  }
  close(): Promise<void> {
    return this.fh.close();
  }
}

const missing = (err: unknown): boolean => (err as NodeJS.ErrnoException | null)?.code === "ENOENT";

export const nodeDisk: Disk = {
  async mkdir(dir) {
    await mkdir(dir, { recursive: true });
  },
  async create(path) {
    return new NodeFile(await open(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o644));
  },
  async openExisting(path) {
    return new NodeFile(await open(path, "r+"));
  },
  readFile: (path) => readFile(path),
  async read(path, position, length) {
    const fh = await open(path, "r");
    try {
      const buf = Buffer.allocUnsafe(length);
      let got = 0;
      while (got < length) {
        const { bytesRead } = await fh.read(buf, got, length - got, position + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return buf.subarray(0, got);
    } finally {
      await fh.close();
    }
  },
  rename: (from, to) => rename(from, to),
  async unlink(path) {
    try {
      await unlink(path);
    } catch (err) {
      if (!missing(err)) throw err;
    }
  },
  async readdir(dir) {
    try {
      return await readdir(dir);
    } catch (err) {
      if (missing(err)) return [];
      throw err;
    }
  },
  async size(path) {
    try {
      return (await stat(path)).size;
    } catch (err) {
      if (missing(err)) return null;
      throw err;
    }
  },
  removeTree: (dir) => rm(dir, { recursive: true, force: true }),
};

/** Errors that mean "the disk cannot take more", as opposed to a bug or a vanished directory. */
export function isDiskFull(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === "ENOSPC" || code === "EDQUOT" || code === "EFBIG";
}
