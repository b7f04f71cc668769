// The operator console: its toolbar (view, layouts, recall, tour, the transcode budget), the province tree and
// tours on the left, the wall of tiles on the right with a live mirror of every output screen. It
// edits its own view or a followed screen N; /screen/N follows the gateway's state of screen N.
import { useEffect } from "react";
import { useStore } from "zustand";
import { catalogueStore, loadCatalogue } from "../console/catalogueStore";
import { consoleStore, ownView, wallStore } from "../console/consoleStore";
import { LayoutPicker } from "../console/LayoutPicker";
import { PresetPanel } from "../console/PresetPanel";
import { usePresetSync } from "../console/presetsStore";
import { RecallControl } from "../console/RecallControl";
import { ScreenMirrors } from "../console/ScreenMirrors";
import { TourBar, useTourClock } from "../console/TourBar";
import { TourPanel } from "../console/TourPanel";
import { TranscodeBudget } from "../console/TranscodeBudget";
import { useKeyboard } from "../console/useKeyboard";
import { ViewSelect } from "../console/ViewSelect";
import { WallGrid } from "../console/WallGrid";
import { refreshTourPage, stopTour } from "../console/wallActions";
import { useT } from "../i18n/useT";
import { useLive } from "../live/LiveProvider";
import { TreePanel } from "../tree/TreePanel";
import type { LayoutId } from "../wall/layouts";
import { screenOf } from "../wall/wallState";

/** Re-fetches the tree when the live socket reports catalogue changes (debounced). */
function useCatalogueSync(): void {
  const changes = useLive((s) => s.cameraChanges);
  useEffect(() => {
    if (catalogueStore.getState().tree && Object.keys(changes).length === 0) return;
    const timer = setTimeout(() => void loadCatalogue(), catalogueStore.getState().tree ? 1_000 : 0);
    return () => clearTimeout(timer);
  }, [changes]);
}

export function Console() {
  const t = useT();
  const screenNo = useStore(consoleStore, (s) => s.screen);
  const selectedTile = useStore(consoleStore, (s) => s.selectedTile);
  const maximisedTile = useStore(consoleStore, (s) => s.maximisedTile);
  const screen = useStore(wallStore, (s) => screenOf(s.screens, screenNo));
  const dispatch = useStore(wallStore, (s) => s.dispatch);
  const alarm = useLive((s) => s.wallScreens[screenNo]?.alarmTile);
  // A followed output screen's tiles over cameras this user may not see say 无权查看, as on /screen/N.
  const withheld = useLive((s) => (screenNo === ownView ? undefined : s.wallScreens[screenNo]?.withheld));

  useCatalogueSync();
  useKeyboard();
  useTourClock();
  usePresetSync();
  useEffect(() => wallStore.getState().follow(screenNo), [screenNo]);

  const pickLayout = (layoutId: LayoutId) => {
    dispatch({ type: "setLayout", screen: screenNo, layoutId });
    consoleStore.setState({ maximisedTile: null });
    refreshTourPage();
  };

  return (
    <div className="page console">
      <div className="page-toolbar console-toolbar">
        <ViewSelect />
        <LayoutPicker value={screen.layoutId} onPick={pickLayout} />
        <RecallControl />
        <button
          type="button"
          className="btn btn-ghost"
          data-testid="clear-all"
          onClick={() => {
            stopTour();
            dispatch({ type: "clearAll", screen: screenNo });
          }}
        >
          {t("wall.clearAll")}
        </button>
        <TourBar />
        <TranscodeBudget />
      </div>
      <aside className="sidebar">
        <TreePanel />
        <PresetPanel />
        <TourPanel />
      </aside>
      <main className="stage with-mirrors">
        <ScreenMirrors />
        <WallGrid
          screen={screen}
          interactive
          selectedTile={selectedTile}
          maximisedTile={maximisedTile}
          onSelect={(i) => consoleStore.setState({ selectedTile: i })}
          onToggleMaximise={(i) =>
            consoleStore.setState((s) => ({ maximisedTile: s.maximisedTile === i ? null : i, selectedTile: i }))
          }
          onSwap={(a, b) => dispatch({ type: "swap", screen: screenNo, a, b })}
          onClear={(i) => dispatch({ type: "clear", screen: screenNo, tile: i })}
          alarmCameraId={alarm?.highlight ? alarm.cameraId : null}
          withheld={withheld}
        />
      </main>
    </div>
  );
}
