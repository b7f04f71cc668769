// An edge passing its upper platform's PTZ on (issue 18: "forwards PTZ"): the bureau's DeviceControl
// PTZCmd for one of our channels is read back into an action (@cw/gb28181 parsePtzCmd) and applied to the
// camera behind that channel through its own PTZ path — today a GB/T 28181 camera of the edge (its NVR or
// device), through the edge's GB service, which audits it (`gb.ptz`, actor `system:upper`) as the bureau
// audited the commander's. A camera without a PTZ path (simulated, RTMP, RTSP), an unknown channel or a
// command our actions cannot say is logged and dropped: GB DeviceControl has no answer to carry a refusal.

import type { Actor } from "@cw/alerts";
import { type PtzAction, parsePtzCmd } from "@cw/gb28181";
import type { Camera, Result } from "@cw/protocol";
import { UPPER_ACTOR } from "../features/uplink/upper";

/** The edge's own PTZ path (the GB service's), when the edge runs one. */
export type PtzPath = (
  camera: Camera,
  action: PtzAction,
  speed: number | undefined,
  preset: number | undefined,
  actor: Actor,
) => Promise<Result<true>>;

export interface EdgePtzDeps {
  cameraOf(channelId: string): string | undefined;
  camera(id: string): Camera | undefined;
  ptz: PtzPath | null;
  log: { warn(o: object, m?: string): void };
}

/** Applies one PTZCmd of the upper's to the camera behind the channel; resolves once handled or dropped. */
export async function applyUpperPtz(d: EdgePtzDeps, channelId: string, ptzCmd: string): Promise<void> {
  const cmd = parsePtzCmd(ptzCmd);
  if (!cmd.ok) return d.log.warn({ channelId, ptzCmd, reason: cmd.reason }, "upper PTZ dropped");
  const cameraId = d.cameraOf(channelId);
  const camera = cameraId === undefined ? undefined : d.camera(cameraId);
  if (!camera) return d.log.warn({ channelId }, "upper PTZ for an unknown channel dropped");
  if (camera.source.kind !== "gb28181" || d.ptz === null)
    return d.log.warn({ cameraId: camera.id }, "upper PTZ for a camera without a PTZ path dropped");
  const { action, speed, preset } = cmd.value;
  const r = await d.ptz(
    camera,
    action,
    action === "stop" || action === "preset" ? undefined : speed,
    action === "preset" ? preset : undefined,
    UPPER_ACTOR,
  );
  if (!r.ok) d.log.warn({ cameraId: camera.id, error: r.error }, "upper PTZ refused");
}
