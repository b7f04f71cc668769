import { describe, expect, it } from "vitest";
import type { RollCallConfig } from "../src/index";
import { decideRollCallFeed, dueRollCalls, localDate, rollCallBoard, scheduleFor, slotKey, tick } from "../src/index";
import { config, counter, Harness, MIN, ok, rollFeed, T0 } from "./fixtures";

const H6 = T0 + 6 * 60 * MIN; // 06:00 local: wake_up
const blocks = [
  { prisonId: "p1", blockId: "b1" },
  { prisonId: "p1", blockId: "b2" },
];
const key = slotKey("2025-03-03", "p1", "b1", "wake_up");

function report(h: Harness, over = {}, now = H6 + 2 * MIN) {
  return h.run(decideRollCallFeed(h.state, "p1", rollFeed(over), { now, newId: counter(`r${h.log.length}-`), config }));
}

describe("decideRollCallFeed", () => {
  it("records a matching report without an alarm", () => {
    const h = new Harness();
    const d = ok(report(h));
    expect(d.events.map((e) => e.type)).toEqual(["rollcall.reported"]);
    expect(h.state.rollcalls.reports[d.result.id]).toMatchObject({
      date: "2025-03-03",
      checkpoint: "wake_up",
      slotKey: key,
    });
  });

  it("raises a severity-1 headcount_mismatch alarm when present ≠ expected", () => {
    const h = new Harness();
    const d = ok(report(h, { present: 119, absentees: [{ reason: "hospital" }] }));
    expect(d.events.map((e) => e.type)).toEqual(["rollcall.reported", "alarm.raised", "obligation.opened"]);
    const alarm = Object.values(h.state.alarms.byId)[0]!;
    expect(alarm).toMatchObject({
      type: "headcount_mismatch",
      severity: 1,
      blockId: "b1",
      sourceId: "rollcall:rc-1",
      description: "119/120 @ wake_up",
    });
  });

  it("answers a retried sourceId with the first id and appends nothing", () => {
    const h = new Harness();
    const first = ok(report(h, { present: 1 }));
    const again = ok(report(h, { present: 1 }));
    expect(again).toMatchObject({ events: [], result: { id: first.result.id, duplicate: true } });
    expect(Object.keys(h.state.alarms.byId)).toHaveLength(1);
  });

  it.each<[string, object, string]>([
    ["unknown checkpoint", { checkpoint: "nap" }, "checkpoint"],
    ["future reportedAt", { reportedAt: H6 + 60 * MIN }, "reportedAt"],
    ["negative present", { present: -1 }, "present"],
    ["future heardAt", { heardAt: H6 + 60 * MIN }, "heardAt"],
  ])("rejects %s", (_n, over, field) => {
    expect(report(new Harness(), over)).toMatchObject({ ok: false, error: { code: "validation", field } });
  });

  it("accepts a checkpoint by its zh name and uses the prison's own schedule", () => {
    expect(ok(report(new Harness(), { checkpoint: "起床" })).events[0]).toMatchObject({
      data: { checkpoint: "wake_up" },
    });
    const own: RollCallConfig = {
      ...config,
      byPrison: { p1: [{ id: "dawn", name: "晨", nameEn: "Dawn", time: "05:00", graceMin: 5, redAfterMin: 15 }] },
    };
    expect(scheduleFor(own, "p2")).toBe(config.schedule);
    const d = decideRollCallFeed(new Harness().state, "p1", rollFeed(), { now: H6, newId: () => "r", config: own });
    expect(d).toMatchObject({ ok: false, error: { field: "checkpoint" } });
  });
});

describe("missing roll calls", () => {
  const tickAt = (h: Harness, now: number) => {
    const events = tick(h.state, { now, rollcalls: config, blocks });
    h.append(events);
    return events.map((e) => e.type);
  };

  it("lists today's passed slots without a report, with their light", () => {
    const h = new Harness();
    ok(report(h));
    const due = dueRollCalls(config, blocks, h.state.rollcalls, H6 + 15 * MIN);
    expect(due.map((d) => [d.slot.blockId, d.slot.checkpoint.id, d.light])).toEqual([["b2", "wake_up", "yellow"]]);
    expect(dueRollCalls(config, blocks, h.state.rollcalls, H6 - 1)).toEqual([]);
  });

  it("opens the block's obligation at the checkpoint, yellow after grace, red after redAfter, then the commander", () => {
    const h = new Harness();
    expect(tickAt(h, H6)).toEqual(["obligation.opened", "obligation.opened"]);
    expect(tickAt(h, H6 + 5 * MIN)).toEqual([]);
    expect(tickAt(h, H6 + 10 * MIN)).toEqual(["deadline.yellow", "deadline.yellow"]);
    ok(report(h, {}, H6 + 20 * MIN));
    expect(h.state.obligations.byId[`rc.${key}`]).toMatchObject({ status: "fulfilled", light: "yellow", owner: "b1" });
    // 06:30 is also the next checkpoint (morning drill): its slots open in the same tick.
    expect(tickAt(h, H6 + 30 * MIN)).toEqual([
      "obligation.opened",
      "obligation.opened",
      "deadline.red",
      "obligation.escalated",
    ]);
    expect(h.state.obligations.byId[`rc.${slotKey("2025-03-03", "p1", "b2", "wake_up")}`]).toMatchObject({
      light: "red",
      escalatedTo: ["commander"],
    });
    expect(tickAt(h, H6 + 31 * MIN)).toEqual([]);
  });

  it("a report fulfils the open obligation in the same decision", () => {
    const h = new Harness();
    tickAt(h, H6);
    expect(ok(report(h)).events.map((e) => e.type)).toEqual(["rollcall.reported", "obligation.fulfilled"]);
  });
});

describe("rollCallBoard", () => {
  it("shows checkpoints × blocks with status, light and totals", () => {
    const h = new Harness();
    ok(report(h, { sourceId: "s1", subBlockId: "sb1", expected: 50, present: 50 }, H6 + 12 * MIN));
    ok(report(h, { sourceId: "s2", subBlockId: "sb2", expected: 70, present: 69 }, H6 + 13 * MIN));
    const now = H6 + 40 * MIN;
    const board = rollCallBoard(config, blocks, h.state.rollcalls, now);
    expect(board).toHaveLength(2 * config.schedule.length);
    const [b1Wake, b1Drill] = board;
    expect(b1Wake).toMatchObject({
      status: "reported",
      light: "yellow",
      expected: 120,
      present: 119,
      mismatch: true,
      name: "起床",
    });
    expect(b1Drill).toMatchObject({ status: "due", light: "yellow", expected: null });
    const b2Wake = board.find((c) => c.blockId === "b2" && c.checkpointId === "wake_up");
    expect(b2Wake).toMatchObject({ status: "due", light: "red" });
    expect(board.find((c) => c.checkpointId === "bedtime")).toMatchObject({ status: "upcoming", light: "green" });
  });

  it("a whole-block report wins over sub-block ones; a correction replaces the earlier report", () => {
    const h = new Harness();
    ok(report(h, { sourceId: "s1", subBlockId: "sb1", expected: 50, present: 40 }));
    ok(report(h, { sourceId: "s2", subBlockId: "sb1", expected: 50, present: 50 }));
    let cell = rollCallBoard(config, blocks, h.state.rollcalls, H6 + MIN)[0]!;
    expect([cell.expected, cell.present]).toEqual([50, 50]);
    ok(report(h, { sourceId: "s3", expected: 120, present: 120 }));
    cell = rollCallBoard(config, blocks, h.state.rollcalls, H6 + MIN)[0]!;
    expect([cell.expected, cell.present, cell.light]).toEqual([120, 120, "green"]);
  });

  it("a report forwarded late by an edge keeps the light of when the edge heard it (heardAt)", () => {
    const h = new Harness();
    const arrived = H6 + 50 * MIN; // after red: the link to the edge was down
    ok(report(h, { sourceId: "s1", heardAt: H6 + 3 * MIN }, arrived));
    ok(report(h, { sourceId: "s2", blockId: "b2", heardAt: H6 + 20 * MIN }, arrived));
    const board = rollCallBoard(config, blocks, h.state.rollcalls, arrived);
    expect(board.find((c) => c.blockId === "b1" && c.checkpointId === "wake_up")?.light).toBe("green");
    expect(board.find((c) => c.blockId === "b2" && c.checkpointId === "wake_up")?.light).toBe("yellow");
  });

  it("uses the local date at the configured offset", () => {
    expect(localDate(T0, 480)).toBe("2025-03-03");
    expect(localDate(T0 - 1, 480)).toBe("2025-03-02");
    expect(localDate(T0, 0)).toBe("2025-03-02");
  });
});
