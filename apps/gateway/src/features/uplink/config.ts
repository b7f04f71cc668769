// The uplink's part of the gateway config (docs/api/config.md, docs/api/uplink.md): the bureau
// gateway's base URL (UPPER_URL) and this prison's feed key at the bureau (UPPER_FEED_KEY, a secret:
// never logged, never returned by any route). The uplink runs whenever UPPER_URL is set. Schemas only;
// config.ts merges them into zConfig.
import { z } from "zod";
import { zFeedKey } from "../alarms/feeds/keys";

export const uplinkConfigShape = {
  /** The bureau gateway's HTTP(S) base URL, e.g. http://10.1.0.5:8080 (UPPER_URL); unset: no uplink. */
  upperUrl: z
    .string()
    .regex(/^https?:\/\/[^\s/]+\/?$/, "like http://host:port (scheme, host and port, no path)")
    .transform((u) => u.replace(/\/$/, ""))
    .optional(),
  /** This prison's feed key at the bureau (UPPER_FEED_KEY): the bureau's FEED_KEYS entry or demo key. */
  upperFeedKey: zFeedKey.optional(),
};

export const uplinkEnvKeys = {
  UPPER_URL: "upperUrl",
  UPPER_FEED_KEY: "upperFeedKey",
} as const;
