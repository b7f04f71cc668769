// Builds the control plane from the core's parts: policy and roll-call schedule from config, blocks
// from the province, camera places from the live catalogue, snapshots in DATA_DIR/snapshots (or inline
// in the events when the log is shared through Redis). Composition only.
import { join } from "node:path";
import type { Config } from "../../config";
import type { Commit } from "../../events/codec";
import type { Province } from "../catalogue/model";
import type { CatalogueStore } from "../catalogue/store";
import type { BlockInfo } from "./context";
import { type ControlLog, ControlPlane } from "./plane";
import { fileSnapshots, inlineSnapshots } from "./snapshots";

export interface OpenControlOptions {
  config: Config;
  province: Province;
  catalogue: CatalogueStore;
  commit: Commit;
  now: () => number;
  log: ControlLog;
  tickMs?: number;
}

export function blocksOf(province: Province): BlockInfo[] {
  return province.prisons.flatMap((p) =>
    p.blocks.map((b) => ({ prisonId: p.id, blockId: b.id, name: b.name, subBlocks: b.subBlocks.map((s) => s.id) })),
  );
}

export function openControlPlane(opts: OpenControlOptions): ControlPlane {
  const { config, catalogue } = opts;
  return new ControlPlane({
    policy: config.alerts,
    rollcalls: config.rollcalls,
    blocks: blocksOf(opts.province),
    prisonExists: (id) => catalogue.prison(id) !== undefined,
    cameraOf(cameraId) {
      const c = catalogue.camera(cameraId);
      return c === undefined ? undefined : { prisonId: c.prisonId, blockId: c.blockId, subBlockId: c.subBlockId };
    },
    snapshots: config.redisUrl ? inlineSnapshots : fileSnapshots(join(config.dataDir, "snapshots")),
    commit: opts.commit,
    now: opts.now,
    log: opts.log,
    ...(opts.tickMs === undefined ? {} : { tickMs: opts.tickMs }),
  });
}
