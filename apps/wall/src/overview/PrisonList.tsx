// The prisons beside the map: a colour dot per worst state and the open-alarm count. Each row is a
// button opening the prison panel (as a marker click does) and carries data-color (the state) and the
// marker's screen position (data-x/data-y) so tests and assistive tech reach what the canvas draws.
import type { MessageKey } from "../i18n/i18n";
import { useT } from "../i18n/useT";
import type { XY } from "./geo";
import { legendLevels, levelCss, type MapState, stateOf } from "./levels";
import type { MapPrison } from "./useOverview";

export const levelKey = (l: MapState) => `ov.level.${l}` as MessageKey;

export function PrisonList(props: {
  prisons: MapPrison[];
  positions: Record<string, XY>;
  onPick(id: string): void;
  selected: string | null;
}) {
  const t = useT();
  return (
    <ul className="ov-prisons" aria-label={t("ov.prisons")}>
      {props.prisons.map((p) => {
        const open = Object.values(p.status.openBySeverity).reduce((a, b) => a + b, 0);
        const pos = props.positions[p.id];
        const state = stateOf(p.status);
        return (
          <li key={p.id}>
            <button
              type="button"
              className={`ov-prison ${props.selected === p.id ? "is-selected" : ""}`}
              data-testid={`overview-prison-${p.id}`}
              data-color={state}
              data-link={p.status.link ?? undefined}
              data-x={pos ? Math.round(pos[0]) : undefined}
              data-y={pos ? Math.round(pos[1]) : undefined}
              onClick={() => props.onPick(p.id)}
              title={t(levelKey(state))}
            >
              <span className="ov-dot" style={{ background: levelCss(state) }} />
              <span className="ov-prison-name">{p.name}</span>
              {state === "link_down" && (
                <span className="ov-link-down" data-testid={`overview-link-down-${p.id}`}>
                  {t("ov.level.link_down")}
                </span>
              )}
              {open > 0 && <span className="ov-badge">{open}</span>}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** The prisons whose edge link is down, named in words (the big screen has no list beside its map). */
export function LinkDownBanner({ prisons }: { prisons: readonly MapPrison[] }) {
  const t = useT();
  const down = prisons.filter((p) => p.status.link === "down");
  if (down.length === 0) return null;
  return (
    <div className="ov-link-banner" role="alert" data-testid="overview-link-banner">
      <span className="ov-dot" style={{ background: levelCss("link_down") }} />
      {t("ov.level.link_down")}: {down.map((p) => p.name).join("、")}
    </div>
  );
}

export function Legend() {
  const t = useT();
  return (
    <div className="ov-legend">
      {legendLevels.map((l) => (
        <span key={l} className="ov-legend-item">
          <span className="ov-dot" style={{ background: levelCss(l) }} />
          {t(levelKey(l))}
        </span>
      ))}
    </div>
  );
}
