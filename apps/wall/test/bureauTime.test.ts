import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bureauDate, bureauDateTime, bureauMidnight, bureauTime, shiftDate, zoneLabel } from "../src/time/bureauTime";

// 2026-12-02 15:59:59.999 and 16:00:00 UTC: the last and first instants of a Beijing day.
const beforeMidnight = Date.UTC(2026, 11, 2, 15, 59, 59, 999);
const atMidnight = Date.UTC(2026, 11, 2, 16, 0, 0, 0);

describe("the bureau's calendar", () => {
  it("turns the day over at the bureau's midnight, whatever the process's TZ", () => {
    expect(bureauDate(beforeMidnight, 480)).toBe("2026-12-02");
    expect(bureauDate(atMidnight, 480)).toBe("2026-12-03");
    expect(bureauTime(beforeMidnight, 480)).toBe("23:59:59");
    expect(bureauTime(atMidnight, 480, false)).toBe("00:00");
    expect(bureauDateTime(atMidnight, 480)).toBe("2026-12-03 00:00:00");
    // The same instant in another zone's calendar (a wall PC set to Los Angeles is never asked).
    expect(bureauDate(atMidnight, -480)).toBe("2026-12-02");
  });

  it("maps a date back to the instant its day begins", () => {
    expect(bureauMidnight("2026-12-03", 480)).toBe(atMidnight);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.integer({ min: -720, max: 840 }), (ms, off) => {
        const date = bureauDate(ms, off);
        const start = bureauMidnight(date, off);
        expect(start).toBeLessThanOrEqual(ms);
        expect(ms - start).toBeLessThan(86_400_000);
        expect(bureauDate(start, off)).toBe(date);
        expect(bureauDate(start - 1, off)).toBe(shiftDate(date, -1));
      }),
    );
  });

  it("shifts dates across month and year ends, and names the zone", () => {
    expect(shiftDate("2026-12-31", 1)).toBe("2027-01-01");
    expect(shiftDate("2024-03-01", -1)).toBe("2024-02-29");
    expect(zoneLabel(480)).toBe("UTC+8");
    expect(zoneLabel(-330)).toBe("UTC−5:30");
    expect(zoneLabel(0)).toBe("UTC+0");
  });
});
