// Alarm → wall: which alarms put their camera on the big screen's alarm tile (a rule per severity in the
// policy) and whether the tile is highlighted (until someone acknowledges). The gateway applies it to
// the wall state; this module only decides.

import type { Alarm, AlarmsState } from "./alarm";
import { isActive } from "./alarm";
import type { AlarmPolicy } from "./policy";

export interface AlarmTileDecision {
  /** Put `cameraId` on the alarm tile. */
  show: boolean;
  /** Flash the tile: the alarm is not acknowledged yet. */
  highlight: boolean;
  cameraId: string | null;
}

export function alarmTileRule(policy: AlarmPolicy, alarm: Alarm): AlarmTileDecision {
  const show = alarm.cameraId !== null && isActive(alarm) && policy.wallTile[alarm.severity];
  return { show, highlight: show && alarm.state === "open", cameraId: show ? alarm.cameraId : null };
}

/**
 * The alarm whose camera the tile shows now: among those the rule shows, unacknowledged first, then the
 * most severe, then the newest (a fresh alarm replaces an older one of the same severity). Null if none.
 */
export function pickAlarmTile(policy: AlarmPolicy, state: AlarmsState): Alarm | null {
  let best: Alarm | null = null;
  for (const a of Object.values(state.byId)) {
    if (!alarmTileRule(policy, a).show) continue;
    if (best === null || better(a, best)) best = a;
  }
  return best;
}

function better(a: Alarm, b: Alarm): boolean {
  const ao = a.state === "open" ? 0 : 1;
  const bo = b.state === "open" ? 0 : 1;
  if (ao !== bo) return ao < bo;
  if (a.severity !== b.severity) return a.severity < b.severity;
  if (a.raisedAt !== b.raisedAt) return a.raisedAt > b.raisedAt;
  return a.id > b.id;
}
