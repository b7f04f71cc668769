// <HlsPlayer cameraId variant>: the React shell around PlayerController. One controller (and so one
// hls.js instance) per mount and per (camera, variant); destroyed in the effect cleanup.
// Pauses when off screen, covered (`hidden` prop) or when the page is in the background.
import type { Variant } from "@cw/protocol";
import { useEffect, useRef, useState } from "react";
import { api } from "../api/endpoints";
import { useT } from "../i18n/useT";
import { cameraState } from "../live/health";
import { liveStore } from "../live/liveStore";
import { reportCapabilitiesTo } from "./codecSupport";
import { PlayerController, type PlayerStatus } from "./playerController";

// A failed report is only a missing line in the commanders' capability view: never a player error.
reportCapabilitiesTo((r) => void api.reportCapabilities(r).catch(() => {}));

export interface HlsPlayerProps {
  cameraId: string;
  /** Shown when the gateway cannot transcode this camera now (its transcoders are all busy). */
  cameraName?: string | undefined;
  variant: Variant;
  /** Covered by another tile or otherwise not to be shown: pause. */
  hidden?: boolean;
  onStatus?: (status: PlayerStatus) => void;
}

const initial: PlayerStatus = { state: "starting", latencyMs: null, codec: null };

export function HlsPlayer({ cameraId, cameraName, variant, hidden = false, onStatus }: HlsPlayerProps) {
  const t = useT();
  const videoRef = useRef<HTMLVideoElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<PlayerController | null>(null);
  const hiddenRef = useRef(hidden);
  const onScreenRef = useRef(true);
  const onStatusRef = useRef(onStatus);
  onStatusRef.current = onStatus;
  const [status, setStatus] = useState<PlayerStatus>(initial);

  useEffect(() => {
    const video = videoRef.current;
    const box = boxRef.current;
    if (!video || !box) return;
    setStatus(initial);
    onStatusRef.current?.(initial);
    const controller = new PlayerController({
      video,
      cameraId,
      variant,
      resolve: (id, v, signal, path) => api.play(id, v, signal, path),
      onStatus: (s) => {
        setStatus(s);
        onStatusRef.current?.(s);
      },
      clockOffsetMs: () => liveStore.getState().clockOffsetMs,
    });
    controllerRef.current = controller;

    onScreenRef.current = true;
    const apply = () =>
      controller.setVisible(onScreenRef.current && !hiddenRef.current && document.visibilityState === "visible");
    const observer = new IntersectionObserver((entries) => {
      const last = entries[entries.length - 1];
      if (last) onScreenRef.current = last.isIntersecting;
      apply();
    });
    observer.observe(box);
    document.addEventListener("visibilitychange", apply);

    // When the gateway reports the camera live again, retry at once rather than at the next back-off.
    let wasLive = cameraState(liveStore.getState().health[cameraId]) === "live";
    // The live catalogue removed or gave back this camera (camera groups): ask the gateway again now.
    let change = liveStore.getState().cameraChanges[cameraId];
    const unsubscribe = liveStore.subscribe((s) => {
      const live = cameraState(s.health[cameraId]) === "live";
      if (live && !wasLive) controller.nudge();
      wasLive = live;
      const next = s.cameraChanges[cameraId];
      if (next !== change) controller.recheck();
      change = next;
    });

    // Start after the next paint: a layout change (or a push to a screen) shows its new tiles, names and
    // states first, then builds the players, instead of holding the frame until every hls.js is set up.
    let startTimer: ReturnType<typeof setTimeout> | null = null;
    const frame = requestAnimationFrame(() => {
      startTimer = setTimeout(() => {
        startTimer = null;
        controller.start();
        apply();
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (startTimer !== null) clearTimeout(startTimer);
      unsubscribe();
      observer.disconnect();
      document.removeEventListener("visibilitychange", apply);
      controller.destroy();
      controllerRef.current = null;
    };
  }, [cameraId, variant]);

  useEffect(() => {
    hiddenRef.current = hidden;
    const controller = controllerRef.current;
    if (controller) controller.setVisible(onScreenRef.current && !hidden && document.visibilityState === "visible");
  }, [hidden]);

  return (
    <div className="player" ref={boxRef} data-state={status.state}>
      <video className="player-video" data-testid="player-video" ref={videoRef} muted playsInline autoPlay />
      {status.state === "unsupported" && (
        <div className="player-overlay">
          {t("player.unsupportedHint", { codec: (status.codec ?? "").toUpperCase() })}
        </div>
      )}
      {status.state === "offline" && <div className="player-overlay">{t("player.offlineHint")}</div>}
      {status.state === "transcodeFull" && (
        <div className="player-overlay" data-testid="transcode-full">
          {t("player.transcodeFull", { name: cameraName ?? cameraId })}
        </div>
      )}
      {status.state === "forbidden" && (
        <div className="player-overlay player-forbidden" data-testid="player-forbidden">
          {t("player.forbidden")}
        </div>
      )}
      {status.state === "starting" && <div className="player-spinner" />}
    </div>
  );
}
