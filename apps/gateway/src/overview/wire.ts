// Wires the overview into the running gateway: the coalescing publisher on the live hub, and the
// current overview for each new connection. Returns the stop.

import { can, scopeOf } from "@cw/protocol";
import type { StreamRegistry } from "@cw/streams";
import type { Core } from "../core";
import type { LiveHub } from "../live/hub";
import { OverviewPublisher } from "./publisher";

export interface OverviewWiring {
  core: Core;
  hub: LiveHub;
  registry: StreamRegistry;
  intervalMs?: number;
}

export function wireOverview({ core, hub, registry, intervalMs }: OverviewWiring): () => void {
  const publisher = new OverviewPublisher({
    core,
    streams: registry,
    publish: (build) => hub.publish(build),
    ...(intervalMs !== undefined ? { intervalMs } : {}),
  });
  const removeExtension = hub.extend({
    attached(session, send) {
      if (can(session.user.role, "reports.view")) send({ topic: "overview", data: publisher.build(scopeOf(session)) });
    },
  });
  return () => {
    removeExtension();
    publisher.stop();
  };
}
