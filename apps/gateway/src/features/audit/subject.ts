// What a logged event is about, for the audit's camera and prison filters and its links: the camera,
// prison, alarm and order its data names. Read from the data's own fields (cameraId, prisonId, a camera
// edit's camera, an alarm's or an order's id), so a new event type with those fields is found without a
// line here. Pure.
import type { LoggedEvent } from "../../events/map";

export interface AuditSubject {
  cameraId: string | null;
  prisonId: string | null;
  alarmId: string | null;
  orderId: string | null;
}

const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);

export function subjectOf(e: Pick<LoggedEvent, "type" | "data">): AuditSubject {
  const d = (typeof e.data === "object" && e.data !== null ? e.data : {}) as Record<string, unknown>;
  const camera = (typeof d.camera === "object" && d.camera !== null ? d.camera : {}) as Record<string, unknown>;
  const family = e.type.slice(0, e.type.indexOf("."));
  const cameraId = str(d.cameraId) ?? str(camera.id) ?? (e.type === "camera.removed" ? str(d.id) : null);
  const prisonId = str(d.prisonId) ?? str(camera.prisonId);
  const alarmId = family === "alarm" ? str(d.id) : str(d.alarmId);
  const orderId = family === "order" ? (str(d.orderId) ?? str(d.id)) : null;
  return { cameraId, prisonId, alarmId, orderId };
}
