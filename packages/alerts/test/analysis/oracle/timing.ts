// Response times for the dashboards: mean time to acknowledge and to resolve, from when we raised the
// alarm. Cleared alarms (the source ended them) count for neither: no human responded.
import type { Alarm } from "../../../src/index";

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
}

/** Mean ms from raised to acknowledged (a direct resolve counts as the acknowledgement), or null. */
export function meanTimeToAck(alarms: Iterable<Alarm>): number | null {
  const out: number[] = [];
  for (const a of alarms) {
    const at = a.ack?.at ?? a.resolution?.at;
    if (at !== undefined) out.push(at - a.raisedAt);
  }
  return mean(out);
}

/** Mean ms from raised to resolved, or null when nothing is resolved. */
export function meanTimeToResolve(alarms: Iterable<Alarm>): number | null {
  const out: number[] = [];
  for (const a of alarms) if (a.resolution !== null) out.push(a.resolution.at - a.raisedAt);
  return mean(out);
}
