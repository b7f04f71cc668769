// PTZ on the wall, the part without React: which cameras get controls, and the order of one panel's commands.
// Owns: serialising commands so a `stop` never overtakes the move it ends (two fetches may reach the gateway
// in either order). Never decides who may steer — the policy table does (cameras.ptz), the gateway checks.
import type { Camera, PtzCommand } from "@cw/protocol";

/** A camera the gateway can steer: a GB/T 28181 channel its device lists as a dome or remote-controlled bullet. */
export function isPtzCamera(camera: Camera | undefined): boolean {
  return camera !== undefined && camera.source.kind === "gb28181" && camera.ptz === true;
}

export const PTZ_SPEED_DEFAULT = 128;

/** A speed or preset number as the API takes it: an integer 1–255 (anything else → the fallback). */
export function ptzByte(value: number, fallback: number): number {
  if (!Number.isFinite(value)) return fallback;
  return Math.max(1, Math.min(255, Math.round(value)));
}

export type PtzSend = (cameraId: string, command: PtzCommand) => Promise<void>;

/**
 * One panel's command queue: each command is sent after the previous one was answered. A failure is
 * reported and does not block the ones after it (a `stop` must still go out after a refused move).
 */
export function ptzQueue(
  send: PtzSend,
  onError: (err: unknown) => void,
): (cameraId: string, c: PtzCommand) => Promise<void> {
  let tail: Promise<void> = Promise.resolve();
  return (cameraId, command) => {
    tail = tail.then(() => send(cameraId, command)).catch(onError);
    return tail;
  };
}
