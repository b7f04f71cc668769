// Alarms and roll calls — the control plane in the gateway: one ControlState (alarms, roll calls,
// obligations, orders) folded from the log, the feeds prison systems post to, the duty console's and
// the roll-call board's routes, the obligation clock, stream health → video-loss alarms, alarms onto
// the wall's alarm tile, and the live `alarm`, `rollcall.board` and `obligation` topics.
import { can, type LiveMessage, scopeOf } from "@cw/protocol";
import { canSeePrison } from "../../auth/guard";
import type { Session } from "../../auth/sessions";
import type { CameraAccess } from "../cameraGroups/access";
import type { CatalogueStore } from "../catalogue/store";
import type { Feature, Kernel } from "../feature";
import type { WallFeature } from "../wall";
import { alarmRoutes } from "./alarmRoutes";
import { feedRoutes } from "./feeds/routes";
import { openControlPlane } from "./open";
import type { ControlPlane } from "./plane";
import { rollcallRoutes } from "./rollcallRoutes";
import { alarmSight } from "./sight";

export function alarmsFeature(
  k: Kernel,
  d: { catalogue: CatalogueStore; wall: WallFeature; access: Pick<CameraAccess, "visible"> },
) {
  const sight = alarmSight(d.access, (id) => d.catalogue.camera(id)?.name);
  const plane = openControlPlane({
    config: k.config,
    province: k.province,
    catalogue: d.catalogue,
    commit: k.commit,
    now: k.now,
    log: k.log.child({ part: "control" }),
  });
  return {
    name: "alarms",
    plane,
    state: {
      fold: (e) => plane.fold(e),
      snapshot: () => plane.projection.snapshot(),
      restore: (data) => plane.projection.restore(data),
    },
    /** After the replay: live pushes, the wall's alarm tile and the obligation clock start. */
    open: () => plane.start(d.wall.service),
    start(rt) {
      const offLive = plane.onLive((msg, prisonId) => {
        const needs = msg.topic === "rollcall.board" ? "rollcalls.view" : "alarms.view";
        // One withheld variant per message, shared by every socket outside the camera's groups (the hub
        // serialises each message object once).
        let withheld: LiveMessage | null = null;
        const shown = (s: Session): LiveMessage => {
          if (msg.topic !== "alarm" || sight.sees(s, msg.data)) return msg;
          withheld ??= { topic: "alarm", data: sight.withheld(msg.data) };
          return withheld;
        };
        // A bureau-level obligation (prisonId null) reaches province-wide roles only.
        rt.publish((s) =>
          can(s.user.role, needs) && (prisonId === null ? scopeOf(s) === null : canSeePrison(s, prisonId))
            ? shown(s)
            : null,
        );
      });
      const offHealth = plane.watchHealth(rt.media);
      return async () => {
        offLive();
        await offHealth();
      };
    },
    routes(app) {
      alarmRoutes(app, { control: plane, now: k.now, sight });
      rollcallRoutes(app, { control: plane });
      feedRoutes(app, { control: plane, catalogue: d.catalogue, config: k.config, now: k.now, log: k.log });
    },
    close: () => plane.close(),
  } satisfies Feature & { plane: ControlPlane };
}

export type AlarmsFeature = ReturnType<typeof alarmsFeature>;
