// Controls of the tour on the view being edited: previous, pause/resume, next, stop, and which page
// is up. On a followed output screen the tour runs in the gateway (the bar sends its controls and
// shows the pushed position); on the console's own view it runs here, driven by useTourClock.
import type { TourView } from "@cw/protocol";
import { useEffect } from "react";
import { useStore } from "zustand";
import { useT } from "../i18n/useT";
import { useLive } from "../live/LiveProvider";
import { msUntilTurn } from "../wall/tour";
import { consoleStore } from "./consoleStore";
import { presetsStore } from "./presetsStore";
import { controlScreenTour, isOutput } from "./screenActions";
import { stepRunningTour, stopTour } from "./wallActions";

/** Drives the local tour's clock: one timer to the next page turn, re-armed after each step. */
export function useTourClock(): void {
  const run = useStore(consoleStore, (s) => s.tourRun);
  const tours = useStore(presetsStore, (s) => s.tours);
  useEffect(() => {
    if (!run) return;
    const tour = tours.find((x) => x.id === run.tourId);
    if (!tour) return;
    const wait = msUntilTurn(run.state, tour.dwellMs, Date.now());
    if (wait === null) return;
    const timer = setTimeout(() => stepRunningTour("tick"), wait + 20);
    return () => clearTimeout(timer);
  }, [run, tours]);
}

interface BarProps {
  name: string;
  page: number;
  pageCount: number;
  paused: boolean;
  onCommand: (command: "prev" | "next" | "pause" | "resume" | "stop") => void;
}

function Bar({ name, page, pageCount, paused, onCommand }: BarProps) {
  const t = useT();
  return (
    <div className="tour-bar" data-testid="tour-bar" data-paused={paused} data-page={page}>
      <span className="tour-bar-name">{t("tour.running", { name })}</span>
      <span className="muted">{t("tour.page", { page: page + 1, count: pageCount })}</span>
      <button type="button" className="btn btn-small" data-testid="tour-prev" onClick={() => onCommand("prev")}>
        {t("tour.prev")}
      </button>
      <button
        type="button"
        className="btn btn-small"
        data-testid="tour-pause"
        onClick={() => onCommand(paused ? "resume" : "pause")}
      >
        {paused ? t("tour.resume") : t("tour.pause")}
      </button>
      <button type="button" className="btn btn-small" data-testid="tour-next" onClick={() => onCommand("next")}>
        {t("tour.next")}
      </button>
      <button
        type="button"
        className="btn btn-small btn-ghost"
        data-testid="tour-stop"
        onClick={() => onCommand("stop")}
      >
        {t("tour.stop")}
      </button>
    </div>
  );
}

function ScreenTourBar({ n, tourId, view }: { n: number; tourId: string; view: TourView }) {
  const name = useStore(presetsStore, (s) => s.tours.find((x) => x.id === tourId)?.name ?? tourId);
  return (
    <Bar
      name={name}
      page={view.step}
      pageCount={view.steps}
      paused={view.paused}
      onCommand={(action) => void controlScreenTour(n, { action })}
    />
  );
}

export function TourBar() {
  const screen = useStore(consoleStore, (s) => s.screen);
  const wire = useLive((s) => s.wallScreens[screen]);
  const run = useStore(consoleStore, (s) => s.tourRun);
  const tour = useStore(presetsStore, (s) => s.tours.find((x) => x.id === run?.tourId));
  if (isOutput(screen)) {
    if (!wire?.tour || wire.tourId === null) return null;
    return <ScreenTourBar n={screen} tourId={wire.tourId} view={wire.tour} />;
  }
  if (!run || !tour) return null;
  return (
    <Bar
      name={tour.name}
      page={run.state.page}
      pageCount={run.state.pageCount}
      paused={run.state.paused}
      onCommand={(command) => (command === "stop" ? stopTour() : stepRunningTour(command))}
    />
  );
}
