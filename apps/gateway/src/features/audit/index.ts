// The audit trail (全程留痕): every logged event, as written, indexed by seq/time/type/actor/camera/prison
// and served newest first to audit.view holders, as pages and as CSV.
import type { CameraAccess } from "../cameraGroups/access";
import type { CatalogueStore } from "../catalogue/store";
import type { Feature, Kernel } from "../feature";
import type { UserDirectory } from "../users/directory";
import { AuditIndex } from "./auditIndex";
import { auditRoutes } from "./routes";

export function auditFeature(
  k: Kernel,
  d: { catalogue: CatalogueStore; access: CameraAccess; users: Pick<UserDirectory, "get" | "list"> },
) {
  const index = new AuditIndex(k.eventLog, (id) => d.catalogue.camera(id)?.prisonId);
  return {
    name: "audit",
    index,
    state: index,
    routes: (app) =>
      auditRoutes(app, {
        audit: index,
        catalogue: d.catalogue,
        access: d.access,
        users: d.users,
        tzOffsetMin: k.config.rollcalls.tzOffsetMin,
      }),
  } satisfies Feature & { index: AuditIndex };
}
