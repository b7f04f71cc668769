// One tile of the wall: a camera's player with its path, name, state and latency, or an empty
// drop target. Drop a camera to place it, a group to fill free tiles, another tile to swap. Maximised, a PTZ
// camera gets its PTZ controls (ptz/PtzPanel).
import type { Variant } from "@cw/protocol";
import { type CSSProperties, type DragEvent, useState } from "react";
import { useStore } from "zustand";
import { useT } from "../i18n/useT";
import { cameraState } from "../live/health";
import { useLive } from "../live/LiveProvider";
import { ReplayMenu, ReplayPlayer, useTileReplay } from "../playback/TileReplay";
import { HlsPlayer } from "../player/HlsPlayer";
import type { PlayerStatus } from "../player/playerController";
import { PtzPanel } from "../ptz/PtzPanel";
import { isPtzCamera } from "../ptz/ptzModel";
import { useCan } from "../session/useCan";
import { catalogueStore } from "./catalogueStore";
import { isWallDrag, readDrop, startTileDrag } from "./dnd";
import { cameraCaption, placeNode } from "./wallActions";

export interface TileProps {
  index: number;
  cameraId: string | null;
  style: CSSProperties;
  variant: Variant;
  selected: boolean;
  maximised: boolean;
  covered: boolean;
  /** Read-only tiles (big-screen outputs) do not take clicks or drops. */
  interactive: boolean;
  /** Highlighted by an unacknowledged alarm. */
  alarm?: boolean;
  /** A camera is here that this reader may not see (the gateway withheld it): 无权查看, not an empty tile. */
  withheld?: boolean;
  onSelect?: (index: number) => void;
  onToggleMaximise?: (index: number) => void;
  onSwap?: (from: number, to: number) => void;
  onClear?: (index: number) => void;
}

const idle: PlayerStatus = { state: "starting", latencyMs: null, codec: null };

export function Tile(props: TileProps) {
  const { index, cameraId, style, variant, selected, maximised, covered, interactive } = props;
  const { alarm = false, withheld = false } = props;
  const t = useT();
  const [status, setStatus] = useState<PlayerStatus>(idle);
  const [dropping, setDropping] = useState(false);
  // Instant replay (回放): the tile steps back in time until "回到实时".
  const replay = useTileReplay(cameraId);
  const canReplay = useCan("recordings.view") && interactive;
  // PTZ controls on a maximised tile of a PTZ camera, for whoever the policy table lets steer.
  const canPtz = useCan("cameras.ptz") && interactive && maximised;
  const ptz = useStore(catalogueStore, (s) => canPtz && cameraId !== null && isPtzCamera(s.cameras.get(cameraId)));
  // Subscribe to the catalogue so captions appear once the tree arrives.
  useStore(catalogueStore, (s) => s.index);
  const caption = cameraId ? cameraCaption(cameraId) : null;
  // The gateway knows first when a source is gone (its health says offline): the tile says so at once
  // instead of "stalled" until its own watchdog gives up; the fraction of a second still buffered does
  // not make the camera live. The player is nudged to start again when the health turns live.
  const sourceOffline = useLive((s) => cameraId !== null && cameraState(s.health[cameraId]) === "offline");
  const shown = sourceOffline && status.state !== "unsupported" ? "offline" : status.state;
  const state = cameraId ? shown : withheld ? "withheld" : "empty";

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDropping(false);
    const payload = readDrop(e);
    if (!payload) return;
    if (payload.kind === "tile") props.onSwap?.(payload.index, index);
    else if (payload.nodeKind === "camera") placeNode(payload.id, index);
    else placeNode(payload.id);
  };

  const classes = [
    "tile",
    alarm && "alarm",
    selected && "selected",
    maximised && "maximised",
    covered && "covered",
    dropping && "drop",
  ]
    .filter(Boolean)
    .join(" ");

  return (
    <div
      className={classes}
      style={style}
      data-testid={`tile-${index}`}
      data-camera-id={cameraId ?? ""}
      data-state={state}
      data-variant={cameraId ? variant : ""}
      data-alarm={alarm}
      draggable={interactive && cameraId !== null}
      onDragStart={(e) => startTileDrag(e, index)}
      onDragOver={(e) => {
        if (!interactive || !isWallDrag(e)) return;
        e.preventDefault();
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={interactive ? onDrop : undefined}
      onClick={() => props.onSelect?.(index)}
      onDoubleClick={() => props.onToggleMaximise?.(index)}
    >
      {cameraId && replay.back !== null ? (
        <ReplayPlayer cameraId={cameraId} variant={variant} back={replay.back} onLive={replay.stop} />
      ) : cameraId ? (
        <HlsPlayer
          key={`${cameraId}/${variant}`}
          cameraId={cameraId}
          cameraName={caption?.name}
          variant={variant}
          hidden={covered}
          onStatus={setStatus}
        />
      ) : withheld ? (
        <div className="tile-empty tile-withheld" data-testid={`tile-withheld-${index}`}>
          {t("tile.withheld")}
        </div>
      ) : (
        <div className="tile-empty">{interactive ? t("tile.empty") : ""}</div>
      )}
      {ptz && cameraId && replay.back === null && <PtzPanel key={cameraId} cameraId={cameraId} />}
      {alarm && (
        <div className="tile-alarm" data-testid="tile-alarm">
          {t("screen.alarm")}
        </div>
      )}
      <div className="tile-bar">
        <span className="tile-index">{index + 1}</span>
        {caption && (
          <span
            className="tile-caption"
            title={[caption.prison, caption.path, caption.name].filter(Boolean).join(" › ")}
          >
            {caption.prison && <span className="tile-prison">{caption.prison} › </span>}
            {caption.path && <span className="tile-path">{caption.path} › </span>}
            <span className="tile-name">{caption.name}</span>
          </span>
        )}
        {cameraId && (
          <span className={`badge badge-${state}`} data-testid="player-state" data-state={state}>
            {t(`state.${shown}`)}
          </span>
        )}
        {cameraId && status.state === "live" && status.latencyMs !== null && (
          <span className="latency" data-testid="player-latency">
            {t("player.latency", { s: (status.latencyMs / 1000).toFixed(1) })}
          </span>
        )}
        {cameraId && <span className="variant">{t(`player.variant.${variant}`)}</span>}
        {cameraId && status.codec === "h265" && status.path && (
          <span className="variant" data-testid="player-path" data-path={status.path}>
            {status.path === "transcode"
              ? t("player.path.transcode")
              : t("player.path.passthrough", { codec: "H.265" })}
          </span>
        )}
        {canReplay && cameraId && replay.back === null && <ReplayMenu onPick={replay.start} />}
        {canReplay && cameraId && replay.back !== null && (
          <button
            type="button"
            className="tile-live-button"
            data-testid="tile-live"
            onClick={(e) => {
              e.stopPropagation();
              replay.stop();
            }}
          >
            {t("replay.live")}
          </button>
        )}
        {interactive && cameraId && (
          <button
            type="button"
            className="tile-clear"
            data-testid={`tile-clear-${index}`}
            title={t("tile.clear")}
            onClick={(e) => {
              e.stopPropagation();
              props.onClear?.(index);
            }}
          >
            ×
          </button>
        )}
      </div>
    </div>
  );
}
