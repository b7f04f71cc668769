// Which alarms' cameras a session may see (camera groups): an alarm naming a camera outside the reader's
// groups is still theirs, with the camera withheld (cameraGroups/withhold.ts). Used by the alarm routes
// and the live `alarm` topic alike. Reads the access rule and the catalogue's names; never writes.
import type { AlarmView } from "@cw/protocol";
import type { Session } from "../../auth/sessions";
import type { CameraAccess } from "../cameraGroups/access";
import { withholdAlarm } from "../cameraGroups/withhold";

export interface AlarmSight {
  /** Whether the session sees the alarm's camera (an alarm with no camera: yes). */
  sees(session: Pick<Session, "user">, a: AlarmView): boolean;
  /** The view with its camera withheld (the same for every reader outside the camera's groups). */
  withheld(a: AlarmView): AlarmView;
  /** The view as this session reads it (the same object when nothing is withheld). */
  of(session: Pick<Session, "user">): (a: AlarmView) => AlarmView;
}

export function alarmSight(
  access: Pick<CameraAccess, "visible">,
  cameraName: (cameraId: string) => string | undefined,
): AlarmSight {
  const sees: AlarmSight["sees"] = (session, a) =>
    a.cameraId === null || access.visible(session, { id: a.cameraId, prisonId: a.prisonId });
  const withheld: AlarmSight["withheld"] = (a) => (a.cameraId === null ? a : withholdAlarm(a, cameraName(a.cameraId)));
  return { sees, withheld, of: (session) => (a) => (sees(session, a) ? a : withheld(a)) };
}
