// What the control plane's parts share: the state, the config that shapes decisions, the catalogue
// facts it needs (prisons, blocks, where a camera sits), the snapshot store and the way to append.
// Declared here so commands, reads, the tick and the health bridge depend on this narrow shape, not
// on the whole core.
import type { AlertsPolicy, BlockRef, CameraPlace, ControlState, RollCallConfig } from "@cw/alerts";
import type { Commit } from "../../events/codec";
import type { SnapshotStore } from "./snapshots";

export interface BlockInfo extends BlockRef {
  name: string;
  subBlocks: readonly string[];
}

export interface ControlContext {
  readonly state: ControlState;
  readonly policy: AlertsPolicy;
  readonly rollcalls: RollCallConfig;
  readonly now: () => number;
  readonly newId: () => string;
  readonly snapshots: SnapshotStore;
  readonly blocks: readonly BlockInfo[];
  prisonExists(prisonId: string): boolean;
  /** Where a camera sits, or undefined when the catalogue does not have it. */
  cameraOf(cameraId: string): CameraPlace | undefined;
  commit: Commit;
}
