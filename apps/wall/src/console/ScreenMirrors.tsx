// A small live mirror of every output screen: its layout drawn in miniature with camera names (no
// video: a console must not decode every screen twice), the running tour, and per screen "follow"
// (show and edit it here, live) and "push" (send this console's view there).
import type { ScreenState as WireScreen } from "@cw/protocol";
import { useState } from "react";
import { useStore } from "zustand";
import { useT } from "../i18n/useT";
import { useLive } from "../live/LiveProvider";
import { useCan } from "../session/useCan";
import { getLayout } from "../wall/layouts";
import { catalogueStore } from "./catalogueStore";
import { consoleStore, ownView } from "./consoleStore";
import { followScreen, pushToScreen } from "./screenActions";
import { cameraCaption } from "./wallActions";
import "./screens.css";

function Mirror({ screen, following, editable }: { screen: WireScreen; following: boolean; editable: boolean }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  // Captions need the tree; re-render when it arrives.
  useStore(catalogueStore, (s) => s.index);
  const layout = getLayout(screen.layoutId);
  const cameras = screen.tiles.filter((c): c is string => c !== null);
  const alarmCamera = screen.alarmTile?.highlight ? screen.alarmTile.cameraId : null;
  return (
    <div
      className={`mirror ${following ? "following" : ""}`}
      data-testid={`screen-mirror-${screen.n}`}
      data-cameras={cameras.join(",")}
      data-layout={screen.layoutId}
      data-version={screen.version}
      data-tour-step={screen.tour?.step ?? ""}
    >
      <div className="mirror-head">
        <span className="mirror-title">{t("header.screen", { n: screen.n })}</span>
        {screen.tour && (
          <span className="mirror-tour">
            {t("tour.page", { page: screen.tour.step + 1, count: screen.tour.steps })}
          </span>
        )}
        {editable && (
          <>
            <button
              type="button"
              className={`btn btn-small ${following ? "active" : ""}`}
              data-testid={`follow-screen-${screen.n}`}
              aria-pressed={following}
              title={following ? t("screen.unfollow") : t("screen.follow")}
              onClick={() => followScreen(following ? ownView : screen.n)}
            >
              {following ? t("screen.unfollow") : t("screen.follow")}
            </button>
            <button
              type="button"
              className="btn btn-small btn-accent"
              data-testid={`push-screen-${screen.n}`}
              title={t("screen.push", { n: screen.n })}
              disabled={following}
              onClick={() => void pushToScreen(screen.n).then(setError)}
            >
              {t("screen.pushShort")}
            </button>
          </>
        )}
      </div>
      <div
        className="mirror-grid"
        style={{
          gridTemplateColumns: `repeat(${layout.cols}, minmax(0, 1fr))`,
          gridTemplateRows: `repeat(${layout.rows}, minmax(0, 1fr))`,
        }}
      >
        {layout.tiles.map((g, i) => {
          const id = screen.tiles[i] ?? null;
          return (
            <div
              // biome-ignore lint/suspicious/noArrayIndexKey: tiles are positional slots
              key={i}
              className={`mirror-tile ${id !== null && id === alarmCamera ? "alarm" : ""}`}
              style={{ gridColumn: `${g.col + 1} / span ${g.colSpan}`, gridRow: `${g.row + 1} / span ${g.rowSpan}` }}
              title={id ?? ""}
            >
              {id ? cameraCaption(id).name : ""}
            </div>
          );
        })}
      </div>
      {error && <div className="form-error small">{error}</div>}
    </div>
  );
}

export function ScreenMirrors() {
  const t = useT();
  const screens = useLive((s) => s.wallScreens);
  const following = useStore(consoleStore, (s) => s.screen);
  const editable = useCan("wall.edit");
  const list = Object.values(screens).sort((a, b) => a.n - b.n);
  if (list.length === 0) return null;
  return (
    <section className="mirrors" aria-label={t("screen.mirrors")} data-testid="screen-mirrors">
      {list.map((s) => (
        <Mirror key={s.n} screen={s} following={following === s.n} editable={editable} />
      ))}
    </section>
  );
}
