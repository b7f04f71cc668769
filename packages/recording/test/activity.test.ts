// Recording plans in the bureau's local time (UTC+8 here, and other offsets: nothing depends on the host's
// zone): continuous and alarm always record, schedules by ISO weekday and HH:MM including windows past
// midnight; how long each mode keeps footage.
import type { RecordingPlan } from "@cw/protocol";
import { describe, expect, it } from "vitest";
import { keepMsOf, localDayMinute, recordsAt } from "../src/plan/activity";

const CN = 480;
/** Local time in UTC+8 → Unix ms. 2025-03-03 is a Monday. */
const local = (iso: string, tz = CN): number => Date.parse(`${iso}Z`) - tz * 60_000;

describe("recording plans", () => {
  it("weekday and minute in local time", () => {
    expect(localDayMinute(local("2025-03-03T00:00:00"), CN)).toEqual({ weekday: 1, minute: 0 });
    expect(localDayMinute(local("2025-03-09T23:59:00"), CN)).toEqual({ weekday: 7, minute: 1439 });
    expect(localDayMinute(local("2025-03-03T07:30:00", -300), -300)).toEqual({ weekday: 1, minute: 450 });
    expect(localDayMinute(local("1969-12-29T12:00:00", 0), 0)).toEqual({ weekday: 1, minute: 720 });
  });

  const night: RecordingPlan = {
    mode: "schedule",
    retentionDays: 7,
    schedule: [
      { days: [1, 2, 3, 4, 5], from: "08:00", to: "12:00" },
      { days: [5], from: "22:00", to: "06:00" },
    ],
  };
  it.each([
    ["2025-03-03T07:59:00", false],
    ["2025-03-03T08:00:00", true],
    ["2025-03-03T11:59:59", true],
    ["2025-03-03T12:00:00", false],
    ["2025-03-08T09:00:00", false], // Saturday
    ["2025-03-07T22:00:00", true], // Friday night
    ["2025-03-08T05:59:00", true], // …into Saturday morning
    ["2025-03-08T06:00:00", false],
    ["2025-03-04T05:00:00", false], // Monday night's window does not exist
  ])("schedule at %s local → %s", (at, want) => {
    expect(recordsAt(night, local(at), CN)).toBe(want);
  });

  it("off never records; continuous and alarm always do; keep times", () => {
    const t = local("2025-03-03T03:00:00");
    expect(recordsAt({ mode: "off", retentionDays: 30 }, t, CN)).toBe(false);
    expect(recordsAt({ mode: "continuous", retentionDays: 30 }, t, CN)).toBe(true);
    expect(recordsAt({ mode: "alarm", retentionDays: 30 }, t, CN)).toBe(true);
    expect(keepMsOf({ mode: "continuous", retentionDays: 30 })).toBe(30 * 86_400_000);
    expect(keepMsOf({ mode: "alarm", retentionDays: 30, preRollS: 10 })).toBe(130_000);
    expect(keepMsOf({ mode: "alarm", retentionDays: 30 })).toBe(150_000);
  });
});
