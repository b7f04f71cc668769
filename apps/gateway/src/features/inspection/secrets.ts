// The not-yet-revealed draw secrets: DATA_DIR/inspection/secrets.json, {"YYYY-MM-DD": "<64 hex>"},
// mode 0600. A secret is generated (32 random bytes) and written here, fsync'd and renamed into place
// BEFORE its commitment is appended to the log, so a committed day always has its secret on disk; it
// is deleted once the draw has revealed it (the log then holds it). Losing this file loses the
// committed-but-unrevealed days: those days get no draw and the chain restarts (see service.ts).
import { randomBytes } from "node:crypto";
import { chmod, mkdir, open, readFile, rename } from "node:fs/promises";
import { join } from "node:path";

const HEX64 = /^[0-9a-f]{64}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function newSecret(): string {
  return randomBytes(32).toString("hex");
}

export class SecretFile {
  private secrets: Record<string, string> = {};
  private readonly dir: string;
  readonly path: string;

  private constructor(dataDir: string) {
    this.dir = join(dataDir, "inspection");
    this.path = join(this.dir, "secrets.json");
  }

  /** Opens (or starts) the file; entries that are not {date: 64-hex} are dropped with a warning. */
  static async open(dataDir: string, warn: (msg: string) => void): Promise<SecretFile> {
    const f = new SecretFile(dataDir);
    await mkdir(f.dir, { recursive: true, mode: 0o700 });
    let text: string | null = null;
    try {
      text = await readFile(f.path, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    if (text !== null) {
      try {
        const parsed = JSON.parse(text) as unknown;
        if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
        for (const [date, secret] of Object.entries(parsed)) {
          if (DATE.test(date) && typeof secret === "string" && HEX64.test(secret)) f.secrets[date] = secret;
          else warn(`inspection secrets: dropped a malformed entry for '${date}'`);
        }
      } catch (err) {
        warn(`inspection secrets: ${f.path} is not valid JSON (${(err as Error).message}); starting empty`);
      }
      await chmod(f.path, 0o600);
    }
    return f;
  }

  get(date: string): string | null {
    return this.secrets[date] ?? null;
  }

  dates(): string[] {
    return Object.keys(this.secrets).sort();
  }

  /** Sets and removes entries in one durable write. */
  async update(set: Record<string, string>, remove: readonly string[] = []): Promise<void> {
    const next = { ...this.secrets, ...set };
    for (const d of remove) delete next[d];
    await this.write(next);
    this.secrets = next;
  }

  private async write(content: Record<string, string>): Promise<void> {
    const tmp = join(this.dir, `.secrets.${randomBytes(4).toString("hex")}.tmp`);
    const fh = await open(tmp, "w", 0o600);
    try {
      await fh.writeFile(`${JSON.stringify(content, null, 2)}\n`);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, this.path);
    const d = await open(this.dir, "r");
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  }
}
