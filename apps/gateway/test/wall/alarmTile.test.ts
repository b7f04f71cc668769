// Alarm → wall, pure: which screen's alarm tile an alarm takes (by the rule's severities) and how an
// acknowledgement clears the highlight.
import type { ScreenState } from "@cw/protocol";
import { describe, expect, it } from "vitest";
import { applyAlarmToScreens, clearAlarmHighlight, defaultAlarmWallRule } from "../../src/features/wall/alarmTile";
import { initialScreen } from "../../src/features/wall/projection";

const screens: ScreenState[] = [1, 2].map((n) => initialScreen(n).state);

describe("applyAlarmToScreens", () => {
  it.each([
    ["severity 1 → screen 1", { alarmId: "a1", cameraId: "cam", severity: 1 }, 1],
    ["severity 2 → screen 1", { alarmId: "a1", cameraId: "cam", severity: 2 }, 1],
    ["severity 3 is not for the wall", { alarmId: "a1", cameraId: "cam", severity: 3 }, 0],
    ["no camera, nothing to show", { alarmId: "a1", cameraId: null, severity: 1 }, 0],
  ] as const)("%s", (_name, alarm, changed) => {
    const out = applyAlarmToScreens(screens, alarm, defaultAlarmWallRule);
    expect(out).toHaveLength(changed);
    if (changed) expect(out[0]).toMatchObject({ n: 1, alarmTile: { cameraId: "cam", alarmId: "a1", highlight: true } });
  });

  it("follows the rule's screen and ignores a screen the wall does not have", () => {
    expect(
      applyAlarmToScreens(screens, { alarmId: "a", cameraId: "c", severity: 1 }, { screen: 2, severities: [1] })[0]?.n,
    ).toBe(2);
    expect(
      applyAlarmToScreens(screens, { alarmId: "a", cameraId: "c", severity: 1 }, { screen: 9, severities: [1] }),
    ).toEqual([]);
  });

  it("acknowledging clears the highlight but keeps the camera; twice changes nothing", () => {
    const [raised] = applyAlarmToScreens(
      screens,
      { alarmId: "a1", cameraId: "cam", severity: 1 },
      defaultAlarmWallRule,
    );
    const wall = [raised!, screens[1]!];
    expect(clearAlarmHighlight(wall, "other")).toEqual([]);
    const [cleared] = clearAlarmHighlight(wall, "a1");
    expect(cleared?.alarmTile).toEqual({ cameraId: "cam", alarmId: "a1", highlight: false });
    expect(clearAlarmHighlight([cleared!], "a1")).toEqual([]);
  });
});
