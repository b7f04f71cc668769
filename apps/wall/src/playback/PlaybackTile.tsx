// One camera on the playback page: a <video> driven by its VodController, registered with the page's
// model (which keeps every tile on one clock), with the camera's name and its state. The controller is
// made once per camera and destroyed on unmount.
import { useEffect, useRef, useState } from "react";
import { useStore } from "zustand";
import { catalogueStore } from "../console/catalogueStore";
import { cameraCaption } from "../console/wallActions";
import { useT } from "../i18n/useT";
import type { PlaybackModel } from "./usePlayback";
import { VodController, type VodState } from "./vodController";

export function PlaybackTile({ cameraId, model }: { cameraId: string; model: PlaybackModel }) {
  const t = useT();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<VodState>("loading");
  // The controller outlives renders; it reads the model's latest resolver, cursor and speed through refs.
  const latest = useRef(model);
  latest.current = model;

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    const m = latest.current;
    const c = new VodController({
      video,
      resolve: (target, signal) => latest.current.resolve(cameraId, target, signal),
      onState: setState,
    });
    c.setRate(m.rate);
    c.setPlaying(m.playing);
    c.goto(m.cursor);
    m.register(cameraId, c);
    return () => {
      latest.current.register(cameraId, null);
      c.destroy();
    };
  }, [cameraId]);

  // Re-render when the catalogue (names) arrives: a camera without footage gives no other update.
  useStore(catalogueStore, (s) => s.index);
  const caption = cameraCaption(cameraId);
  return (
    <div className="pb-tile" data-testid={`pb-tile-${cameraId}`} data-state={state}>
      <video ref={videoRef} className="pb-video" data-testid="pb-video" data-camera-id={cameraId} muted playsInline />
      <div className="pb-tile-bar">
        <span className="pb-tile-name" title={[caption.prison, caption.path, caption.name].filter(Boolean).join(" › ")}>
          {caption.prison && `${caption.prison} › `}
          {caption.name}
        </span>
        <span className={`badge pb-state-${state}`}>{t(`pb.state.${state}`)}</span>
        <button type="button" className="pb-remove" title={t("pb.remove")} onClick={() => model.removeCamera(cameraId)}>
          ×
        </button>
      </div>
      {state === "empty" && <div className="pb-overlay">{t("pb.nothing")}</div>}
    </div>
  );
}
