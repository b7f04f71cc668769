// Alarm rules that are configuration, not code: the severity our own alarms get, which severities
// take the big screen's alarm tile, and how far in the future a feed's clock may run.
import { z } from "zod";
import { zSeverity } from "../schemas/alarm";
import { MINUTE_MS } from "../schemas/time";

export const defaultAlarmPolicy = {
  /** A camera whose picture is gone (stalled / offline). */
  videoLossSeverity: 3 as const,
  /** Recording stopped (disk full, quota reached): footage is being lost until someone acts. */
  deviceFaultSeverity: 2 as const,
  /** A roll call whose present ≠ expected: someone unaccounted for is the most serious thing there is. */
  headcountMismatchSeverity: 1 as const,
  /** Per severity: does a new alarm with a camera take the big screen's alarm tile? */
  wallTile: { 1: true, 2: true, 3: false, 4: false },
  /** A feed's occurredAt/reportedAt may run at most this far ahead of ours (clock skew). */
  maxClockSkewMs: 5 * MINUTE_MS,
};

export const zAlarmPolicy = z
  .object({
    videoLossSeverity: zSeverity.default(defaultAlarmPolicy.videoLossSeverity),
    headcountMismatchSeverity: zSeverity.default(defaultAlarmPolicy.headcountMismatchSeverity),
    deviceFaultSeverity: zSeverity.default(defaultAlarmPolicy.deviceFaultSeverity),
    wallTile: z
      .object({ 1: z.boolean(), 2: z.boolean(), 3: z.boolean(), 4: z.boolean() })
      .strict()
      .default(defaultAlarmPolicy.wallTile),
    maxClockSkewMs: z.number().int().min(0).default(defaultAlarmPolicy.maxClockSkewMs),
  })
  .strict();
export type AlarmPolicy = z.output<typeof zAlarmPolicy>;
