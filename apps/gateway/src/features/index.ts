// THE list of the gateway's features, in the order they fold, open and start (later ones may lean on
// earlier ones, passed explicitly). Adding a feature: its folder, and one line here.
import { recordingFeature } from "../recording";
import { alarmsFeature } from "./alarms";
import { auditFeature } from "./audit";
import { cameraGroupsFeature } from "./cameraGroups";
import { catalogueFeature } from "./catalogue";
import type { Feature, Kernel } from "./feature";
import { inspectionFeature } from "./inspection";
import { ordersFeature } from "./orders";
import { overviewFeature } from "./overview";
import { sessionsFeature } from "./sessions";
import { streamsFeature } from "./streams";
import { uplinkFeature } from "./uplink";
import { usersFeature } from "./users";
import { wallFeature } from "./wall";

export function makeFeatures(k: Kernel) {
  const users = usersFeature(k);
  const sessions = sessionsFeature(k, { users: users.directory, common: users.common });
  const cameraGroups = cameraGroupsFeature(k, { catalogue: () => catalogue.store, users: users.directory });
  const { access } = cameraGroups;
  const catalogue = catalogueFeature(k, { access });
  const audit = auditFeature(k, { catalogue: catalogue.store, access, users: users.directory });
  const wall = wallFeature(k, { catalogue: catalogue.store, access });
  const alarms = alarmsFeature(k, { catalogue: catalogue.store, wall, access });
  const orders = ordersFeature(k, { alarms, catalogue: catalogue.store });
  const inspection = inspectionFeature(k, { catalogue: catalogue.store, alarms, access });
  const overview = overviewFeature(k, { catalogue: catalogue.store, access });
  const streams = streamsFeature(k, { sessions: sessions.store, catalogue: catalogue.store, access });
  const recording = recordingFeature(k, {
    catalogue: catalogue.store,
    access,
    alarms,
    sessions: sessions.store,
    tokens: streams.tokens,
  });
  const uplink = uplinkFeature(k, { alarms, orders, catalogue: catalogue.store, users });
  const named = {
    users,
    sessions,
    cameraGroups,
    catalogue,
    audit,
    wall,
    alarms,
    orders,
    inspection,
    overview,
    streams,
    recording,
    uplink,
  };
  const list: readonly Feature[] = Object.values(named);
  return { named, list };
}

/** Every feature by name, for the composition (the HTTP gate, the media hooks) and for tests. */
export type Features = ReturnType<typeof makeFeatures>["named"];
