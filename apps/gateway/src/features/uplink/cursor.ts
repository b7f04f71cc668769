// The uplink's durable cursor: the seq of the last edge event the bureau acknowledged (or that needed no
// forwarding), in DATA_DIR/uplink/cursor.json, written whole and durably (durableFile.ts) so a kill -9
// leaves the old value or the new one. Writes are coalesced — one in flight, the newest value next — so
// a burst of acks costs a few writes, not one per ack. A cursor that lags after a crash only re-sends
// what the bureau answers `duplicate`: at-least-once + idempotent sourceIds = each record once.
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { writeFileDurably } from "../../durableFile";

const zCursorFile = z.object({ seq: z.number().int().min(0) }).strict();

/** Parses the cursor file's text; a missing or damaged file is 0 (everything is re-sent, idempotently). */
export function parseCursor(text: string | null): number {
  if (text === null) return 0;
  try {
    const r = zCursorFile.safeParse(JSON.parse(text));
    return r.success ? r.data.seq : 0;
  } catch {
    return 0;
  }
}

export class CursorStore {
  private written = 0;
  private wanted = 0;
  private writing: Promise<void> | null = null;
  private failure: unknown = null;

  private constructor(
    private readonly dir: string,
    private readonly file: string,
  ) {}

  /** The cursor in dir/file (the alarms' `cursor.json`, the bureau orders' `orders.json`). */
  static async open(dir: string, file = "cursor.json"): Promise<CursorStore> {
    await mkdir(dir, { recursive: true });
    const text = await readFile(join(dir, file), "utf8").catch(() => null);
    const store = new CursorStore(dir, file);
    store.written = store.wanted = parseCursor(text);
    return store;
  }

  /** The newest value asked for (what the forwarder has acknowledged). */
  get seq(): number {
    return this.wanted;
  }

  /** The value on disk. */
  get durableSeq(): number {
    return this.written;
  }

  /** The last write error, if the last write failed (retried at the next advance). */
  get lastError(): unknown {
    return this.failure;
  }

  /** Moves the cursor forward (never back) and schedules a durable write. */
  advance(seq: number): void {
    if (seq <= this.wanted) return;
    this.wanted = seq;
    this.writing ??= this.writeLoop();
  }

  /** Resolves once the newest value is on disk (close, tests). */
  async flush(): Promise<void> {
    while (this.writing !== null) await this.writing;
  }

  private async writeLoop(): Promise<void> {
    try {
      while (this.written < this.wanted) {
        const seq = this.wanted;
        try {
          await writeFileDurably(this.dir, this.file, Buffer.from(JSON.stringify({ seq })));
          this.written = seq;
          this.failure = null;
        } catch (err) {
          // Disk trouble: keep the old cursor (re-sends are duplicates) and try at the next ack.
          this.failure = err;
          return;
        }
      }
    } finally {
      this.writing = null;
    }
  }
}
