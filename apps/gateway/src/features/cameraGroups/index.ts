// Camera groups (issue 17): restricted cameras and who may see them. The state and the access check are
// made first (makeFeatures passes `access` to every feature that lists or plays cameras); the feature
// itself folds the groups and serves the admin's routes.

import type { CatalogueStore } from "../catalogue/store";
import type { Feature, Kernel } from "../feature";
import type { UserDirectory } from "../users/directory";
import { type CameraAccess, cameraAccess } from "./access";
import { publishGroupChange } from "./live";
import { cameraGroupRoutes } from "./routes";
import { CameraGroupsState } from "./state";

/** `catalogue` is read when a request comes (the catalogue feature is made after this one: it needs `access`). */
export function cameraGroupsFeature(
  k: Kernel,
  deps: { catalogue: () => CatalogueStore; users: Pick<UserDirectory, "list"> },
) {
  const state = new CameraGroupsState();
  const access = cameraAccess(state);
  return {
    name: "cameraGroups",
    state,
    access,
    /** A group change reaches open clients at once: each camera it hid or showed to a session is a
     *  `catalogue.camera` message to that socket (removed: null; shown: the camera). */
    start: (rt) =>
      k.onEvent((e) => {
        const change = e.type.startsWith("cameraGroup.") ? state.lastChange() : null;
        if (change !== null) publishGroupChange(rt.publish, change, deps.catalogue(), access);
      }),
    routes: (app) =>
      cameraGroupRoutes(app, {
        groups: state,
        catalogue: deps.catalogue(),
        users: () => deps.users.list(),
        commit: k.commit,
      }),
  } satisfies Feature & { access: CameraAccess };
}
