// Which view the console shows and edits: its own working view, or output screen N followed live
// (the same choice as the mirrors' "follow" buttons). Screens come from the gateway's snapshot.
import { useStore } from "zustand";
import { useT } from "../i18n/useT";
import { useLive } from "../live/LiveProvider";
import { useCan } from "../session/useCan";
import { consoleStore, ownView } from "./consoleStore";
import { followScreen } from "./screenActions";

export function ViewSelect() {
  const t = useT();
  const screen = useStore(consoleStore, (s) => s.screen);
  const numbers = useLive((s) => Object.keys(s.wallScreens).join(","));
  const editable = useCan("wall.edit");
  const screens = editable && numbers !== "" ? numbers.split(",").map(Number) : [];
  return (
    <select
      className="select"
      data-testid="screen-select"
      aria-label={t("view.label")}
      value={screen}
      onChange={(e) => followScreen(Number(e.target.value))}
    >
      <option value={ownView}>{t("view.own")}</option>
      {screens.map((n) => (
        <option key={n} value={n}>
          {t("view.screen", { n })}
        </option>
      ))}
    </select>
  );
}
