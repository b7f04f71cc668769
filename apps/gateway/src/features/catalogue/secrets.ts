// A camera's secrets as the catalogue writes them down (the log's camera events, state snapshots) and
// reads them back: an RTSP URL's password and an RTMP publish key sealed (auth/atRest.ts), everything else
// as it is. Pure over a SecretBox.
import type { Camera } from "@cw/protocol";
import { openUrl, type SecretBox, sealUrl } from "../../auth/atRest";
import type { GatewayEventMap } from "../../events/map";

type CameraAddedData = GatewayEventMap["camera.added"];

function mapUrls(camera: Camera, f: (url: string) => string): Camera {
  if (camera.source.kind !== "rtsp") return camera;
  const { url, subUrl } = camera.source;
  return { ...camera, source: { ...camera.source, url: f(url), ...(subUrl ? { subUrl: f(subUrl) } : {}) } };
}

export const sealCamera = (camera: Camera, box: SecretBox): Camera => mapUrls(camera, (u) => sealUrl(u, box));
export const openCamera = (camera: Camera, box: SecretBox): Camera => mapUrls(camera, (u) => openUrl(u, box));

/** A camera.added / camera.updated payload as it goes into the log. */
export function sealEdit(data: CameraAddedData, box: SecretBox): CameraAddedData {
  const camera = sealCamera(data.camera, box);
  return data.publishKey === undefined ? { camera } : { camera, publishKey: box.seal(data.publishKey) };
}
