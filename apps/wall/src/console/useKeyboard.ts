// Console keys: digits pick layouts, F toggles full screen of the selected tile, Esc leaves it,
// arrows step a running tour. Ignored while typing in a field.
import { useEffect } from "react";
import { layoutForDigit } from "../wall/layouts";
import { consoleStore, wallStore } from "./consoleStore";
import { refreshTourPage, stepViewTour } from "./wallActions";

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return (
    !!el && (el.tagName === "INPUT" || el.tagName === "SELECT" || el.tagName === "TEXTAREA" || el.isContentEditable)
  );
}

export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      // Arrows inside the tree move through the tree, not the tour.
      if (e.key.startsWith("Arrow") && (e.target as HTMLElement | null)?.closest?.('[role="tree"]')) return;
      const ui = consoleStore.getState();
      const layoutId = layoutForDigit(e.key);
      if (layoutId) {
        wallStore.getState().dispatch({ type: "setLayout", screen: ui.screen, layoutId });
        consoleStore.setState({ maximisedTile: null });
        refreshTourPage();
      } else if (e.key === "f" || e.key === "F") {
        const tile = ui.selectedTile ?? 0;
        consoleStore.setState({ maximisedTile: ui.maximisedTile === null ? tile : null });
      } else if (e.key === "Escape") {
        consoleStore.setState({ maximisedTile: null });
      } else if (e.key === "ArrowRight" || e.key === "ArrowDown") {
        stepViewTour("next");
      } else if (e.key === "ArrowLeft" || e.key === "ArrowUp") {
        stepViewTour("prev");
      } else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
