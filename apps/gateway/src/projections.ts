// The core's projections, built empty (then restored from a snapshot and/or folded from the log), and
// the fingerprint of everything their folds depend on besides the log itself: a snapshot taken with
// another catalogue, screen count, time zone or secret is not used. Composition only.
import { createHash } from "node:crypto";
import { derivedPublishKey } from "./auth/secret";
import { SessionStore } from "./auth/sessions";
import type { User } from "./auth/users";
import type { Province } from "./catalogue/model";
import { CatalogueStore } from "./catalogue/store";
import type { Config } from "./config";
import { openControlPlane } from "./control/open";
import type { ControlPlane } from "./control/plane";
import { AuditIndex } from "./eventlog/audit";
import type { EventLog } from "./eventlog/types";
import { committer } from "./events/codec";
import { InspectionProjection } from "./inspection/projection";
import type { Logger } from "./log";
import { TemplateStore } from "./orders/templates";
import { OverviewProjection } from "./overview/projection";
import { RecordingProjection } from "./recording/projection";
import { SNAPSHOT_FORMAT } from "./snapshot/file";
import type { StatePart } from "./snapshot/snapshotter";
import { WallProjection } from "./wall/projection";

export interface Projections {
  sessions: SessionStore;
  catalogue: CatalogueStore;
  audit: AuditIndex;
  wallProjection: WallProjection;
  inspectionProjection: InspectionProjection;
  overview: OverviewProjection;
  templates: TemplateStore;
  control: ControlPlane;
  recording: RecordingProjection;
  /** The same objects by snapshot part name. */
  parts: Record<string, StatePart>;
}

export interface ProjectionDeps {
  config: Config;
  province: Province;
  secret: Buffer;
  users: ReadonlyMap<string, User>;
  eventLog: EventLog;
  now: () => number;
  log: Logger;
}

export function buildProjections(d: ProjectionDeps): Projections {
  const { config, log } = d;
  const sessions = new SessionStore(d.users, d.now, config.sessionTtlH * 3600_000);
  const catalogue = new CatalogueStore(
    d.province,
    (id) => derivedPublishKey(d.secret, id),
    log.child({ part: "catalogue" }),
  );
  const audit = new AuditIndex(d.eventLog);
  const wallProjection = new WallProjection(config.wallScreens);
  const inspectionProjection = new InspectionProjection();
  const overview = new OverviewProjection(config.rollcalls.tzOffsetMin);
  const templates = new TemplateStore();
  const recording = new RecordingProjection();
  const control = openControlPlane({
    config,
    province: d.province,
    catalogue,
    commit: committer(d.eventLog),
    now: d.now,
    log: log.child({ part: "control" }),
  });
  return {
    sessions,
    catalogue,
    audit,
    wallProjection,
    inspectionProjection,
    overview,
    templates,
    control,
    recording,
    parts: {
      sessions,
      catalogue,
      audit,
      wall: wallProjection,
      inspection: inspectionProjection,
      overview,
      templates,
      control: control.projection,
      recording,
    },
  };
}

export function stateFingerprint(d: Pick<ProjectionDeps, "config" | "province" | "secret">): string {
  return createHash("sha256")
    .update(
      JSON.stringify({
        format: SNAPSHOT_FORMAT,
        province: d.province,
        wallScreens: d.config.wallScreens,
        tzOffsetMin: d.config.rollcalls.tzOffsetMin,
      }),
    )
    .update(d.secret)
    .digest("hex");
}
