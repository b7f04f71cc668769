// The overview, dashboards and reports (三研判): figures per local hour × prison folded from the
// control-plane events, served as the map's status, key figures and period reports (JSON and CSV), and
// pushed coalesced on the live `overview` topic (one view per scope, only when it changed).
import { can, scopeOf } from "@cw/protocol";
import type { CameraAccess } from "../cameraGroups/access";
import type { CatalogueStore } from "../catalogue/store";
import type { Feature, Kernel } from "../feature";
import { PrisonLinks } from "./links";
import { OverviewProjection } from "./projection";
import { OverviewPublisher } from "./publisher";
import { overviewRoutes } from "./routes";

export function overviewFeature(k: Kernel, d: { catalogue: CatalogueStore; access: Pick<CameraAccess, "restricted"> }) {
  const projection = new OverviewProjection(k.config.rollcalls.tzOffsetMin);
  const links = new PrisonLinks();
  let publisher: OverviewPublisher | null = null;
  return {
    name: "overview",
    projection,
    /** Each prison's edge link; the GB/T 28181 service reports it (gateway.ts AddOnCore). */
    links,
    state: projection,
    start(rt) {
      const p = new OverviewPublisher({
        projection,
        catalogue: d.catalogue,
        access: d.access,
        links,
        now: k.now,
        streams: rt.media,
        publish: rt.publish,
      });
      publisher = p;
      return () => {
        p.stop();
        publisher = null;
      };
    },
    live: {
      attached(session, send) {
        if (publisher === null || !can(session.user.role, "reports.view")) return;
        send({ topic: "overview", data: publisher.build(scopeOf(session)) });
      },
    },
    routes: (app, rt) =>
      overviewRoutes(app, {
        overview: projection,
        catalogue: d.catalogue,
        access: d.access,
        links,
        now: k.now,
        media: rt.media,
      }),
  } satisfies Feature & { projection: OverviewProjection; links: PrisonLinks };
}
