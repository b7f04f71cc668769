// Instant replay on a live tile (回放): step the tile back 10 s / 30 s / 2 min from the gateway's short
// buffer of every watched stream, play on from there (delayed), and return to live (回到实时) on a click or
// when the replay window ends. The tile swaps its live player for ReplayPlayer while replaying.
import type { Variant } from "@cw/protocol";
import { useEffect, useRef, useState } from "react";
import { useT } from "../i18n/useT";
import { bureauNow, useBureauFormat } from "../time/clockStore";
import { playbackApi } from "./playbackApi";
import { VodController, type VodState } from "./vodController";
import "./playback.css";

export const replayBacks = [10, 30, 120] as const;

/** The tile's replay state: seconds back, or null while live. Back to live when the camera changes. */
export function useTileReplay(cameraId: string | null): {
  back: number | null;
  start: (back: number) => void;
  stop: () => void;
} {
  const [state, setState] = useState<{ cameraId: string | null; back: number } | null>(null);
  const back = state && state.cameraId === cameraId ? state.back : null;
  return { back, start: (b) => setState({ cameraId, back: b }), stop: () => setState(null) };
}

export function ReplayMenu({ onPick }: { onPick: (back: number) => void }) {
  const t = useT();
  return (
    <span className="tile-replay-menu" title={t("replay.title")}>
      {replayBacks.map((b) => (
        <button
          key={b}
          type="button"
          data-testid={`tile-replay-${b}`}
          onClick={(e) => {
            e.stopPropagation();
            onPick(b);
          }}
        >
          {t(b >= 60 ? "replay.backMin" : "replay.backS", { n: b >= 60 ? b / 60 : b })}
        </button>
      ))}
    </span>
  );
}

export interface ReplayPlayerProps {
  cameraId: string;
  variant: Variant;
  back: number;
  onLive: () => void;
}

export function ReplayPlayer({ cameraId, variant, back, onLive }: ReplayPlayerProps) {
  const t = useT();
  const fmt = useBureauFormat();
  const videoRef = useRef<HTMLVideoElement>(null);
  const controllerRef = useRef<VodController | null>(null);
  const [state, setState] = useState<VodState>("loading");
  const [wall, setWall] = useState<number | null>(null);
  const onLiveRef = useRef(onLive);
  onLiveRef.current = onLive;

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    const c = new VodController({
      video,
      resolve: async (_target, signal) => {
        const r = await playbackApi.replay(cameraId, variant, back, signal);
        return { hls: r.hls, from: r.from, to: r.from + 10 * 60_000 };
      },
      onState: setState,
      onEnd: () => onLiveRef.current(),
    });
    controllerRef.current = c;
    c.goto(bureauNow() - back * 1000);
    const timer = setInterval(() => setWall(c.wallTime()), 500);
    return () => {
      clearInterval(timer);
      c.destroy();
      controllerRef.current = null;
    };
  }, [cameraId, variant, back]);

  return (
    <div className="player" data-state={state} data-testid="replay-player">
      <video className="player-video" data-testid="replay-video" ref={videoRef} muted playsInline />
      <span className="tile-replay-badge" data-testid="replay-badge" data-wall-ms={wall ?? ""}>
        {t("replay.badge", { n: back })}
        {wall !== null && ` · ${fmt.time(wall)}`}
      </span>
      {state === "error" && <div className="player-overlay">{t("replay.unavailable")}</div>}
      {state === "loading" && <div className="player-spinner" />}
    </div>
  );
}
