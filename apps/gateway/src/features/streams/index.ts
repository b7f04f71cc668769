// Live video for the wall: a signed play URL per session, camera and variant; the LL-HLS edge that
// checks it on every request (sliding TTL) and logs the first playlist of a view (view.started); stream
// health over HTTP and on the live `stream.health` topic (a snapshot on connect, then changes).
import type { StreamHealth } from "@cw/protocol";
import { TokenUse } from "../../auth/hlsToken";
import type { SessionStore } from "../../auth/sessions";
import type { CameraAccess } from "../cameraGroups/access";
import type { CatalogueStore } from "../catalogue/store";
import type { Feature, Kernel } from "../feature";
import { streamsRoutes, visibleHealth } from "./healthRoutes";
import { hlsRoutes } from "./hlsRoutes";
import { playRoutes } from "./playRoutes";

export function streamsFeature(
  k: Kernel,
  d: { sessions: SessionStore; catalogue: CatalogueStore; access: CameraAccess },
) {
  const tokens = new TokenUse(k.config.hlsTokenTtlS * 1000, k.now);
  let health: (() => StreamHealth[]) | null = null;
  return {
    name: "streams",
    tokens,
    start(rt) {
      health = () => rt.media.health();
      const off = rt.media.onHealth((changed) =>
        rt.publish((session) => {
          const data = visibleHealth(d, session, changed);
          return data.length > 0 ? { topic: "stream.health", data } : null;
        }),
      );
      return () => {
        off();
        health = null;
      };
    },
    live: {
      attached(session, send) {
        if (health !== null) send({ topic: "stream.health", data: visibleHealth(d, session, health()) });
      },
    },
    routes(app, rt) {
      const deps = {
        ...k,
        catalogue: d.catalogue,
        access: d.access,
        sessions: d.sessions,
        tokens,
        media: rt.media,
        metrics: rt.metrics,
      };
      playRoutes(app, deps);
      hlsRoutes(app, deps);
      streamsRoutes(app, deps);
    },
    close: () => tokens.close(),
  } satisfies Feature & { tokens: TokenUse };
}
