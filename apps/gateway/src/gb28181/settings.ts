// What commanders set per GB device: its own password, the prison it belongs to and the organisation
// mapping. Kept in DATA_DIR/gb/devices.json (mode 0600, written whole and fsync'd before the API answers)
// rather than in the event log, because the log is the readable audit trail and a password must never be
// in it; the log records that a setting changed and by whom. The password is sealed in the file (AES-256-GCM,
// auth/atRest.ts, key derived from DATA_DIR/secret) and plain only in memory; a file written before sealing
// reads back as it is and is sealed whole at the next write. Read once at start; never logs a password.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { zId } from "@cw/protocol";
import { z } from "zod";
import type { SecretBox } from "../auth/atRest";
import { writeFileDurably } from "../durableFile";

const zPlace = z.object({ blockId: zId.nullable(), subBlockId: zId.nullable() }).strict();
export const zGbId = z.string().regex(/^\d{1,32}$/, "a GB/T 28181 id is up to 32 digits");
export const zMapping = z.record(zGbId, zPlace);

const zDeviceSettings = z
  .object({
    password: z.string().min(1).max(128).optional(),
    prisonId: zId.nullable().optional(),
    mapping: zMapping.optional(),
  })
  .strict();
export type DeviceSettings = z.infer<typeof zDeviceSettings>;

// In the file the password is sealed ("cw1." + base64url), longer than the 128 characters it is in the API.
const zStored = zDeviceSettings.extend({ password: z.string().min(1).max(1024).optional() }).strict();
const zFile = z.object({ version: z.literal(1), devices: z.record(zGbId, zStored) });

const mapPassword = (s: DeviceSettings, f: (p: string) => string): DeviceSettings =>
  s.password === undefined ? s : { ...s, password: f(s.password) };

export class GbSettings {
  /** Writes one after another, so an older state never lands after a newer one. */
  private writing: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly dir: string,
    private readonly devices: Map<string, DeviceSettings>,
    private readonly box: SecretBox,
  ) {}

  static open(dataDir: string, box: SecretBox): GbSettings {
    const dir = join(dataDir, "gb");
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    let text: string | null = null;
    try {
      text = readFileSync(join(dir, "devices.json"), "utf8");
    } catch {
      text = null; // first start
    }
    let json: unknown = null;
    try {
      json = text === null ? null : JSON.parse(text);
    } catch {
      throw new Error(`${join(dir, "devices.json")} is not JSON: restore it or remove it to start afresh`);
    }
    const parsed = json === null ? null : zFile.safeParse(json);
    if (parsed && !parsed.success)
      throw new Error(`${join(dir, "devices.json")} is not a GB settings file: ${parsed.error.issues[0]?.message}`);
    const devices = Object.entries(parsed?.data.devices ?? {}).map(([id, d]) => {
      try {
        return [id, mapPassword(d, (p) => box.open(p))] as const;
      } catch {
        throw new Error(`${join(dir, "devices.json")}: device ${id}'s password does not open with DATA_DIR/secret`);
      }
    });
    return new GbSettings(dir, new Map(devices), box);
  }

  get(deviceId: string): DeviceSettings {
    return this.devices.get(deviceId) ?? {};
  }

  known(): string[] {
    return [...this.devices.keys()];
  }

  passwordFor(deviceId: string, fallback: string): string {
    return this.devices.get(deviceId)?.password ?? fallback;
  }

  /** Merges and writes durably; resolves once the file is on disk. */
  async set(deviceId: string, patch: DeviceSettings): Promise<DeviceSettings> {
    const next = { ...this.get(deviceId), ...patch };
    this.devices.set(deviceId, next);
    const sealed = [...this.devices].map(([id, d]) => [id, mapPassword(d, (p) => this.box.seal(p))]);
    const bytes = Buffer.from(JSON.stringify({ version: 1, devices: Object.fromEntries(sealed) }));
    const write = this.writing.then(() => writeFileDurably(this.dir, "devices.json", bytes, 0o600));
    this.writing = write.catch(() => undefined);
    await write;
    return next;
  }
}
