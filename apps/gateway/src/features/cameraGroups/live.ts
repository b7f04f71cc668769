// A camera group saved or removed, on the live socket: each session whose sight of a camera changed hears
// `catalogue.camera` {id, camera: null} (it may no longer see it: the wall drops it from the tree and its
// tiles ask again, to be refused) or {id, camera} (given back: it appears without a reload). Sessions whose
// sight did not change hear nothing. Reads; never appends.
import { type CameraGroupIndex, cameraVisible, can } from "@cw/protocol";
import type { Publish } from "../../live/hub";
import { shownCamera } from "../catalogue/routes";
import type { CatalogueStore } from "../catalogue/store";
import type { CameraAccess } from "./access";

export function publishGroupChange(
  publish: Publish,
  change: { readonly before: CameraGroupIndex; readonly cameraIds: readonly string[] },
  catalogue: Pick<CatalogueStore, "camera">,
  access: Pick<CameraAccess, "visible">,
): void {
  for (const id of change.cameraIds) {
    const camera = catalogue.camera(id);
    if (camera === undefined) continue;
    const hidden = { topic: "catalogue.camera", data: { id, camera: null } } as const;
    publish((session) => {
      if (!can(session.user.role, "cameras.view")) return null;
      const was = cameraVisible(session.user, camera, change.before);
      const is = access.visible(session, camera);
      if (was === is) return null;
      return is ? { topic: "catalogue.camera", data: { id, camera: shownCamera(session, camera) } } : hidden;
    });
  }
}
