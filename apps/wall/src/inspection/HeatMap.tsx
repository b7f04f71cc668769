// The calendar heat map of inspection coverage: one SVG square per day, one column per week, darker
// for more inspections. Plain SVG, no chart library.
import type { InspectionCoverage } from "@cw/protocol";
import { useT } from "../i18n/useT";
import { heatGrid, heatLevel } from "./model";

const CELL = 12;
const GAP = 2;

export function HeatMap({ coverage }: { coverage: InspectionCoverage }) {
  const t = useT();
  const cells = heatGrid(coverage.heat);
  const weeks = (cells[cells.length - 1]?.week ?? 0) + 1;
  return (
    <div className="insp-heat">
      <svg
        role="img"
        aria-label={t("insp.heat.title")}
        data-testid="inspection-heatmap"
        width={weeks * (CELL + GAP)}
        height={7 * (CELL + GAP)}
        viewBox={`0 0 ${weeks * (CELL + GAP)} ${7 * (CELL + GAP)}`}
      >
        {cells.map((c) => (
          <rect
            key={c.date}
            x={c.week * (CELL + GAP)}
            y={c.weekday * (CELL + GAP)}
            width={CELL}
            height={CELL}
            rx={2}
            className={`insp-heat-${heatLevel(c.count)}`}
            data-date={c.date}
            data-count={c.count}
          >
            <title>{t("insp.heat.cell", { date: c.date, n: c.count })}</title>
          </rect>
        ))}
      </svg>
      <p data-testid="inspection-never">{t("insp.never", { n: coverage.never.length })}</p>
    </div>
  );
}
