// Alarm → wall: a new alarm with a camera puts that camera on the alarm tile of the screen the rule
// names (for the severities the rule lists) and highlights it until the alarm is acknowledged. Pure:
// takes screens, returns the screens that change; the service logs them. Knows nothing of alarms'
// own lifecycle (packages/alerts owns that).
import type { ScreenState } from "@cw/protocol";

export interface AlarmWallRule {
  /** The output screen whose alarm tile shows alarm cameras. */
  screen: number;
  /** Alarm severities that go to the wall (1 = most severe). */
  severities: readonly number[];
}

export const defaultAlarmWallRule: AlarmWallRule = { screen: 1, severities: [1, 2] };

export interface WallAlarm {
  alarmId: string;
  cameraId: string | null;
  severity: number;
}

/** The screens whose alarm tile changes; an alarm without a camera or of another severity changes none. */
export function applyAlarmToScreens(
  screens: readonly ScreenState[],
  alarm: WallAlarm,
  rule: AlarmWallRule,
): ScreenState[] {
  if (alarm.cameraId === null || !rule.severities.includes(alarm.severity)) return [];
  const target = screens.find((s) => s.n === rule.screen);
  if (!target) return [];
  const tile = { cameraId: alarm.cameraId, alarmId: alarm.alarmId, highlight: true };
  const cur = target.alarmTile;
  if (cur && cur.cameraId === tile.cameraId && cur.alarmId === tile.alarmId && cur.highlight) return [];
  return [{ ...target, alarmTile: tile }];
}

/** Acknowledged: the camera stays on the alarm tile but is no longer highlighted. */
export function clearAlarmHighlight(screens: readonly ScreenState[], alarmId: string): ScreenState[] {
  const out: ScreenState[] = [];
  for (const s of screens) {
    if (s.alarmTile?.alarmId === alarmId && s.alarmTile.highlight) {
      out.push({ ...s, alarmTile: { ...s.alarmTile, highlight: false } });
    }
  }
  return out;
}
