// Controls of the running tour: previous, pause/resume, next, stop, and which page is up.
import { useEffect } from "react";
import { useStore } from "zustand";
import { useT } from "../i18n/useT";
import { msUntilTurn } from "../wall/tour";
import { consoleStore } from "./consoleStore";
import { toursStore } from "./toursStore";
import { stepRunningTour, stopTour } from "./wallActions";

/** Drives the running tour's clock: one timer to the next page turn, re-armed after each step. */
export function useTourClock(): void {
  const run = useStore(consoleStore, (s) => s.tourRun);
  const tours = useStore(toursStore, (s) => s.tours);
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

export function TourBar() {
  const t = useT();
  const run = useStore(consoleStore, (s) => s.tourRun);
  const tour = useStore(toursStore, (s) => s.tours.find((x) => x.id === run?.tourId));
  if (!run || !tour) return null;
  const { page, pageCount, paused } = run.state;
  return (
    <div className="tour-bar" data-testid="tour-bar" data-paused={paused}>
      <span className="tour-bar-name">{t("tour.running", { name: tour.name })}</span>
      <span className="muted">{t("tour.page", { page: page + 1, count: pageCount })}</span>
      <button type="button" className="btn btn-small" data-testid="tour-prev" onClick={() => stepRunningTour("prev")}>
        {t("tour.prev")}
      </button>
      <button
        type="button"
        className="btn btn-small"
        data-testid="tour-pause"
        onClick={() => stepRunningTour(paused ? "resume" : "pause")}
      >
        {paused ? t("tour.resume") : t("tour.pause")}
      </button>
      <button type="button" className="btn btn-small" data-testid="tour-next" onClick={() => stepRunningTour("next")}>
        {t("tour.next")}
      </button>
      <button type="button" className="btn btn-small btn-ghost" data-testid="tour-stop" onClick={stopTour}>
        {t("tour.stop")}
      </button>
    </div>
  );
}
