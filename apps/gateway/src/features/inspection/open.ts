// Composition of the inspection part of the core: the projection is created before the log replay
// (core.ts folds every event into it), the service after it (it may draw at once). Owns nothing else.
import type { ControlState } from "@cw/alerts";
import type { Config } from "../../config";
import type { Commit } from "../../events/codec";
import type { LoggedEvent } from "../../events/map";
import type { Logger } from "../../log";
import type { CameraAccess } from "../cameraGroups/access";
import type { CatalogueStore } from "../catalogue/store";
import { catalogueLookup } from "./lookup";
import type { InspectionProjection } from "./projection";
import { SecretFile } from "./secrets";
import { InspectionService } from "./service";

export interface OpenInspectionOptions {
  config: Config;
  projection: InspectionProjection;
  catalogue: CatalogueStore;
  access: Pick<CameraAccess, "restricted">;
  commit: Commit;
  onEvent(listener: (e: LoggedEvent) => void): () => void;
  control: () => ControlState | null;
  now: () => number;
  log: Logger;
}

/** Opens secrets.json, builds the service and catches the draw up (draws now when due). */
export async function openInspection(o: OpenInspectionOptions): Promise<InspectionService> {
  const log = o.log.child({ part: "inspection" });
  const secrets = await SecretFile.open(o.config.dataDir, (msg) => log.warn(msg));
  const service = new InspectionService({
    projection: o.projection,
    secrets,
    lookup: catalogueLookup(o.catalogue, o.access),
    settings: {
      drawTime: o.config.inspectionDrawTime,
      tzOffsetMin: o.config.rollcalls.tzOffsetMin,
      checklist: o.config.inspectionChecklist,
      rules: o.config.inspectionRules,
    },
    commit: o.commit,
    onEvent: o.onEvent,
    control: o.control,
    now: o.now,
    log,
  });
  try {
    await service.start();
  } catch (err) {
    service.close();
    throw err;
  }
  return service;
}
