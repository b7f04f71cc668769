// A test oracle for the analysis figures: counts alarms the plain way (no buckets, no incremental fold),
// so the incremental reducers can be checked against it. Test code only; the product uses analysis/.
import type { Alarm } from "../../../src/index";
import { MINUTE_MS } from "../../../src/index";

export type CountKey = "type" | "prisonId" | "severity" | "state" | "disposition" | "hour";

function keyOf(a: Alarm, by: CountKey, tzOffsetMin: number): string {
  switch (by) {
    case "hour":
      // "YYYY-MM-DDTHH" local: a sortable bucket name.
      return new Date(a.raisedAt + tzOffsetMin * MINUTE_MS).toISOString().slice(0, 13);
    case "disposition":
      return a.resolution?.disposition ?? "none";
    case "severity":
      return String(a.severity);
    default:
      return a[by];
  }
}

/** Alarm counts grouped by one key; keys with no alarms are absent. */
export function countAlarms(alarms: Iterable<Alarm>, by: CountKey, tzOffsetMin = 480): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of alarms) {
    const k = keyOf(a, by, tzOffsetMin);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
