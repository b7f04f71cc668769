// The whole control-plane policy the gateway loads from config: obligation thresholds and alarm rules.
// Every field has a default, so `zAlertsPolicy.parse({})` is the shipped policy.
import { z } from "zod";
import { defaultAlarmPolicy, zAlarmPolicy } from "./alarms/policy";
import { defaultObligationPolicy, zObligationPolicy } from "./obligationPolicy";

export const zAlertsPolicy = z
  .object({
    obligations: zObligationPolicy.default(defaultObligationPolicy),
    alarms: zAlarmPolicy.default(defaultAlarmPolicy),
  })
  .strict();
export type AlertsPolicy = z.output<typeof zAlertsPolicy>;

export const defaultPolicy: AlertsPolicy = { obligations: defaultObligationPolicy, alarms: defaultAlarmPolicy };
