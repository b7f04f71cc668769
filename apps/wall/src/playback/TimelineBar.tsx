// A camera's 24-hour timeline: recorded spans as bars — the gateway's, and below them in their own colour
// what the camera's device (GB NVR) holds — alarm markers, hour ticks, the playing position; a click plays
// from that moment (or from where footage resumes after it), from the device where the gateway has none.
import type { RecordingsResponse } from "@cw/protocol";
import type { MouseEvent } from "react";
import { useStore } from "zustand";
import { catalogueStore } from "../console/catalogueStore";
import { cameraCaption } from "../console/wallActions";
import { label } from "../duty/labels";
import { useT } from "../i18n/useT";
import { useBureauFormat } from "../time/clockStore";
import { bars, type DayWindow, position, timeAt } from "./timeline";

export interface TimelineBarProps {
  cameraId: string;
  day: DayWindow;
  timeline: RecordingsResponse | undefined;
  cursor: number;
  onSeek: (ms: number) => void;
}

const hours = [0, 3, 6, 9, 12, 15, 18, 21];

export function TimelineBar({ cameraId, day, timeline, cursor, onSeek }: TimelineBarProps) {
  const t = useT();
  const fmt = useBureauFormat();
  // Re-render when the catalogue (names) arrives: the caption reads it.
  useStore(catalogueStore, (s) => s.index);
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    onSeek(timeAt((e.clientX - box.left) / box.width, day));
  };
  const pct = (x: number) => `${(x * 100).toFixed(3)}%`;
  return (
    <div className="pb-timeline-row">
      <span className="pb-timeline-name">{cameraCaption(cameraId).name}</span>
      <div
        className="pb-timeline"
        data-testid={`pb-timeline-${cameraId}`}
        data-from={day.from}
        data-to={day.to}
        onClick={onClick}
        role="slider"
        aria-label={t("pb.timeline")}
        aria-valuemin={day.from}
        aria-valuemax={day.to}
        aria-valuenow={cursor}
        aria-valuetext={fmt.dateTime(cursor)}
        tabIndex={0}
      >
        {hours.map((h) => (
          <span key={h} className="pb-hour" style={{ left: pct(h / 24) }}>
            {String(h).padStart(2, "0")}
          </span>
        ))}
        {bars(timeline?.spans ?? [], day).map((b) => (
          <span
            key={b.from}
            className="pb-span"
            data-testid="pb-span"
            style={{ left: pct(b.left), width: pct(b.width) }}
            title={`${fmt.time(b.from)} – ${fmt.time(b.to)}`}
          />
        ))}
        {bars(timeline?.deviceSpans ?? [], day).map((b) => (
          <span
            key={`d${b.from}`}
            className="pb-device-span"
            data-testid="pb-device-span"
            data-from={b.from}
            data-to={b.to}
            style={{ left: pct(b.left), width: pct(b.width) }}
            title={`${t("pb.legendDevice")} ${fmt.time(b.from)} – ${fmt.time(b.to)}`}
          />
        ))}
        {timeline?.deviceError !== undefined && (
          <span className="pb-device-error" data-testid="pb-device-error" title={timeline.deviceError}>
            {t("pb.deviceUnavailable")}
          </span>
        )}
        {(timeline?.alarms ?? []).map((a) => (
          <span
            key={a.id}
            className="pb-alarm"
            data-testid="pb-alarm"
            style={{ left: pct(position(a.at, day)) }}
            title={`${fmt.time(a.at)} ${label(t, "alarmType", a.type)}`}
          />
        ))}
        {(timeline?.findings ?? []).map((f) => (
          <span
            key={f.id}
            className="pb-finding"
            data-testid="pb-finding"
            style={{ left: pct(position(f.at, day)) }}
            title={`${fmt.time(f.at)} ${t("pb.finding")}: ${f.note}`}
          />
        ))}
        <span className="pb-cursor" style={{ left: pct(position(cursor, day)) }} />
      </div>
    </div>
  );
}
