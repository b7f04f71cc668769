// What one session sees of the cameras the wall names (tiles, tour steps, preset contents): its prison
// scope and the camera groups' rule (cameraGroups/access.ts). A camera no longer in the catalogue is
// seen by province-wide roles only (a preset may still name it). Reads; never changes anything.
import { type PrisonScope, scopeOf } from "@cw/protocol";
import type { Session } from "../../auth/sessions";
import type { CameraAccess } from "../cameraGroups/access";
import type { CatalogueStore } from "../catalogue/store";

export interface CameraSight {
  readonly scope: PrisonScope;
  sees(cameraId: string): boolean;
}

export function sightOf(session: Pick<Session, "user">, catalogue: CatalogueStore, access: CameraAccess): CameraSight {
  const scope = scopeOf(session);
  return {
    scope,
    sees(cameraId) {
      const camera = catalogue.camera(cameraId);
      return camera === undefined ? scope === null : access.visible(session, camera);
    },
  };
}

/** Everything (the gateway's own moves: tours it runs, presets it checks on save). */
export const seesAll: CameraSight = { scope: null, sees: () => true };
