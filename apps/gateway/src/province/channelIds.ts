// The 20-digit GB ids an edge gives its blocks (215), sub-blocks (216) and cameras (131) when it lists
// them upward: the edge's centre code (its id's first 10 digits) + the type + a 7-digit serial made of
// the edge's number (its id's last 3 digits, so two edges of one bureau never hand out the same id) and a
// 4-digit sequence. Kept in DATA_DIR/province/channels.json (written whole, fsync'd), so a camera keeps
// its id — and the bureau its camera, its recordings and its place on screens — across restarts. A GB
// camera of the edge keeps its own channel id (the map is not asked). Owns the file; no other I/O.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { writeFileDurably } from "../durableFile";

export type GbKind = "block" | "subBlock" | "camera";
const TYPE: Record<GbKind, string> = { block: "215", subBlock: "216", camera: "131" };

const zFile = z.object({ version: z.literal(1), ids: z.record(z.string(), z.string().regex(/^\d{20}$/)) });

export class ChannelIds {
  private writing: Promise<unknown> = Promise.resolve();
  private dirty = false;
  private readonly used = new Set<string>();

  private constructor(
    private readonly dir: string,
    private readonly edgeId: string,
    private readonly ids: Map<string, string>,
  ) {
    for (const v of ids.values()) this.used.add(v);
  }

  static open(dataDir: string, edgeId: string): ChannelIds {
    const dir = join(dataDir, "province");
    mkdirSync(dir, { recursive: true });
    let json: unknown = null;
    try {
      json = JSON.parse(readFileSync(join(dir, "channels.json"), "utf8"));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT")
        throw new Error(`${join(dir, "channels.json")} is not JSON: restore it or remove it to number afresh`);
    }
    const parsed = json === null ? null : zFile.safeParse(json);
    if (parsed && !parsed.success) throw new Error(`${join(dir, "channels.json")}: ${parsed.error.issues[0]?.message}`);
    return new ChannelIds(dir, edgeId, new Map(Object.entries(parsed?.data.ids ?? {})));
  }

  /** The id of one of our blocks, sub-blocks or cameras; a new one is numbered (save() writes it). */
  idOf(kind: GbKind, id: string): string {
    const key = `${kind}:${id}`;
    const known = this.ids.get(key);
    if (known) return known;
    const base = `${this.edgeId.slice(0, 10)}${TYPE[kind]}${this.edgeId.slice(17, 20)}`;
    for (let seq = 1; seq <= 9999; seq++) {
      const candidate = `${base}${String(seq).padStart(4, "0")}`;
      if (this.used.has(candidate)) continue;
      this.ids.set(key, candidate);
      this.used.add(candidate);
      this.dirty = true;
      return candidate;
    }
    throw new Error(`more than 9999 ${kind}s at this edge: no GB id left`);
  }

  /** Writes the map if it changed; resolves once it is on disk. */
  async save(): Promise<void> {
    if (!this.dirty) return this.writing.then(() => undefined);
    this.dirty = false;
    const bytes = Buffer.from(JSON.stringify({ version: 1, ids: Object.fromEntries(this.ids) }));
    const write = this.writing.then(() => writeFileDurably(this.dir, "channels.json", bytes));
    this.writing = write.catch(() => undefined);
    await write;
  }
}
