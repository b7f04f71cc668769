// Alarm snapshots (base64 JPEG ≤ 512 KB) kept out of the event log's hot path: the bytes go to a
// content-addressed file DATA_DIR/snapshots/<sha256>.jpg, written, fsync'd and renamed into place
// BEFORE the alarm.raised event is appended, and the event carries only the reference `sha256:<hex>`.
// So replay and the in-memory state stay small, and an acknowledged alarm's picture is durable.
// With a shared log (Redis) there is no shared disk: there the snapshot stays inline in the event
// (`inline` mode) and get() decodes it. Never deletes: pictures are part of the record.
import { createHash } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileDurably } from "../../durableFile";

export const SNAPSHOT_REF_PREFIX = "sha256:";
const REF = /^sha256:([0-9a-f]{64})$/;

export interface SnapshotStore {
  /** Stores bare base64 JPEG; returns what the event should carry. */
  put(base64: string): Promise<string>;
  /** The JPEG bytes of a reference (or inline base64), or null when missing. */
  get(ref: string): Promise<Buffer | null>;
}

export function fileSnapshots(dir: string): SnapshotStore {
  let made: Promise<unknown> | null = null;
  return {
    async put(base64) {
      const bytes = Buffer.from(base64, "base64");
      const hash = createHash("sha256").update(bytes).digest("hex");
      made ??= mkdir(dir, { recursive: true });
      await made;
      // Same content, same name: a concurrent writer of the same picture renames identical bytes.
      await writeFileDurably(dir, `${hash}.jpg`, bytes);
      return `${SNAPSHOT_REF_PREFIX}${hash}`;
    },
    async get(ref) {
      const m = REF.exec(ref);
      if (m === null) return Buffer.from(ref, "base64");
      try {
        return await readFile(join(dir, `${m[1]}.jpg`));
      } catch {
        return null;
      }
    },
  };
}

/** Shared-log mode: the event keeps the base64 itself. */
export const inlineSnapshots: SnapshotStore = {
  async put(base64) {
    return base64;
  },
  async get(ref) {
    return REF.test(ref) ? null : Buffer.from(ref, "base64");
  },
};
