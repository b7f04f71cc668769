// The inspected block's cameras as a grid of live tiles (`inspection-tile-<i>`), each with "capture
// finding" (`finding-capture-<i>`: the tile's current frame as JPEG), and "push to screen 1".
import type { InspectionView } from "@cw/protocol";
import { useRef, useState } from "react";
import { errorText } from "../api/errorText";
import { useT } from "../i18n/useT";
import { HlsPlayer } from "../player/HlsPlayer";
import { inspectionApi } from "./api";
import { captureFrame } from "./capture";
import { screenFor } from "./model";

const PAGE = 4;

export interface Capture {
  cameraId: string;
  cameraName: string;
  snapshot: string;
}

function CameraTile(props: {
  index: number;
  camera: InspectionView["cameras"][number];
  onCapture: (c: Capture) => void;
}) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const capture = () => {
    const video = box.current?.querySelector("video");
    const snapshot = video ? captureFrame(video) : null;
    if (snapshot === null) return setProblem(t("insp.finding.noFrame"));
    setProblem(null);
    props.onCapture({ cameraId: props.camera.id, cameraName: props.camera.name, snapshot });
  };
  return (
    <div className="insp-tile" data-testid={`inspection-tile-${props.index}`} ref={box}>
      <div className="insp-tile-video">
        <HlsPlayer cameraId={props.camera.id} variant="sub" />
      </div>
      <div className="insp-tile-bar">
        <span className="insp-tile-name">{props.camera.name}</span>
        <button
          type="button"
          className="btn btn-small"
          data-testid={`finding-capture-${props.index}`}
          onClick={capture}
        >
          {t("insp.capture")}
        </button>
      </div>
      {problem && <div className="insp-problem">{problem}</div>}
    </div>
  );
}

export function CameraGrid({ ins, onCapture }: { ins: InspectionView; onCapture: (c: Capture) => void }) {
  const t = useT();
  const [pushed, setPushed] = useState<string | null>(null);
  // Four live tiles at a time: every tile is a stream pulled on demand, and the sites' links are thin.
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(ins.cameras.length / PAGE));
  const shown = ins.cameras.slice(page * PAGE, page * PAGE + PAGE);
  const push = () => {
    const { layoutId, tiles } = screenFor(ins.cameras.map((c) => c.id));
    inspectionApi.pushToScreen(1, layoutId, tiles).then(
      () => setPushed(t("insp.pushed")),
      (err: unknown) => setPushed(errorText(err)),
    );
  };
  return (
    <section className="insp-panel insp-cameras">
      <header className="insp-panel-head">
        <h2>{t("insp.cameras")}</h2>
        <button type="button" className="btn" data-testid="inspection-push" onClick={push}>
          {t("insp.push")}
        </button>
        {pushed && <span data-testid="inspection-pushed">{pushed}</span>}
        {pages > 1 && (
          <button
            type="button"
            className="btn btn-small"
            data-testid="inspection-page"
            onClick={() => setPage((p) => (p + 1) % pages)}
          >
            {t("insp.page", { n: page + 1, of: pages })}
          </button>
        )}
      </header>
      <div className="insp-grid insp-grid-2">
        {shown.map((c, k) => (
          <CameraTile key={c.id} index={page * PAGE + k} camera={c} onCapture={onCapture} />
        ))}
      </div>
    </section>
  );
}
