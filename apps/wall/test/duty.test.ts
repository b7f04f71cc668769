// The duty queue's pure parts: merge (live wins), filters, queue order (severity, then age), history
// order (newest first), the live reducer (arrivals for the sound) and which arrivals deserve a beep.
import { noteRequired } from "@cw/alerts";
import { describe, expect, it } from "vitest";
import { stateVia } from "../src/duty/labels";
import { applyAlarmLive, emptyLiveControl } from "../src/duty/liveControl";
import { emptyFilter, laterOf, mergeAlarms, queueOf, soundWorthy } from "../src/duty/queue";
import { type MessageKey, translate, type Vars } from "../src/i18n/i18n";
import { namesOf } from "../src/ui/names";
import { alarm } from "./alarmFixture";

describe("duty queue", () => {
  it("orders the active queue by severity, then oldest first; history newest first", () => {
    const all = mergeAlarms(
      [
        alarm("a", { severity: 3, raisedAt: 1 }),
        alarm("b", { severity: 1, raisedAt: 5 }),
        alarm("c", { severity: 1, raisedAt: 2 }),
      ],
      { d: alarm("d", { state: "resolved", raisedAt: 9 }) },
    );
    expect(queueOf(all, emptyFilter).map((a) => a.id)).toEqual(["c", "b", "a"]);
    expect(queueOf(all, { ...emptyFilter, state: "" }).map((a) => a.id)).toEqual(["d", "b", "c", "a"]);
  });

  it.each([
    [{ prisonId: "jz" }, ["x"]],
    [{ type: "gathering" }, ["y"]],
    [{ light: "red" }, ["y"]],
    [{ state: "acknowledged" }, ["x"]],
  ] as const)("filters by %o", (f, ids) => {
    const all = mergeAlarms(
      [
        alarm("x", { prisonId: "jz", state: "acknowledged" }),
        alarm("y", { type: "gathering", light: "red" }),
        alarm("z"),
      ],
      {},
    );
    expect(queueOf(all, { ...emptyFilter, ...f }).map((a) => a.id)).toEqual(ids);
  });

  it("lets live views win over fetched ones, and an action's answer win when it is further along", () => {
    const all = mergeAlarms([alarm("a")], { a: alarm("a", { light: "yellow" }) });
    expect(all.a?.light).toBe("yellow");
    expect(laterOf(all.a, alarm("a", { state: "acknowledged" })).state).toBe("acknowledged");
    expect(laterOf(alarm("a", { state: "resolved" }), alarm("a", { state: "acknowledged" })).state).toBe("resolved");
  });

  it("requires a note for severity 1–2 only", () => {
    expect([1, 2, 3, 4].map((severity) => noteRequired({ severity }))).toEqual([true, true, false, false]);
  });

  it("beeps for new severity 1–2 open alarms only", () => {
    let s = emptyLiveControl();
    s = applyAlarmLive(s, alarm("a", { severity: 1 }));
    s = applyAlarmLive(s, alarm("b", { severity: 3 }));
    s = applyAlarmLive(s, alarm("a", { severity: 1, state: "acknowledged" }));
    expect(s.arrivals).toEqual(["a", "b"]);
    expect(soundWorthy(s.arrivals, s.alarms)).toEqual([]);
    s = applyAlarmLive(s, alarm("c", { severity: 2 }));
    expect(soundWorthy(s.arrivals, s.alarms)).toEqual(["c"]);
  });
});

describe("handled at the other level (issue 18)", () => {
  const t = (k: MessageKey, v?: Vars) => translate("zh-CN", k, v);
  const names = namesOf(null);
  it("says which command centre and who: the prison's at the bureau, the bureau's at an edge", () => {
    const up = alarm("a", {
      state: "acknowledged",
      ack: { at: 1, by: "feed:pj", note: "", via: { prisonId: "pj", name: "张三" } },
    });
    expect(t("duty.stateVia", { state: t("alarmState.acknowledged"), via: stateVia(t, names, up) ?? "" })).toBe(
      "已确认（pj指挥中心，张三）",
    );
    const down = alarm("b", {
      state: "resolved",
      resolution: {
        at: 1,
        by: "system:upper",
        disposition: "handled",
        note: "x",
        via: { prisonId: null, name: "李四" },
      },
    });
    expect(stateVia(t, names, down)).toBe("省局指挥中心，李四");
    expect(
      stateVia(t, names, alarm("c", { state: "acknowledged", ack: { at: 1, by: "user:d", note: "", via: null } })),
    ).toBe(null);
  });
});
