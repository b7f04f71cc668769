// What recording asks of a camera's own recorder (a GB/T 28181 NVR): the spans it holds and a playback of
// one of them as HLS. Declared here, where it is used; the GB feature implements it
// (gb28181/deviceRecordings.ts) and the gateway hands it over once GB runs (`useDevice`). Recording never
// imports GB: without it, cameras simply have no device recordings.
import type { Camera, PlaybackScale } from "@cw/protocol";
import type { RecordingStore } from "@cw/recording";

export interface Span {
  from: number;
  to: number;
}

export type DeviceSpans = { ok: true; spans: Span[]; complete: boolean } | { ok: false; reason: string };

export type DeviceOpen =
  | { ok: true; id: string; scale: PlaybackScale }
  | { ok: false; status: "conflict" | "unavailable"; reason: string };

export type DeviceControl =
  | { ok: true; scale: PlaybackScale }
  | { ok: false; status: "not_found" | "unavailable"; reason: string };

/** A fetched span: what was stored (unix ms), or why nothing was. */
export type DeviceFetch =
  | { ok: true; from: number; to: number; bytes: number; reason: string | null }
  | { ok: false; status: "conflict" | "unavailable"; reason: string };

export interface DeviceRecordings {
  /** The device's spans in a window; null when the camera is not on a device that records (not GB). */
  spans(camera: Camera, from: number, to: number): Promise<DeviceSpans | null>;
  /**
   * Starts a playback of the device's recording from `from`, asking it to send at `scale` (default 1; the
   * answer says what the device agreed to); null when the camera is not a GB camera.
   */
  open(camera: Camera, from: number, to: number, scale?: PlaybackScale): Promise<DeviceOpen | null>;
  /** Asks a running playback's device for another speed. */
  control(id: string, cameraId: string, scale: PlaybackScale): Promise<DeviceControl>;
  /** The playback's playlist (waits briefly for its first segment); null once it is gone. */
  playlist(id: string, cameraId: string): Promise<string | null>;
  mediaFile(id: string, cameraId: string, name: string): { path: string; bytes: number } | null;
  /**
   * Fetches the device's recording of [from, to) into `store` under `key` (sealed when it resolves): a
   * download (`s=Download`, faster than real time) or, from a device that refuses one, a playback of
   * exactly that span. Null when the camera is not a GB camera.
   */
  fetch(
    camera: Camera,
    from: number,
    to: number,
    target: { store: RecordingStore; key: string },
  ): Promise<DeviceFetch | null>;
}
