// A big-screen output (/screen/N): full-bleed wall following the wall state the console drives.
import { useEffect } from "react";
import { useStore } from "zustand";
import { loadCatalogue } from "../console/catalogueStore";
import { wallStore } from "../console/consoleStore";
import { WallGrid } from "../console/WallGrid";
import { useT } from "../i18n/useT";
import { ConnState } from "../ui/ConnState";
import { screenOf } from "../wall/wallState";

export function Screen({ n }: { n: number }) {
  const t = useT();
  const screen = useStore(wallStore, (s) => screenOf(s.screens, n));
  useEffect(() => {
    void loadCatalogue();
  }, []);
  useEffect(() => wallStore.getState().follow(n), [n]);
  useEffect(() => {
    document.title = `${t("screen.title", { n })} · ${t("app.title")}`;
  }, [n, t]);
  return (
    <div className="screen-output" data-testid={`screen-${n}`}>
      <WallGrid screen={screen} interactive={false} />
      <div className="screen-corner">
        <ConnState />
      </div>
    </div>
  );
}
