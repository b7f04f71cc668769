// The demo feed simulator, wired to a running gateway: the province as the simulator needs it (from
// the live catalogue), the prisons' keys (explicit or demo) and the roll-call schedule from config. It
// posts through the gateway's own public, signed feeds API: never a side door into the log.

import type { Config } from "../../config";
import type { Logger } from "../../log";
import { type FeedSimulator, startFeedSimulator } from "../../sim/feeds";
import type { SimPrison } from "../../sim/model";
import type { CatalogueStore } from "../catalogue/store";
import { feedKeyConfig } from "./config";
import { feedKeyFor } from "./feeds/keys";

export function simPrisons(catalogue: CatalogueStore): SimPrison[] {
  const cameras = catalogue.cameras();
  return catalogue
    .tree(null)
    .children.filter((n) => n.kind === "prison")
    .map((p) => ({
      id: p.id,
      blocks: p.children
        .filter((b) => b.kind === "block")
        .map((b) => ({ id: b.id, subBlocks: b.children.filter((s) => s.kind === "subBlock").map((s) => s.id) })),
      cameras: cameras
        .filter((c) => c.prisonId === p.id)
        .map((c) => ({ id: c.id, blockId: c.blockId, subBlockId: c.subBlockId, kind: c.kind })),
    }));
}

/** Starts the simulator against `baseUrl` when config asks for it (FEED_SIM, default: SIM); else null. */
export function startDemoFeeds(
  config: Config,
  core: { catalogue: CatalogueStore; now: () => number },
  baseUrl: string,
  log: Logger,
  fetchImpl?: typeof fetch,
): FeedSimulator | null {
  if (!(config.feedSim ?? config.sim)) return null;
  const keys = feedKeyConfig(config);
  const sim = startFeedSimulator({
    baseUrl,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
    prisons: simPrisons(core.catalogue),
    now: core.now,
    secret: keys.demoFeedSecret ?? "",
    keyFor: (prisonId) => feedKeyFor(keys, prisonId) ?? "",
    schedule: config.rollcalls.schedule,
    tzOffsetMin: config.rollcalls.tzOffsetMin,
    log: log.child({ part: "feed-sim" }),
  });
  log.info({ baseUrl }, "demo feed simulator started");
  return sim;
}
