// Composes recording inside the gateway — the one registration point: the media side (RecordingService
// on the stream registry, under RECORD_DIR), the evidence signing key (DATA_DIR/evidence), the fault
// bridge to the control plane, the feature the routes use, and the demo's recorded cameras. close()
// seals open files and stops timers; the gateway calls it before closing the media plane and the log.
import { join } from "node:path";
import { loadOrCreateSigningKey, RecordingService } from "@cw/recording";
import { findFfmpeg, type StreamRegistry } from "@cw/streams";
import type { Kernel } from "../features/feature";
import type { RecordingCore } from "./core";
import type { DeviceRecordings } from "./device";
import { recordingEventTypes as T } from "./events";
import { FaultBridge } from "./faults";
import { RecordingFeature } from "./service";

export interface RecordingWiring {
  core: RecordingCore & Pick<Kernel, "onEvent">;
  registry: Pick<StreamRegistry, "onSegment" | "hold" | "onHealth">;
  /** The cameras' own recorders (GB NVRs), once GB runs. */
  device?: () => DeviceRecordings | null;
}

export interface RecordingHandle {
  feature: RecordingFeature;
  media: RecordingService;
  faults: FaultBridge;
  close(): Promise<void>;
}

export const recordDirOf = (core: Pick<RecordingCore, "config">): string =>
  core.config.recordDir ?? join(core.config.dataDir, "recordings");

export async function wireRecording(w: RecordingWiring): Promise<RecordingHandle> {
  const { core } = w;
  const { config } = core;
  const root = recordDirOf(core);
  const log = core.log.child({ part: "recording" });
  let media: RecordingService | null = null;
  const faults = new FaultBridge(core, () => media);
  const key = await loadOrCreateSigningKey(join(config.dataDir, "evidence", "signing-key.pem"));
  media = await RecordingService.open({
    root,
    registry: w.registry,
    tzOffsetMin: config.rollcalls.tzOffsetMin,
    now: core.now,
    quotaBytes: config.recordMaxGb * 2 ** 30,
    defaultRetentionDays: config.recordDefaultDays,
    retentionCheckMs: config.recordCheckS * 1000,
    replay: config.recordReplay,
    onFault: (f) => faults.fault(f),
    onRecovered: () => faults.recovered(),
    log,
  });
  const feature = new RecordingFeature({
    core,
    projection: core.recording,
    media,
    key,
    exportsDir: join(root, ".exports"),
    ffmpeg: findFfmpeg().ffmpeg,
    tzOffsetMin: config.rollcalls.tzOffsetMin,
    ...(w.device ? { device: w.device } : {}),
  });
  await feature.failInterrupted();
  const unsubscribe = core.onEvent((e) => feature.onEvent(e));
  // The demo records a few cameras from its first start; a plan set later (even "off") is kept.
  const demo = config.recordDemoCameras.filter((id) => core.catalogue.camera(id) && !core.recording.plan(id));
  if (demo.length > 0)
    await core.commit(
      demo.map((id) => ({
        type: T.planSet,
        actor: "system",
        data: {
          cameraId: id,
          prisonId: core.catalogue.camera(id)!.prisonId,
          plan: { mode: "continuous", retentionDays: 7 },
        },
      })),
    );
  const opened = media;
  return {
    feature,
    media: opened,
    faults,
    async close() {
      unsubscribe();
      await faults.settled();
      await opened.close();
    },
  };
}
