// The catalogue: the province (bureau → prisons → blocks → sub-blocks → cameras) from its file, with
// the camera edits folded from the log; its reads, the commanders' camera edits, and the live
// `catalogue.camera` topic (each edit, to whoever may see that prison).
import { can } from "@cw/protocol";
import { atRestKey, secretBox } from "../../auth/atRest";
import { canSeePrison } from "../../auth/guard";
import { derivedPublishKey } from "../../auth/secret";
import type { CameraAccess } from "../cameraGroups/access";
import type { Feature, Kernel } from "../feature";
import { cameraAdminRoutes } from "./adminRoutes";
import { catalogueRoutes, shownCamera } from "./routes";
import { CatalogueStore } from "./store";

export function catalogueFeature(k: Kernel, d: { access: CameraAccess }) {
  const store = new CatalogueStore(
    k.province,
    (id) => derivedPublishKey(k.secret, id),
    k.log.child({ part: "catalogue" }),
    secretBox(atRestKey(k.secret)),
  );
  const deps = { catalogue: store, config: k.config, access: d.access };
  return {
    name: "catalogue",
    store,
    state: store,
    start: (rt) =>
      store.onChange((c) =>
        rt.publish((session) =>
          can(session.user.role, "cameras.view") &&
          (c.camera === null ? canSeePrison(session, c.prisonId) : d.access.visible(session, c.camera))
            ? { topic: "catalogue.camera", data: { id: c.id, camera: c.camera && shownCamera(session, c.camera) } }
            : null,
        ),
      ),
    routes(app, rt) {
      catalogueRoutes(app, deps);
      cameraAdminRoutes(app, { ...deps, commit: k.commit, media: rt.media });
    },
  } satisfies Feature & { store: CatalogueStore };
}
