// The wall: every output screen's state (layout, tiles, running tour, alarm tile) and the presets,
// folded from the log; the service that plans and logs changes and runs tours; the screen and preset
// routes; the live `wall.screen` (wall.view holders) and `preset` (scoped per prison) topics.
import { randomBytes } from "node:crypto";
import { can, type LiveMessage, type ScreenState } from "@cw/protocol";
import type { CameraAccess } from "../cameraGroups/access";
import type { CatalogueStore } from "../catalogue/store";
import type { Feature, Kernel } from "../feature";
import { later } from "../later";
import { wallCatalogue } from "./catalogueView";
import { presetRoutes } from "./presetRoutes";
import { WallProjection } from "./projection";
import { scopePreset, scopeScreen } from "./scope";
import { wallRoutes } from "./screenRoutes";
import { WallService } from "./service";
import { sightOf } from "./sight";

export function wallFeature(k: Kernel, d: { catalogue: CatalogueStore; access: CameraAccess }) {
  const projection = new WallProjection(k.config.wallScreens);
  const catalogue = wallCatalogue(d.catalogue, d.access);
  /** The service exists once the log is replayed (it schedules tours from the folded state). */
  const opened = later<WallService>("the wall's service");
  const service = opened.get;
  return {
    name: "wall",
    projection,
    get service() {
      return service();
    },
    state: projection,
    open() {
      opened.set(
        new WallService({
          projection,
          catalogue,
          commit: k.commit,
          onEvent: k.onEvent,
          now: k.now,
          alarmRule: k.config.wallAlarm,
          newPresetId: () => `p-${randomBytes(4).toString("hex")}`,
        }),
      );
    },
    start(rt) {
      const pushScreen = (screen: ScreenState) => {
        // Sessions that see the same tiles share one message (the hub serialises each object once).
        const variants = new Map<string, LiveMessage>();
        rt.publish((s) => {
          if (!can(s.user.role, "wall.view")) return null;
          const data = scopeScreen(screen, sightOf(s, d.catalogue, d.access));
          const key = `${data.withheld?.join(",") ?? ""}|${data.alarmTile === null}`;
          const known = variants.get(key);
          if (known !== undefined) return known;
          const msg: LiveMessage = { topic: "wall.screen", data };
          variants.set(key, msg);
          return msg;
        });
      };
      const offScreen = service().onScreen(pushScreen);
      // A camera group changed: every screen again, as each session may now see it.
      const offGroups = k.onEvent((e) => {
        if (e.type.startsWith("cameraGroup.")) for (const screen of service().screens()) pushScreen(screen);
      });
      const offPreset = service().onPreset((id, preset) =>
        rt.publish((s) =>
          can(s.user.role, "cameras.view")
            ? {
                topic: "preset",
                data: { id, preset: preset && scopePreset(preset, sightOf(s, d.catalogue, d.access), catalogue) },
              }
            : null,
        ),
      );
      return () => {
        offScreen();
        offGroups();
        offPreset();
      };
    },
    live: {
      attached(session, send) {
        if (!can(session.user.role, "wall.view")) return;
        const sight = sightOf(session, d.catalogue, d.access);
        for (const screen of service().screens()) send({ topic: "wall.screen", data: scopeScreen(screen, sight) });
      },
    },
    routes(app) {
      wallRoutes(app, { wall: service(), catalogue: d.catalogue, access: d.access });
      presetRoutes(app, { wall: service(), catalogue: d.catalogue, access: d.access });
    },
    close: () => opened.peek()?.close(),
  } satisfies Feature & { projection: WallProjection; service: WallService };
}

export type WallFeature = ReturnType<typeof wallFeature>;
