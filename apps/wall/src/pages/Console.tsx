// The operator console: header (layouts, recall, tour, connection, user), the province tree and
// tours on the left, the wall of tiles on the right. It drives screen N; /screen/N follows it.
import { useEffect } from "react";
import { useStore } from "zustand";
import { catalogueStore, loadCatalogue } from "../console/catalogueStore";
import { consoleStore, wallStore } from "../console/consoleStore";
import { LayoutPicker } from "../console/LayoutPicker";
import { RecallControl } from "../console/RecallControl";
import { TourBar, useTourClock } from "../console/TourBar";
import { TourPanel } from "../console/TourPanel";
import { useKeyboard } from "../console/useKeyboard";
import { WallGrid } from "../console/WallGrid";
import { refreshTourPage, stopTour } from "../console/wallActions";
import { useT } from "../i18n/useT";
import { useLive } from "../live/LiveProvider";
import { TreePanel } from "../tree/TreePanel";
import { ConnState } from "../ui/ConnState";
import { LangSwitch } from "../ui/LangSwitch";
import { UserBox } from "../ui/UserBox";
import type { LayoutId } from "../wall/layouts";
import { screenOf } from "../wall/wallState";

const screens = [1, 2, 3, 4];

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

  useCatalogueSync();
  useKeyboard();
  useTourClock();
  useEffect(() => wallStore.getState().follow(screenNo), [screenNo]);

  const pickLayout = (layoutId: LayoutId) => {
    dispatch({ type: "setLayout", screen: screenNo, layoutId });
    consoleStore.setState({ maximisedTile: null });
    refreshTourPage();
  };

  return (
    <div className="console">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark">◆</span>
          <span className="brand-title">{t("app.title")}</span>
        </div>
        <select
          className="select"
          data-testid="screen-select"
          value={screenNo}
          onChange={(e) => {
            stopTour();
            consoleStore.setState({ screen: Number(e.target.value), selectedTile: null, maximisedTile: null });
          }}
        >
          {screens.map((n) => (
            <option key={n} value={n}>
              {t("header.screen", { n })}
            </option>
          ))}
        </select>
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
        <div className="spacer" />
        <ConnState />
        <UserBox />
        <LangSwitch />
      </header>
      <aside className="sidebar">
        <TreePanel />
        <TourPanel />
      </aside>
      <main className="stage">
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
        />
      </main>
    </div>
  );
}
