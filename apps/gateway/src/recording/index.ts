// Recording as a gateway feature: plans, evidence and alarm markers folded from the log; once the media
// plane runs, the recorder, the evidence signing key and the fault bridge (wire.ts); the recording and
// playback routes (with the cameras' own device recordings once GB hands them over: useDevice). One
// registration line in features/index.ts.
import type { TokenUse } from "../auth/hlsToken";
import type { SessionStore } from "../auth/sessions";
import type { AlarmsFeature } from "../features/alarms";
import type { CameraAccess } from "../features/cameraGroups/access";
import type { CatalogueStore } from "../features/catalogue/store";
import type { Feature, Kernel } from "../features/feature";
import { later } from "../features/later";
import type { RecordingCore } from "./core";
import type { DeviceRecordings } from "./device";
import { recordingFileRoutes } from "./fileRoutes";
import { recordingPlanRoutes } from "./planRoutes";
import { RecordingProjection } from "./projection";
import { recordingRoutes } from "./routes";
import { type RecordingHandle, wireRecording } from "./wire";

export interface RecordingNeeds {
  catalogue: CatalogueStore;
  access: CameraAccess;
  alarms: AlarmsFeature;
  sessions: SessionStore;
  tokens: TokenUse;
}

export function recordingFeature(k: Kernel, d: RecordingNeeds) {
  const projection = new RecordingProjection();
  const core: RecordingCore & Pick<Kernel, "onEvent"> = {
    ...k,
    catalogue: d.catalogue,
    access: d.access,
    control: d.alarms.plane,
    sessions: d.sessions,
    tokens: d.tokens,
    recording: projection,
  };
  const handle = later<RecordingHandle>("recording (before the gateway started it)");
  const running = handle.get;
  let device: DeviceRecordings | null = null;
  return {
    name: "recording",
    projection,
    state: projection,
    get handle() {
      return running();
    },
    /** The cameras' own recorders (GB NVRs), once the GB feature runs. */
    useDevice(d: DeviceRecordings) {
      device = d;
    },
    async start(rt) {
      const h = await wireRecording({ core, registry: rt.media, device: () => device });
      handle.set(h);
      return async () => {
        handle.clear();
        await h.close();
      };
    },
    routes(app, rt) {
      const http = { core, recording: running().feature, metrics: rt.metrics, device: () => device };
      recordingRoutes(app, http);
      recordingFileRoutes(app, http);
      recordingPlanRoutes(app, http);
    },
  } satisfies Feature & {
    projection: RecordingProjection;
    readonly handle: RecordingHandle;
    useDevice(d: DeviceRecordings): void;
  };
}
