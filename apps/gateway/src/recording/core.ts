// What recording takes from the rest of the gateway (its slice of the kernel and the features it
// leans on), declared here so its service, fault bridge and routes depend on this shape only.
import type { TokenUse } from "../auth/hlsToken";
import type { SessionStore } from "../auth/sessions";
import type { Config } from "../config";
import type { Commit } from "../events/codec";
import type { ControlPlane } from "../features/alarms/plane";
import type { CameraAccess } from "../features/cameraGroups/access";
import type { CatalogueStore } from "../features/catalogue/store";
import type { Logger } from "../log";
import type { RecordingProjection } from "./projection";

export interface RecordingCore {
  config: Config;
  log: Logger;
  now: () => number;
  secret: Buffer;
  commit: Commit;
  catalogue: CatalogueStore;
  access: CameraAccess;
  control: ControlPlane;
  sessions: SessionStore;
  tokens: TokenUse;
  recording: RecordingProjection;
}
