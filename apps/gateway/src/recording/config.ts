// Recording's configuration keys (merged into the gateway's config.ts): where recordings live, the
// global quota, the keep time of cameras without a plan, and cameras the demo records from the start.
// Schemas only.
import { z } from "zod";

export const recordingConfigShape = {
  /** RECORD_DIR: recordings, the instant-replay buffer (.replay) and exports (.exports). Default DATA_DIR/recordings. */
  recordDir: z.string().min(1).optional(),
  /** RECORD_MAX_GB: the most all recordings together may use; the oldest go first beyond it. */
  recordMaxGb: z.coerce.number().positive().max(1_000_000).default(100),
  /** RECORD_DEFAULT_DAYS: keep time of recordings whose camera no longer has a plan. */
  recordDefaultDays: z.coerce.number().int().min(1).max(3650).default(30),
  /** RECORD_REPLAY: keep the instant-replay buffer of watched streams (off: no replay from live tiles). */
  recordReplay: z
    .union([z.boolean(), z.enum(["1", "0", "true", "false"])])
    .transform((v) => v === true || v === "1" || v === "true")
    .default(true),
  /** How often retention checks the quota (a full sweep by age runs every 10 minutes). */
  recordCheckS: z.coerce.number().positive().max(3600).default(10),
  /** RECORD_DEMO_CAMERAS (comma-separated ids): cameras given a continuous plan at the first start (the demo records a few). */
  recordDemoCameras: z
    .preprocess(
      (v) =>
        typeof v === "string"
          ? v
              .split(",")
              .map((s) => s.trim())
              .filter((s) => s !== "")
          : v,
      z.array(z.string().min(1).max(64)).max(1000),
    )
    .default([]),
};

export const recordingEnvKeys = {
  RECORD_DIR: "recordDir",
  RECORD_MAX_GB: "recordMaxGb",
  RECORD_DEFAULT_DAYS: "recordDefaultDays",
  RECORD_CHECK_S: "recordCheckS",
  RECORD_REPLAY: "recordReplay",
  RECORD_DEMO_CAMERAS: "recordDemoCameras",
} as const;
