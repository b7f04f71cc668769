// Orders (指令): composed by the command centre, resolved to their receivers against the catalogue at
// issue time, delivered live with acknowledgement, signed for and reported back on by each unit — the
// control plane's one ControlState holds them; templates are this feature's own state. Routes and the
// live `order` topic (the receipt matrix for watchers, each terminal its prison's orders).
import { randomBytes } from "node:crypto";
import type { ControlState } from "@cw/alerts";
import type { Publish } from "../../live/hub";
import type { AlarmsFeature } from "../alarms";
import type { CatalogueStore } from "../catalogue/store";
import type { Feature, Kernel } from "../feature";
import { OrdersLive } from "./live";
import { orgTreeSource } from "./orgTree";
import { orderRoutes } from "./routes";
import { OrdersService } from "./service";
import { TemplateStore } from "./templates";

export function ordersFeature(k: Kernel, d: { alarms: AlarmsFeature; catalogue: CatalogueStore }) {
  const templates = new TemplateStore();
  const control = (): ControlState => d.alarms.plane.projection.state;
  const service = new OrdersService({
    control,
    tree: orgTreeSource(d.catalogue),
    policy: () => k.config.alerts,
    now: k.now,
    newId: () => randomBytes(5).toString("hex"),
    templates,
    commit: k.commit,
  });
  let publish: Publish | null = null;
  const live = new OrdersLive({ control, now: k.now, service, publish: (build) => publish?.(build) });
  return {
    name: "orders",
    templates,
    service,
    state: templates,
    live,
    start(rt) {
      publish = rt.publish;
      const off = k.onEvent((e) => live.onEvent(e));
      return () => {
        off();
        live.close();
        publish = null;
      };
    },
    routes: (app) => orderRoutes(app, { orders: service }),
    close: () => service.close(),
  } satisfies Feature & { service: OrdersService; templates: TemplateStore };
}
export type OrdersFeature = ReturnType<typeof ordersFeature>;
