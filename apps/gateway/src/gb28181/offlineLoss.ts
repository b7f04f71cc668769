// Which cameras lose their picture, as far as anyone needs to know, when a GB device goes offline (pure).
// A camera someone is watching already raises its video-loss alarm through stream health (its stream stops
// and the source reports `the device is offline`); an important camera nobody watches has no stream, so the
// device's going offline raises it here. Every other camera of the device stays quiet: a platform of 500
// channels going offline must not become 500 alarms on the duty console.
import type { Camera } from "@cw/protocol";

export function camerasLostWithDevice(
  cameras: Iterable<Camera>,
  deviceId: string,
  watched: ReadonlySet<string>,
): Camera[] {
  const out: Camera[] = [];
  for (const c of cameras)
    if (c.source.kind === "gb28181" && c.source.deviceId === deviceId && c.important === true && !watched.has(c.id))
      out.push(c);
  return out;
}

/** The alarm feed body for one such camera: one per camera per offline moment (a repeat counts, never duplicates). */
export function offlineLossAlarm(camera: Camera, offlineAt: number, severity: number) {
  return {
    sourceId: `gb-offline:${camera.id}:${offlineAt}`,
    type: "video_loss" as const,
    severity,
    occurredAt: offlineAt,
    blockId: camera.blockId,
    subBlockId: camera.subBlockId,
    cameraId: camera.id,
    title: null,
    description: "the device is offline",
  };
}
