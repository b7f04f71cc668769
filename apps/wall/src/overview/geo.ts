// The offline province geometry: the shipped simplified outline and the demo prisons' fallback
// positions, projected to flat map units (equirectangular, x shrunk by cos(latitude) so the province
// keeps its shape) for deck.gl's OrthographicView. No tiles, no network. Pure.
import outline from "../assets/province/outline.json";
import fallback from "../assets/province/prisons.json";

export type LngLat = [number, number];
export type XY = [number, number];

const COS = Math.cos((41 * Math.PI) / 180);

export const project = ([lng, lat]: LngLat): XY => [lng * COS, lat];

/** The outline ring(s), projected. */
export function outlineRings(): XY[][] {
  const rings: XY[][] = [];
  for (const f of outline.features) {
    for (const ring of f.geometry.coordinates) rings.push(ring.map((p) => project([p[0] ?? 0, p[1] ?? 0])));
  }
  return rings;
}

/** A prison's position: the gateway's location, else the shipped fallback, else null (not drawn). */
export function prisonPosition(id: string, location: { lng: number; lat: number } | null): XY | null {
  if (location) return project([location.lng, location.lat]);
  const p = (fallback.positions as Record<string, number[] | undefined>)[id];
  return p && p.length === 2 ? project([p[0] ?? 0, p[1] ?? 0]) : null;
}

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function boundsOf(points: readonly XY[]): Bounds {
  const b = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const [x, y] of points) {
    b.minX = Math.min(b.minX, x);
    b.minY = Math.min(b.minY, y);
    b.maxX = Math.max(b.maxX, x);
    b.maxY = Math.max(b.maxY, y);
  }
  return b;
}

/** The orthographic view state that fits `b` into a width × height pixel box with a margin. */
export function fitView(b: Bounds, width: number, height: number, margin = 0.08) {
  const w = Math.max(1e-6, b.maxX - b.minX);
  const h = Math.max(1e-6, b.maxY - b.minY);
  const scale = Math.min((width * (1 - 2 * margin)) / w, (height * (1 - 2 * margin)) / h);
  return {
    target: [(b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2, 0] as [number, number, number],
    zoom: Math.log2(Math.max(scale, 1e-6)),
  };
}
