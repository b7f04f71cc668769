// The bureau chief's daily inspection (视频督查): the record folded from the log, the seeded draw
// (commit–reveal, on a 30 s check), the chief's actions and the prisons' rectifications, the routes,
// and the live `inspection` topic (inspectors hear all, a prison its own findings).
import type { AlarmsFeature } from "../alarms";
import type { CameraAccess } from "../cameraGroups/access";
import type { CatalogueStore } from "../catalogue/store";
import type { Feature, Kernel } from "../feature";
import { later } from "../later";
import { hearsChange } from "./access";
import { openInspection } from "./open";
import { InspectionProjection } from "./projection";
import { inspectionRoutes } from "./routes";
import type { InspectionService } from "./service";

export function inspectionFeature(
  k: Kernel,
  d: { catalogue: CatalogueStore; alarms: AlarmsFeature; access: Pick<CameraAccess, "restricted" | "visible"> },
) {
  const projection = new InspectionProjection();
  const opened = later<InspectionService>("the inspection service");
  const service = opened.get;
  return {
    name: "inspection",
    projection,
    get service() {
      return service();
    },
    state: projection,
    /** After the replay: it may draw today's inspection at once (and so append to the log). */
    async open() {
      opened.set(
        await openInspection({
          ...k,
          projection,
          catalogue: d.catalogue,
          access: d.access,
          control: () => d.alarms.plane.projection.state,
        }),
      );
    },
    start: (rt) =>
      service().onChange((c) =>
        rt.publish((session) => (hearsChange(session, c) ? { topic: "inspection", data: c } : null)),
      ),
    routes: (app) =>
      inspectionRoutes(app, { inspection: service(), catalogue: d.catalogue, access: d.access, now: k.now }),
    close: () => opened.peek()?.close(),
  } satisfies Feature & { projection: InspectionProjection; service: InspectionService };
}
