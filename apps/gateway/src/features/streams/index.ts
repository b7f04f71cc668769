// Live video for the wall: a signed play URL per session, camera and variant; the LL-HLS edge that
// checks it on every request (sliding TTL) and logs the first playlist of a view (view.started) and, once its URL goes quiet, how long it lasted
// (view.ended); stream
// health over HTTP and on the live `stream.health` topic (a snapshot on connect, then changes).
import { userActor } from "@cw/alerts";
import type { StreamHealth } from "@cw/protocol";
import { TokenUse } from "../../auth/hlsToken";
import type { SessionStore } from "../../auth/sessions";
import type { CameraAccess } from "../cameraGroups/access";
import type { CatalogueStore } from "../catalogue/store";
import type { Feature, Kernel } from "../feature";
import { streamsRoutes, visibleHealth } from "./healthRoutes";
import { hlsRoutes } from "./hlsRoutes";
import { playRoutes } from "./playRoutes";
import { type EndedView, ViewTracker } from "./views";

/** A view ends after its play URL has been quiet this long; the tracker is swept this often. */
const VIEW_QUIET_MS = 20_000;
const VIEW_SWEEP_MS = 5_000;

export function streamsFeature(
  k: Kernel,
  d: { sessions: SessionStore; catalogue: CatalogueStore; access: CameraAccess },
) {
  const tokens = new TokenUse(k.config.hlsTokenTtlS * 1000, k.now);
  const views = new ViewTracker(VIEW_QUIET_MS, k.now);
  const logEnded = (ended: EndedView[]) =>
    ended.length === 0
      ? Promise.resolve()
      : k
          .commit(
            ended.map(({ username, startedAt, endedAt, ...v }) => ({
              type: "view.ended" as const,
              actor: userActor(username),
              data: { ...v, startedAt, durationMs: Math.max(0, endedAt - startedAt) },
            })),
          )
          .then(
            () => undefined,
            (err: unknown) => k.log.warn({ err }, "streams: view.ended not logged"),
          );
  const sweeper = setInterval(() => void logEnded(views.sweep()), VIEW_SWEEP_MS);
  sweeper.unref();
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
        views,
        media: rt.media,
        metrics: rt.metrics,
      };
      playRoutes(app, deps);
      hlsRoutes(app, deps);
      streamsRoutes(app, deps);
    },
    async close() {
      clearInterval(sweeper);
      tokens.close();
      // Features close before the log: the views still open end now.
      await logEnded(views.endAll());
    },
  } satisfies Feature & { tokens: TokenUse };
}
