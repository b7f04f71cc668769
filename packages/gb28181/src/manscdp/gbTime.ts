// GB/T 28181 times (Annex A: `2026-01-02T03:04:05`, ISO 8601 without a zone) are the device's local
// time. Devices in a bureau keep the bureau's time (the 200 OK to REGISTER sets their clock with our
// `Date`), so the offset comes in — the bureau's, never this machine's zone. Pure; never throws.

const GB_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:?\d{2})?$/;

/** Unix ms → `YYYY-MM-DDTHH:MM:SS` in the zone `offsetMin` minutes east of UTC (seconds truncated). */
export function toGbTime(ms: number, offsetMin: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000 + offsetMin * 60_000);
  return d.toISOString().slice(0, 19);
}

/**
 * A device's time → unix ms, read in the zone `offsetMin` unless it names its own (`Z`, `+08:00`: some
 * platforms add one). A space instead of `T` is accepted (seen on older NVRs). Null when it is no time.
 */
export function fromGbTime(text: string, offsetMin: number): number | null {
  const m = GB_TIME.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59)
    return null;
  const utc = Date.UTC(
    Number(y),
    month - 1,
    day,
    Number(h),
    Number(mi),
    Number(s),
    Number((frac ?? "").padEnd(3, "0")),
  );
  // Date.UTC rolls 31 February over into March: a day the month does not have is no time.
  if (new Date(utc).getUTCDate() !== day) return null;
  let offset = offsetMin;
  if (zone === "Z") offset = 0;
  else if (zone) {
    const digits = zone.replace(":", "");
    offset = (digits[0] === "-" ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  return utc - offset * 60_000;
}
