// The prisons beside the map: a colour dot per worst state and the open-alarm count. Each row is a
// button opening the prison panel (as a marker click does) and carries data-color (the state) and the
// marker's screen position (data-x/data-y) so tests and assistive tech reach what the canvas draws.
import type { PrisonLevel } from "@cw/protocol";
import type { MessageKey } from "../i18n/i18n";
import { useT } from "../i18n/useT";
import type { XY } from "./geo";
import { legendLevels, levelCss } from "./levels";
import type { MapPrison } from "./useOverview";

export const levelKey = (l: PrisonLevel) => `ov.level.${l}` as MessageKey;

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
        return (
          <li key={p.id}>
            <button
              type="button"
              className={`ov-prison ${props.selected === p.id ? "is-selected" : ""}`}
              data-testid={`overview-prison-${p.id}`}
              data-color={p.status.level}
              data-x={pos ? Math.round(pos[0]) : undefined}
              data-y={pos ? Math.round(pos[1]) : undefined}
              onClick={() => props.onPick(p.id)}
              title={t(levelKey(p.status.level))}
            >
              <span className="ov-dot" style={{ background: levelCss(p.status.level) }} />
              <span className="ov-prison-name">{p.name}</span>
              {open > 0 && <span className="ov-badge">{open}</span>}
            </button>
          </li>
        );
      })}
    </ul>
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
