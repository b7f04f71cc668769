// The province map on deck.gl: the shipped outline (PolygonLayer) on an orthographic view — no base map,
// no tiles, no fonts from anywhere — prisons as markers coloured by their worst state
// (ScatterplotLayer), a ring pulsing out of a marker when a new alarm arrives, a tooltip on hover and
// the prison panel on click. The markers' screen positions are published on the prison list
// (data-x/data-y), since a canvas carries no test ids. Owns the deck instance (DeckGL unmounts it).
import { OrthographicView, type PickingInfo } from "@deck.gl/core";
import { PolygonLayer, ScatterplotLayer } from "@deck.gl/layers";
import DeckGL from "@deck.gl/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { useT } from "../i18n/useT";
import { boundsOf, fitView, outlineRings, type XY } from "./geo";
import { levelColor, stateOf } from "./levels";
import { pulsePhase } from "./pulse";
import type { MapPrison } from "./useOverview";

export interface ProvinceMapProps {
  prisons: MapPrison[];
  pulses: Record<string, number>;
  onPick(prisonId: string): void;
  /** Marker size in CSS pixels (the big screen passes a larger one). */
  markerPx?: number;
  onLayout?(positions: Record<string, XY>): void;
}

const rings = outlineRings();
const bounds = boundsOf(rings.flat());
const view = new OrthographicView({ id: "province", flipY: false });

function useBoxSize(ref: React.RefObject<HTMLDivElement | null>) {
  const [size, setSize] = useState({ w: 0, h: 0 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setSize({ w: el.clientWidth, h: el.clientHeight }));
    ro.observe(el);
    setSize({ w: el.clientWidth, h: el.clientHeight });
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

/**
 * Animation clock while any pulse runs, stepping at PULSE_FPS (requestAnimationFrame, stops when none is
 * left). Not every frame: each step re-renders the map (React + deck.gl), and under an alarm storm every
 * prison pulses all the time; 12 steps a second reads as motion and leaves the frames between cheap.
 */
const PULSE_STEP_MS = 1000 / 12;
function usePulseClock(pulses: Record<string, number>): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (Object.keys(pulses).length === 0) return;
    let raf = 0;
    let last = 0;
    const loop = () => {
      const t = performance.now();
      if (t - last >= PULSE_STEP_MS) {
        last = t;
        setNow(t);
      }
      if (Object.values(pulses).some((s) => pulsePhase(s, t) !== null)) raf = requestAnimationFrame(loop);
    };
    raf = requestAnimationFrame(loop);
    return () => cancelAnimationFrame(raf);
  }, [pulses]);
  return now;
}

export function ProvinceMap({ prisons, pulses, onPick, markerPx = 9, onLayout }: ProvinceMapProps) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const { w, h } = useBoxSize(box);
  const viewState = useMemo(() => fitView(bounds, Math.max(w, 1), Math.max(h, 1)), [w, h]);
  const now = usePulseClock(pulses);

  useEffect(() => {
    if (!onLayout || w === 0) return;
    const scale = 2 ** viewState.zoom;
    const [tx, ty] = viewState.target;
    const out: Record<string, XY> = {};
    for (const p of prisons) out[p.id] = [w / 2 + (p.position[0] - tx) * scale, h / 2 - (p.position[1] - ty) * scale];
    onLayout(out);
  }, [prisons, viewState, w, h, onLayout]);

  const pulsing = prisons.filter((p) => pulses[p.id] !== undefined && pulsePhase(pulses[p.id]!, now) !== null);
  const layers = [
    new PolygonLayer<{ ring: XY[] }>({
      id: "outline",
      data: rings.map((ring) => ({ ring })),
      getPolygon: (d) => d.ring,
      getFillColor: [22, 44, 70, 200],
      getLineColor: [88, 166, 255, 220],
      lineWidthUnits: "pixels",
      getLineWidth: 2,
      stroked: true,
      filled: true,
    }),
    new ScatterplotLayer<MapPrison>({
      id: "pulse",
      data: pulsing,
      getPosition: (d) => d.position,
      radiusUnits: "pixels",
      getRadius: (d) => markerPx * (1 + 3 * (pulsePhase(pulses[d.id] ?? 0, now) ?? 1)),
      getFillColor: (d) => [
        ...levelColor[stateOf(d.status)],
        Math.round(180 * (1 - (pulsePhase(pulses[d.id] ?? 0, now) ?? 1))),
      ],
      updateTriggers: { getRadius: now, getFillColor: now },
    }),
    new ScatterplotLayer<MapPrison>({
      id: "prisons",
      data: prisons,
      getPosition: (d) => d.position,
      radiusUnits: "pixels",
      getRadius: markerPx,
      getFillColor: (d) => levelColor[stateOf(d.status)],
      getLineColor: [230, 237, 243],
      lineWidthUnits: "pixels",
      getLineWidth: 1.5,
      stroked: true,
      pickable: true,
      onClick: (info: PickingInfo<MapPrison>) => {
        if (info.object) onPick(info.object.id);
      },
      updateTriggers: { getFillColor: prisons.map((p) => stateOf(p.status)).join() },
    }),
  ];

  const tooltip = ({ object }: PickingInfo<MapPrison>) => {
    if (!object || !("status" in object)) return null;
    const s = object.status;
    const open = Object.values(s.openBySeverity).reduce((a, b) => a + b, 0);
    return {
      text: [
        object.name,
        `${t("ov.level")}: ${t(`ov.level.${stateOf(s)}` as "ov.level.ok")}`,
        `${t("ov.openAlarms")}: ${open}`,
        `${t("ov.redObligations")}: ${s.redObligations}`,
        `${t("ov.videoLoss")}: ${s.videoLoss}`,
      ].join("\n"),
      style: { background: "#141c26", color: "#d8e1ec", fontSize: "12px", border: "1px solid #2f3f55" },
    };
  };

  return (
    <div className="ov-map" ref={box} data-testid="overview-map">
      {w > 0 && (
        <DeckGL
          views={view}
          viewState={viewState}
          layers={layers}
          getTooltip={tooltip}
          getCursor={({ isHovering }) => (isHovering ? "pointer" : "default")}
          width={w}
          height={h}
        />
      )}
    </div>
  );
}
