// The rectification light as the views compute it: green, yellow a day before the deadline, red
// after it, frozen at the report while it waits for review, none once accepted.
import type { Finding } from "@cw/alerts";
import { describe, expect, it } from "vitest";
import { rectificationLight } from "../../src/features/inspection/views";

const DAY = 86_400_000;
const deadline = 10 * DAY;
const finding = (state: Finding["rectification"]["state"], reportAt?: number): Finding => ({
  id: "f1",
  inspectionId: "draw-2025-03-10",
  date: "2025-03-10",
  prisonId: "pj",
  blockId: "pj-b1",
  cameraId: null,
  note: "n",
  severity: 2,
  hasSnapshot: false,
  snapshotRef: null,
  recordedAt: 0,
  by: "user:chief",
  rectification: {
    deadlineDays: 10,
    deadline,
    round: 0,
    state,
    reports: reportAt === undefined ? [] : [{ at: reportAt, by: "user:op", round: 0, text: "t", hasPhoto: false }],
    reviews: [],
  },
});

describe("rectificationLight", () => {
  it.each([
    ["open, early", finding("open"), 0, "green"],
    ["open, just before the yellow line", finding("open"), deadline - DAY - 1, "green"],
    ["open, a day before", finding("open"), deadline - DAY, "yellow"],
    ["open, at the deadline", finding("open"), deadline, "red"],
    ["returned, late", finding("returned"), deadline + DAY, "red"],
    ["submitted in time, reviewed late", finding("submitted", 2 * DAY), deadline + 5 * DAY, "green"],
    ["submitted on the yellow day", finding("submitted", deadline - 1), deadline + 5 * DAY, "yellow"],
    ["accepted", finding("accepted", 2 * DAY), deadline + DAY, null],
  ] as const)("%s → %s", (_name, f, now, light) => {
    expect(rectificationLight(f, now)).toBe(light);
  });
});
