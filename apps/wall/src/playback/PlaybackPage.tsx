// /playback?cameras=a,b&t=<ms> — recorded footage of up to four cameras on one clock: 24-hour timelines
// with recorded spans and alarm markers (click to seek), speed 1×/2×/4×/8×, ±1 frame, a date picker in
// the bureau's calendar, and the evidence of the first camera. The duty console opens it at an alarm's
// time. The model lives in usePlayback; these are its views.
import { useEffect } from "react";
import { loadCatalogue } from "../console/catalogueStore";
import { useT } from "../i18n/useT";
import { Legend } from "../ui/Legend";
import { EvidencePanel } from "./EvidencePanel";
import { PlaybackControls } from "./PlaybackControls";
import { PlaybackTile } from "./PlaybackTile";
import { TimelineBar } from "./TimelineBar";
import { usePlayback } from "./usePlayback";
import "./playback.css";

function initialFromUrl(): { cameras: string[]; at: number | null } {
  const q = new URLSearchParams(location.search);
  const cameras = (q.get("cameras") ?? "").split(",").filter((c) => /^[A-Za-z0-9_-]{1,64}$/.test(c));
  const t = Number(q.get("t"));
  return { cameras, at: Number.isFinite(t) && t > 0 ? t : null };
}

export function PlaybackPage() {
  const t = useT();
  const model = usePlayback(initialFromUrl());
  useEffect(() => {
    void loadCatalogue();
  }, []);
  const lead = model.cameras[0];
  return (
    <div className="page pb-page" data-testid="playback-page">
      <PlaybackControls model={model} />
      {model.cameras.length === 0 ? (
        <p className="pb-empty">{t("pb.pickCamera")}</p>
      ) : (
        <div className={`pb-grid pb-grid-${model.cameras.length}`}>
          {model.cameras.map((id) => (
            <PlaybackTile key={id} cameraId={id} model={model} />
          ))}
        </div>
      )}
      <div className="pb-timelines">
        {model.cameras.map((id) => (
          <TimelineBar
            key={id}
            cameraId={id}
            day={model.day}
            timeline={model.timelines[id]}
            cursor={model.cursor}
            onSeek={model.seek}
          />
        ))}
        {model.cameras.length > 0 && (
          <Legend
            testId="pb-legend"
            items={[
              { tone: "pb-tone-recorded", label: t("pb.legendRecorded") },
              ...(model.cameras.some((id) => model.timelines[id]?.deviceSpans !== undefined)
                ? [{ tone: "pb-tone-device", label: t("pb.legendDevice") }]
                : []),
              { tone: "pb-tone-alarm", label: t("pb.legendAlarm") },
              { tone: "pb-tone-finding", label: t("pb.legendFinding") },
              { tone: "pb-tone-cursor", label: t("pb.legendCursor") },
            ]}
          />
        )}
      </div>
      {lead && <EvidencePanel cameraId={lead} cursor={model.cursor} onPlay={model.seek} />}
    </div>
  );
}
