// The operator console: its toolbar (view, layouts, recall, tour, the transcode budget), the province tree and
// tours on the left, the wall of tiles on the right with a live mirror of every output screen. It
// edits its own view or a followed screen N; /screen/N follows the gateway's state of screen N.
import type { Camera } from "@cw/protocol";
import { useEffect, useRef } from "react";
import { useStore } from "zustand";
import { applyCatalogueChanges, catalogueConnected, catalogueStore, loadCatalogue } from "../console/catalogueStore";
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
import type { CameraChange } from "../tree/treeDelta";
import type { LayoutId } from "../wall/layouts";
import { screenOf } from "../wall/wallState";

/**
 * Loads the tree, then folds each camera change the live socket reports into it (added, moved, renamed,
 * removed) instead of fetching the whole catalogue again.
 */
function useCatalogueSync(): void {
  const changes = useLive((s) => s.cameraChanges);
  const hello = useLive((s) => s.hello);
  useEffect(() => {
    if (hello !== null) catalogueConnected(performance.now());
  }, [hello]);
  const applied = useRef(new Map<string, Camera | null>());
  useEffect(() => {
    if (catalogueStore.getState().tree === null) {
      for (const [id, camera] of Object.entries(changes)) applied.current.set(id, camera);
      void loadCatalogue();
      return;
    }
    const fresh: CameraChange[] = [];
    for (const [id, camera] of Object.entries(changes)) {
      if (applied.current.get(id) === camera && applied.current.has(id)) continue;
      applied.current.set(id, camera);
      fresh.push({ id, camera });
    }
    applyCatalogueChanges(fresh);
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
