// Time zones in `npm test` (issue 12): the suite must pass in any zone at any hour. The unit stage runs in
// UTC without the date logic's unit tests, which run in Asia/Shanghai (the bureau's own zone) and
// America/Los_Angeles instead; the date-dependent e2e specs run (not in the main e2e stage) with the process
// AND the browser in America/Los_Angeles, and the reports once more with the browser in a zone whose date
// differs from the bureau's at this very moment (what a wall PC in UTC sees between 16:00 and 24:00 UTC:
// the reports bug of issue 12).
// The gateway-midnight cases (CLOCK_OFFSET_MS) are e2e/specs/midnight.spec.ts.
// Owns: which tests count as date logic and which zones they run in. Never runs anything itself.

/** Unit tests of date logic: the pure domain (calendars, reports, roll calls, inspections), the wall's
 *  models, and the gateway's date-bearing routes (inspection, overview/reports, feeds, simulator). */
export const dateUnitTests = [
  "packages/alerts/test",
  "packages/protocol/test",
  "apps/wall/test",
  "apps/gateway/test/inspection",
  "apps/gateway/test/overview",
  "apps/gateway/test/feeds-http",
  "apps/gateway/test/alarms",
  "apps/gateway/test/sim",
];

/** Zones the date unit tests run in (the UTC unit stage leaves them out). */
export const extraUnitZones = ["Asia/Shanghai", "America/Los_Angeles"];

/** E2e specs whose pages show or default the bureau's date (file name filters for Playwright). */
export const dateE2eSpecs = ["overview.spec", "inspection.spec"];
/** The reports page: what the browser-zone run checks. */
export const reportsE2eSpecs = ["overview.spec"];

/**
 * An IANA zone whose calendar date differs from the bureau's at `now` (bureau at UTC+tzOffsetMin):
 * UTC−12 is 20 h behind UTC+8 (another date until 20:00 there), UTC+14 is 6 h ahead (from 18:00). The
 * switch at 19:00 leaves an hour's margin either way for the run itself.
 */
export function zoneWithOtherDate(now = Date.now(), tzOffsetMin = 480) {
  const bureauHour = new Date(now + tzOffsetMin * 60_000).getUTCHours();
  const behind = bureauHour < 19;
  // Etc/GMT+12 is UTC−12 and Etc/GMT-14 is UTC+14 (POSIX signs).
  const zone = behind ? "Etc/GMT+12" : "Etc/GMT-14";
  const zoneOffsetMin = behind ? -720 : 840;
  const day = (off) => new Date(now + off * 60_000).toISOString().slice(0, 10);
  if (day(zoneOffsetMin) === day(tzOffsetMin)) throw new Error(`zoneWithOtherDate: ${zone} shares the bureau's date`);
  return zone;
}
