// What a record that names a camera (an alarm, an inspection finding) shows to a reader who may not see
// that camera (camera groups): the record is still theirs — it concerns their prison — but the camera is
// withheld: no id, no name (taken out of free text too), no snapshot, `cameraWithheld: true`. Pure: the
// caller says whether the reader sees the camera and what its name is. Never decides visibility (that is
// access.ts → @cw/protocol cameraVisible).
import type { AlarmView, FindingView } from "@cw/protocol";

/** What replaces a withheld camera's id or name inside free text (a feed's title, a source id). */
export const withheldText = "受限摄像机";

/** `text` with every occurrence of the camera's id and name replaced (null stays null). */
export function scrub(text: string, cameraId: string, cameraName: string | undefined): string;
export function scrub(text: string | null, cameraId: string, cameraName: string | undefined): string | null;
export function scrub(text: string | null, cameraId: string, cameraName: string | undefined): string | null {
  if (text === null) return null;
  let out = text.split(cameraId).join(withheldText);
  // A one-character name would blank out ordinary words: only names long enough to be a camera's.
  if (cameraName !== undefined && cameraName.trim().length >= 2) out = out.split(cameraName).join(withheldText);
  return out;
}

/** The alarm as a reader outside the camera's groups reads it. */
export function withholdAlarm(a: AlarmView, cameraName: string | undefined): AlarmView {
  if (a.cameraId === null) return a;
  const id = a.cameraId;
  return {
    ...a,
    cameraId: null,
    cameraWithheld: true,
    sourceId: scrub(a.sourceId, id, cameraName),
    title: scrub(a.title, id, cameraName),
    description: scrub(a.description, id, cameraName),
    hasSnapshot: false,
  };
}

/** The finding as a reader outside the camera's groups reads it. */
export function withholdFinding(f: FindingView): FindingView {
  if (f.cameraId === null) return f;
  const id = f.cameraId;
  const name = f.cameraName ?? undefined;
  return {
    ...f,
    cameraId: null,
    cameraName: null,
    cameraWithheld: true,
    note: scrub(f.note, id, name),
    snapshotUrl: null,
  };
}
