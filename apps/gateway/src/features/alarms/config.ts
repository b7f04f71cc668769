// The control plane's part of the gateway config: REDIS_URL, the feed keys (FEED_KEYS, DEMO_FEED_SECRET),
// the alert policy (ALERT_POLICY or the config file's `alerts`), the roll-call schedule (ROLLCALL_CONFIG
// or `rollcalls`) and the feed simulator switch (FEED_SIM). Env values arrive as text: JSON ones are
// parsed here so a bad value names its variable. Schemas only; config.ts merges them into zConfig.
import { defaultRollCallConfig, zAlertsPolicy, zRollCallConfig } from "@cw/alerts";
import { z } from "zod";
import { type FeedKeyConfig, parseFeedKeysEnv, zFeedKeys } from "./feeds/keys";

/** A value that may come as JSON text (env) or as an object (config file). */
function jsonText<S extends z.ZodType>(schema: S) {
  return z.preprocess((v, ctx) => {
    if (typeof v !== "string") return v;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "is not valid JSON" });
      return z.NEVER;
    }
  }, schema);
}

/** FEED_KEYS: JSON {"pj": "<key>"} or "pj=<key>,sy=<key>". */
const zFeedKeysInput = z.preprocess((v, ctx) => {
  if (typeof v !== "string") return v;
  const text = v.trim();
  if (text.startsWith("{")) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "is not valid JSON" });
      return z.NEVER;
    }
  }
  const parsed = parseFeedKeysEnv(text);
  if (!parsed.ok) {
    ctx.addIssue({ code: "custom", message: parsed.error.message });
    return z.NEVER;
  }
  return parsed.value;
}, zFeedKeys);

export const controlConfigShape = {
  /** Redis Streams event log (several gateways share one log); absent = the file journal. */
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, "like redis://host:6379")
    .optional(),
  /** Demo feed keys are HMAC(demoFeedSecret, prisonId); "off" (or empty) disables them. */
  demoFeedSecret: z.string().max(256).default("demo"),
  feedKeys: zFeedKeysInput.default({}),
  alerts: jsonText(zAlertsPolicy).default(zAlertsPolicy.parse({})),
  rollcalls: jsonText(zRollCallConfig).default(defaultRollCallConfig),
  /** The demo feed simulator (default: on when SIM is on). */
  feedSim: z
    .union([z.boolean(), z.enum(["1", "0", "true", "false", "on", "off", "yes", "no"])])
    .transform((v) => (typeof v === "boolean" ? v : v === "1" || v === "true" || v === "on" || v === "yes"))
    .optional(),
  /** Largest feed body (base64 snapshots ≤ 512 KB decoded are ~700 KB). */
  feedBodyLimitBytes: z.coerce
    .number()
    .int()
    .positive()
    .default(800 * 1024),
};

export const controlEnvKeys = {
  REDIS_URL: "redisUrl",
  DEMO_FEED_SECRET: "demoFeedSecret",
  FEED_KEYS: "feedKeys",
  ALERT_POLICY: "alerts",
  ROLLCALL_CONFIG: "rollcalls",
  FEED_SIM: "feedSim",
} as const;

/** The keys config the feed routes need, from the loaded config. */
export function feedKeyConfig(c: { demoFeedSecret: string; feedKeys: Record<string, string> }): FeedKeyConfig {
  const secret = c.demoFeedSecret.trim();
  return { feedKeys: c.feedKeys, demoFeedSecret: secret === "" || secret === "off" ? null : secret };
}
