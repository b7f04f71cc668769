// The big screen's alarm tile: the camera of the latest severe alarm (the gateway's wall state decides
// which, by the per-severity rule), shown as a framed tile over the layout's corner, flashing until the
// alarm is acknowledged and then kept, calm, until another alarm takes it or someone clears the screen.
// When the camera is already one of the layout's tiles, that tile is highlighted instead (WallGrid).
import type { ScreenState } from "@cw/protocol";
import { useT } from "../i18n/useT";
import { HlsPlayer } from "../player/HlsPlayer";
import { prisonOfCamera, useNames } from "../ui/names";
import "./duty.css";

export function AlarmTileOverlay({ screen }: { screen: ScreenState }) {
  const t = useT();
  const names = useNames();
  const tile = screen.alarmTile;
  if (tile === null || screen.tiles.includes(tile.cameraId)) return null;
  return (
    <div
      className={`alarm-tile${tile.highlight ? " flashing" : ""}`}
      data-testid="alarm-tile"
      data-camera-id={tile.cameraId}
      data-alarm-id={tile.alarmId}
      data-highlight={tile.highlight}
    >
      <div className="alarm-tile-label">
        {t("duty.alarmTile")} · {names.place(prisonOfCamera(tile.cameraId), tile.cameraId)}
      </div>
      <HlsPlayer key={tile.cameraId} cameraId={tile.cameraId} variant="sub" />
    </div>
  );
}
