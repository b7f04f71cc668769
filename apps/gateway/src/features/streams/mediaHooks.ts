// What the gateway offers the media plane: camera lookups (what a source needs to start a camera) and
// the RTMP publish check (the camera's publish key, compared in constant time). Reads the catalogue.
import { timingSafeEqual } from "node:crypto";
import type { Camera } from "@cw/protocol";
import type { CameraSpec } from "@cw/streams";
import type { Logger } from "../../log";
import type { CatalogueStore } from "../catalogue/store";

export interface MediaHooks {
  resolve(cameraId: string): CameraSpec | null;
  /** RTMP stream name is `<cameraId>` (main) or `<cameraId>_sub`; the key is the camera's publish key. */
  authorizePublish(streamName: string, key: string | undefined): boolean;
  log: Logger;
}

export function cameraSpec(catalogue: CatalogueStore, camera: Camera): CameraSpec {
  return {
    id: camera.id,
    name: camera.name,
    label: catalogue.label(camera),
    source: camera.source,
    codec: camera.codec,
    hasSubStream: camera.hasSubStream,
  };
}

export function mediaHooks(catalogue: CatalogueStore, log: Logger): MediaHooks {
  return {
    log,
    resolve(cameraId) {
      const camera = catalogue.camera(cameraId);
      return camera ? cameraSpec(catalogue, camera) : null;
    },
    authorizePublish(streamName, key) {
      const cameraId = catalogue.camera(streamName) ? streamName : streamName.replace(/_sub$/, "");
      const camera = catalogue.camera(cameraId);
      const want = catalogue.publishKey(cameraId);
      if (camera?.source.kind !== "rtmp" || want === undefined || key === undefined) return false;
      const a = Buffer.from(key);
      const b = Buffer.from(want);
      return a.length === b.length && timingSafeEqual(a, b);
    },
  };
}
