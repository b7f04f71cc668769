// Gateway configuration: environment variables first, then an optional JSON file (CONFIG_FILE) with the
// same keys camelCased plus users, catalogueFile and tuning. Validated with zod at start; a bad value
// stops the start with a message naming the variable or key. Reads files; never watches them.
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, resolve } from "node:path";
import { zRole } from "@cw/protocol";
import { z } from "zod";
import { controlConfigShape, controlEnvKeys } from "./features/alarms/config";
import { inspectionConfigShape, inspectionEnvKeys } from "./features/inspection/config";
import { uplinkConfigShape, uplinkEnvKeys } from "./features/uplink/config";
import { usersConfigShape, usersEnvKeys } from "./features/users/config";
import { gbConfigShape, gbEnvKeys } from "./gb28181/config";
import { provinceConfigShape, provinceEnvKeys } from "./province/config";
import { recordingConfigShape, recordingEnvKeys } from "./recording/config";

const zPort = z.coerce.number().int().min(0).max(65535);
const zBool = z.union([z.boolean(), z.enum(["1", "0", "true", "false", "on", "off", "yes", "no"])]).transform((v) => {
  if (typeof v === "boolean") return v;
  return v === "1" || v === "true" || v === "on" || v === "yes";
});

/** A configured user. passwordHash is "scrypt$N$r$p$<salt b64>$<hash b64>" (see docs/api/config.md). */
/** "https://a:1, https://b" (env) or ["https://a:1"] (JSON) → exact origins, no paths. */
const originList = z
  .preprocess(
    (v) =>
      typeof v === "string"
        ? v
            .split(",")
            .map((o) => o.trim())
            .filter((o) => o !== "")
        : v,
    z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, "an origin is scheme://host[:port], without a path")),
  )
  .default([]);

export const zUserConfig = z
  .object({
    username: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "a username is 1-64 letters, digits, '_', '.' or '-'"),
    displayName: z.string().min(1).max(80),
    role: zRole,
    prisonId: z.string().min(1).max(64).nullable().optional(),
    passwordHash: z
      .string()
      .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=_-]+\$[A-Za-z0-9+/=_-]+$/, "not a scrypt hash"),
  })
  .strict()
  .refine((u) => u.role !== "operator" || (u.prisonId ?? null) !== null, {
    message: "an operator needs a prisonId",
    path: ["prisonId"],
  });
export type UserConfig = z.infer<typeof zUserConfig>;

export const zConfig = z
  .object({
    port: zPort.default(8080),
    host: z.string().min(1).default("127.0.0.1"),
    rtmpPort: zPort.default(1935),
    dataDir: z.string().min(1).default("./data"),
    demoPassword: z.string().min(1).max(256).default("commandwall"),
    /** Generate the demo users (commander, chief, duty, viewer, operator-<prisonId>). */
    demoUsers: zBool.optional(),
    users: z.array(zUserConfig).default([]),
    /** Province catalogue JSON; absent = the generated demo province. */
    catalogueFile: z.string().min(1).optional(),
    logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Simulated demo cameras produce pictures (off: they show as offline). */
    sim: zBool.default(true),
    /** Render every simulated camera's clips in the background at start (npm start turns it on). */
    simPrewarm: zBool.default(false),
    /** Where simulated cameras' clips are cached (default DATA_DIR/clips); may be shared between data dirs. */
    clipCacheDir: z.string().min(1).optional(),
    /**
     * A state snapshot (DATA_DIR/state) after this many new events, so a start replays only the tail;
     * 0 turns snapshots off (every start replays the whole log).
     */
    snapshotEvery: z.coerce.number().int().min(0).max(100_000_000).default(20_000),
    hlsTokenTtlS: z.coerce.number().positive().max(86_400).default(60),
    streamIdleS: z.coerce.number().positive().max(3600).default(30),
    stallS: z.coerce.number().positive().max(600).default(5),
    /**
     * Shifts the gateway's clock by this many milliseconds (now = real now + offset). For tests and demos
     * that must run at a chosen hour of the bureau's day — e.g. minutes before its midnight — without
     * touching the machine's clock. 0 in production.
     */
    clockOffsetMs: z.coerce.number().int().default(0),
    sessionTtlH: z.coerce
      .number()
      .positive()
      .max(24 * 30)
      .default(12),
    /** Base of the RTMP publish URL shown to commanders, e.g. rtmp://10.0.0.5:1935 (default from HOST). */
    publicRtmpUrl: z
      .string()
      .regex(/^rtmps?:\/\/[^\s/]+$/, "like rtmp://host:port, no path")
      .optional(),
    /** HTTPS + HTTP/2 with this certificate and key (PEM files; both or neither). See http/tls.ts. */
    tlsCertFile: z.string().min(1).optional(),
    tlsKeyFile: z.string().min(1).optional(),
    /** HTTPS + HTTP/2 with a self-signed certificate made once in DATA_DIR/tls (demos, benchmarks). */
    tlsSelfSigned: zBool.default(false),
    /** H.264 transcodes of H.265 cameras allowed at once (default: 4 per core). 0 turns transcoding off. */
    transcodeMax: z.coerce
      .number()
      .int()
      .min(0)
      .max(1000)
      .default(Math.max(1, availableParallelism() * 4)),
    /** Hardware encoder for transcodes when its device is present; software otherwise. */
    transcodeHwaccel: z.enum(["none", "vaapi", "qsv", "nvenc"]).default("none"),
    /** The large-tile transcode: 960×540 or the source's own size. */
    transcodeMainSize: z.enum(["960x540", "source"]).default("960x540"),
    /** A spare ffmpeg waiting per transcode profile, taking the next cold start (outside TRANSCODE_MAX). */
    transcodeSpare: zBool.default(true),
    /** Bearer token that lets a Prometheus scraper read /metrics without a session. */
    metricsToken: z.string().min(16, "use at least 16 characters").optional(),
    /** Built wall (apps/wall/dist) served at /. */
    wallDir: z.string().min(1).optional(),
    /** Number of big-screen outputs (/screen/1 … /screen/N) whose state the gateway keeps. */
    wallScreens: z.coerce.number().int().min(1).max(16).default(4),
    /** Alarm → wall: alarms of these severities put their camera on this screen's alarm tile. */
    wallAlarm: z
      .object({ screen: z.number().int().min(1).max(16), severities: z.array(z.number().int().min(0)).max(10) })
      .strict()
      .default({ screen: 1, severities: [1, 2] }),
    bodyLimitBytes: z.coerce
      .number()
      .int()
      .positive()
      .default(1024 * 1024),
    /** Origins allowed to frame the wall's pages (CSP frame-ancestors); none by default. */
    frameAncestors: originList,
    /** Origins besides the gateway's own allowed to make state-changing requests (a reverse proxy's). */
    allowedOrigins: originList,
    /** Alarms, roll calls, feeds (control/config.ts). */
    ...controlConfigShape,
    /** The daily inspection: draw time, checklist, draw rules (inspection/config.ts). */
    ...inspectionConfigShape,
    /** Recording: RECORD_DIR, RECORD_MAX_GB, default keep time (recording/config.ts). */
    ...recordingConfigShape,
    /** GB/T 28181 devices and platforms (gb28181/config.ts). */
    ...gbConfigShape,
    /** The gateway's role in a province: standalone, edge (one prison) or bureau (province/config.ts). */
    ...provinceConfigShape,
    /** Accounts: lockout rules, the bootstrap administrator (features/users/config.ts). */
    ...usersConfigShape,
    /** Store-and-forward of alarms and roll calls to the bureau: UPPER_URL, UPPER_FEED_KEY (features/uplink/config.ts). */
    ...uplinkConfigShape,
  })
  .strict();
export type Config = z.infer<typeof zConfig>;

/** env var → config key. Env wins over the JSON file. */
export const envKeys = {
  PORT: "port",
  HOST: "host",
  RTMP_PORT: "rtmpPort",
  DATA_DIR: "dataDir",
  SIM_PREWARM: "simPrewarm",
  SNAPSHOT_EVERY: "snapshotEvery",
  CLIP_CACHE_DIR: "clipCacheDir",
  DEMO_PASSWORD: "demoPassword",
  DEMO_USERS: "demoUsers",
  CATALOGUE_FILE: "catalogueFile",
  LOG_LEVEL: "logLevel",
  SIM: "sim",
  HLS_TOKEN_TTL_S: "hlsTokenTtlS",
  STREAM_IDLE_S: "streamIdleS",
  CLOCK_OFFSET_MS: "clockOffsetMs",
  FRAME_ANCESTORS: "frameAncestors",
  ALLOWED_ORIGINS: "allowedOrigins",
  SESSION_TTL_H: "sessionTtlH",
  PUBLIC_RTMP_URL: "publicRtmpUrl",
  METRICS_TOKEN: "metricsToken",
  TRANSCODE_MAX: "transcodeMax",
  TRANSCODE_HWACCEL: "transcodeHwaccel",
  TRANSCODE_MAIN_SIZE: "transcodeMainSize",
  TRANSCODE_SPARE: "transcodeSpare",
  TLS_CERT_FILE: "tlsCertFile",
  TLS_KEY_FILE: "tlsKeyFile",
  TLS_SELF_SIGNED: "tlsSelfSigned",
  WALL_DIR: "wallDir",
  WALL_SCREENS: "wallScreens",
  ...controlEnvKeys,
  ...inspectionEnvKeys,
  ...recordingEnvKeys,
  ...gbEnvKeys,
  ...provinceEnvKeys,
  ...usersEnvKeys,
  ...uplinkEnvKeys,
} as const satisfies Record<string, keyof Config>;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

function describeSource(path: (string | number | symbol)[], fromEnv: Set<string>): string {
  const key = String(path[0] ?? "");
  const env = Object.entries(envKeys).find(([, k]) => k === key)?.[0];
  if (env && fromEnv.has(key)) return `environment variable ${env}`;
  return `config key '${path.map(String).join(".")}'`;
}

const pathKeys: readonly string[] = ["catalogueFile", "dataDir", "wallDir", "recordDir"];

/**
 * Builds the config from env and the optional JSON file named by CONFIG_FILE. Relative paths in the
 * file (catalogueFile, dataDir, wallDir, recordDir) resolve against the file's directory; relative env paths
 * against the working directory.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  let file: Record<string, unknown> = {};
  const configFile = env.CONFIG_FILE;
  if (configFile) {
    const path = resolve(cwd, configFile);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (err) {
      throw new ConfigError(`CONFIG_FILE ${path} cannot be read: ${(err as Error).message}`);
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
      file = parsed as Record<string, unknown>;
    } catch (err) {
      throw new ConfigError(`CONFIG_FILE ${path} is not a JSON object: ${(err as Error).message}`);
    }
    for (const key of pathKeys) {
      const v = file[key];
      if (typeof v === "string") file[key] = resolve(dirname(path), v);
    }
  }
  const merged: Record<string, unknown> = { ...file };
  const fromEnv = new Set<string>();
  for (const [name, key] of Object.entries(envKeys)) {
    const v = env[name];
    if (v !== undefined && v !== "") {
      merged[key] = pathKeys.includes(key) ? resolve(cwd, v) : v;
      fromEnv.add(key);
    }
  }
  const r = zConfig.safeParse(merged);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue ? describeSource(issue.path, fromEnv) : "config";
    throw new ConfigError(`${where}: ${issue?.message ?? "invalid"}`);
  }
  const config = r.data;
  config.dataDir = resolve(cwd, config.dataDir);
  return config;
}

/** A config from explicit values (tests, embedding), validated the same way. */
export function makeConfig(values: Partial<z.input<typeof zConfig>> = {}): Config {
  const r = zConfig.safeParse(values);
  if (!r.success) throw new ConfigError(r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  return r.data;
}
