// Recording faults as device_fault alarms: one per affected prison, not raised again while open, a new
// prison joining the fault gets its own, recovery clears them all (and fulfils their acknowledge duty).
import { describe, expect, it } from "vitest";
import { decideRecordingFault, decideRecordingRecovered } from "../src/index";
import { counter, Harness, T0 } from "./fixtures";

describe("recording faults", () => {
  it("raise one device_fault per prison while it lasts and clear them when recording resumes", () => {
    const h = new Harness();
    const ids = counter("d");
    const fault = (now: number, prisonIds: string[]) => {
      const events = decideRecordingFault(
        h.state.alarms,
        { kind: "disk_full", message: "ENOSPC", prisonIds },
        { now, newId: ids },
      );
      h.append(events);
      return events.map((e) => `${e.type}${e.type === "alarm.raised" ? `:${e.data.prisonId}` : ""}`);
    };
    expect(fault(T0, ["p2", "p1", "p1"])).toEqual([
      "alarm.raised:p1",
      "obligation.opened",
      "alarm.raised:p2",
      "obligation.opened",
    ]);
    expect(h.state.alarms.byId.d1).toMatchObject({
      type: "device_fault",
      severity: 2,
      cameraId: null,
      description: "recording stopped (disk_full): ENOSPC",
    });
    expect(fault(T0 + 1000, ["p1", "p2"])).toEqual([]);
    expect(fault(T0 + 2000, ["p1", "p3"])).toEqual(["alarm.raised:p3", "obligation.opened"]);

    const cleared = decideRecordingRecovered(h.state.alarms, T0 + 3000);
    h.append(cleared);
    expect(cleared.filter((e) => e.type === "alarm.cleared")).toHaveLength(3);
    expect(cleared.filter((e) => e.type === "obligation.fulfilled")).toHaveLength(3);
    expect(Object.values(h.state.alarms.byId).map((a) => a.state)).toEqual(["cleared", "cleared", "cleared"]);
    expect(decideRecordingRecovered(h.state.alarms, T0 + 4000)).toEqual([]);
    expect(fault(T0 + 5000, ["p1"])).toEqual(["alarm.raised:p1", "obligation.opened"]);
  });
});
