// A big-screen output (/screen/N): chrome-less, full-bleed wall following the gateway's state of
// screen N over the live socket (every screen arrives right after connect, then each change, tour
// pages included). While the socket is down it keeps the last picture under a clear "connection
// lost" overlay and restores itself when the socket is back. Read-only: it never writes the state.
import { useEffect } from "react";
import { loadCatalogue } from "../console/catalogueStore";
import { WallGrid } from "../console/WallGrid";
import { AlarmTileOverlay } from "../duty/AlarmTileOverlay";
import { useT } from "../i18n/useT";
import { useLive } from "../live/LiveProvider";
import { ConnState } from "../ui/ConnState";
import { fromWire } from "../wall/gatewayWallClient";

export function Screen({ n }: { n: number }) {
  const t = useT();
  const wire = useLive((s) => s.wallScreens[n]);
  const conn = useLive((s) => s.conn);
  // "No such screen" only once the snapshot of the other screens has arrived (they follow hello).
  const known = useLive((s) => Object.keys(s.wallScreens).length > 0);
  useEffect(() => {
    void loadCatalogue();
  }, []);
  useEffect(() => {
    document.title = `${t("screen.title", { n })} · ${t("app.title")}`;
  }, [n, t]);
  const lost = conn === "reconnecting" || conn === "closed";
  const cameras = wire?.tiles.filter((c): c is string => c !== null) ?? [];
  return (
    <div
      className="screen-output"
      data-testid={`screen-${n}`}
      data-conn={conn}
      data-version={wire?.version ?? ""}
      data-updated-at={wire?.updatedAt ?? ""}
      data-layout={wire?.layoutId ?? ""}
      data-cameras={cameras.join(",")}
      data-tour-step={wire?.tour?.step ?? ""}
    >
      {wire ? (
        <WallGrid
          screen={fromWire(wire)}
          interactive={false}
          alarmCameraId={wire.alarmTile?.highlight ? wire.alarmTile.cameraId : null}
          withheld={wire.withheld ?? []}
        />
      ) : (
        known && <div className="screen-missing">{t("screen.none", { n })}</div>
      )}
      {wire && <AlarmTileOverlay screen={wire} />}
      {lost && (
        <div className="screen-offline" data-testid="screen-offline" role="alert">
          <div className="screen-offline-box">{t("screen.offline")}</div>
        </div>
      )}
      <div className="screen-corner">
        <ConnState />
      </div>
    </div>
  );
}
