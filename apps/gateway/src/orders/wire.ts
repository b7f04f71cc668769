// Composes the orders feature inside the gateway: the control state it reads (the core's control plane
// projection: one ControlState), the templates (folded by the core), the service, and the live extension on the hub.
// close() stops them; the gateway calls it before closing the hub and the log.
import { randomBytes } from "node:crypto";
import type { AlertsPolicy, ControlState } from "@cw/alerts";
import { defaultPolicy } from "@cw/alerts";
import type { Core } from "../core";
import type { LiveHub } from "../live/hub";
import { OrdersLive } from "./live";
import { orgTreeSource } from "./orgTree";
import { OrdersService } from "./service";

export interface OrdersFeature {
  service: OrdersService;
  live: OrdersLive;
  close(): void;
}

export interface OrdersWiring {
  core: Core;
  hub: Pick<LiveHub, "extend" | "publish">;
  policy?: () => AlertsPolicy;
}

export async function wireOrders(w: OrdersWiring): Promise<OrdersFeature> {
  const { core } = w;
  const stops: Array<() => void> = [];
  // The one ControlState of the gateway: the control plane's projection, folded by the core.
  const control = (): ControlState => core.control.projection.state;
  const templates = core.templates;
  const service = new OrdersService({
    control,
    tree: orgTreeSource(core.catalogue),
    policy: w.policy ?? (() => defaultPolicy),
    now: core.now,
    newId: () => randomBytes(5).toString("hex"),
    templates,
    commit: (events) => core.commit(events),
  });
  const live = new OrdersLive({ control, now: core.now, service, publish: (build) => w.hub.publish(build) });
  stops.push(core.onEvent((e) => live.onEvent(e)));
  stops.push(w.hub.extend(live));
  stops.push(
    () => live.close(),
    () => service.close(),
  );
  return {
    service,
    live,
    close() {
      for (const stop of stops.splice(0).reverse()) stop();
    },
  };
}
