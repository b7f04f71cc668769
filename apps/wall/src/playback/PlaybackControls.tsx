// The playback page's controls: date (the bureau's calendar, never the browser's zone), play/pause,
// speed 1×/2×/4×/8×, −1/+1 frame, the time on screen, and adding a camera (up to four, by name or id).
import { useState } from "react";
import { useStore } from "zustand";
import { catalogueStore } from "../console/catalogueStore";
import { useT } from "../i18n/useT";
import { shiftDate } from "../time/bureauTime";
import { bureauToday, useBureauFormat } from "../time/clockStore";
import { MAX_CAMERAS, type PlaybackModel, speeds } from "./usePlayback";

export function PlaybackControls({ model }: { model: PlaybackModel }) {
  const t = useT();
  const fmt = useBureauFormat();
  const today = bureauToday();
  const cameras = useStore(catalogueStore, (s) => s.cameras);
  const [adding, setAdding] = useState("");
  const add = () => {
    const q = adding.trim();
    const hit = cameras.get(q) ?? [...cameras.values()].find((c) => c.name === q);
    if (hit) model.addCamera(hit.id);
    setAdding("");
  };
  return (
    <div className="pb-controls">
      <div className="pb-group">
        <button
          type="button"
          className="btn"
          data-testid="pb-prev-day"
          onClick={() => model.setDate(shiftDate(model.date, -1))}
        >
          ‹
        </button>
        <input
          type="date"
          aria-label={t("pb.date")}
          data-testid="pb-date"
          value={model.date}
          max={today}
          onChange={(e) => e.target.value && model.setDate(e.target.value)}
        />
        <button
          type="button"
          className="btn"
          data-testid="pb-next-day"
          disabled={model.date >= today}
          onClick={() => model.setDate(shiftDate(model.date, 1))}
        >
          ›
        </button>
      </div>
      <div className="pb-group">
        <button type="button" className="btn" data-testid="pb-step-back" onClick={() => model.step(-1)}>
          {t("pb.frameBack")}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="pb-play"
          data-playing={model.playing}
          onClick={model.togglePlay}
        >
          {model.playing ? t("pb.pause") : t("pb.play")}
        </button>
        <button type="button" className="btn" data-testid="pb-step-forward" onClick={() => model.step(1)}>
          {t("pb.frameForward")}
        </button>
      </div>
      <div className="pb-group" title={t("pb.speed")}>
        {speeds.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={model.rate === s}
            data-testid={`pb-speed-${s}`}
            className={model.rate === s ? "btn active" : "btn"}
            onClick={() => model.setRate(s)}
          >
            {s}×
          </button>
        ))}
      </div>
      <span className="pb-clock" data-testid="pb-clock" data-ms={Math.round(model.cursor)}>
        {fmt.dateTime(model.cursor)}
      </span>
      {model.cameras.length < MAX_CAMERAS && (
        <form
          className="pb-group"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <input
            list="pb-cameras"
            aria-label={t("pb.addCamera")}
            data-testid="pb-add-input"
            placeholder={t("pb.addCamera")}
            value={adding}
            onChange={(e) => setAdding(e.target.value)}
          />
          <datalist id="pb-cameras">
            {[...cameras.values()].slice(0, 2000).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </datalist>
          <button type="submit" className="btn" data-testid="pb-add">
            {t("pb.add")}
          </button>
        </form>
      )}
    </div>
  );
}
