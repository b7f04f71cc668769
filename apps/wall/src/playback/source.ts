// Where the playback page reads a moment from, pure: the gateway's recording when it holds that moment
// (or holds the next recorded moment first), else the camera's own device (a GB NVR) when its recording
// covers it or resumes sooner. A device window starts exactly at the moment (the device plays from the
// asked time) and stays inside its span, at most `maxMs` long; a gateway window keeps its usual shape.
import { nextRecorded } from "./timeline";

interface Span {
  from: number;
  to: number;
}

export type PlaySource = { source: "gateway"; at: number } | { source: "device"; at: number; from: number; to: number };

export const DEVICE_WINDOW_MS = 10 * 60_000;

export function pickSource(
  spans: readonly Span[] | undefined,
  deviceSpans: readonly Span[] | undefined,
  target: number,
  maxMs = DEVICE_WINDOW_MS,
): PlaySource {
  const gw = spans ? nextRecorded(spans, target) : null;
  const dev = deviceSpans ? nextRecorded(deviceSpans, target) : null;
  // The gateway first: it seeks and plays at any speed. The device only where it has footage sooner.
  if (dev === null || (gw !== null && gw <= dev)) return { source: "gateway", at: gw ?? target };
  const span = deviceSpans!.find((s) => dev >= s.from && dev < s.to)!;
  return { source: "device", at: dev, from: dev, to: Math.min(span.to, dev + maxMs) };
}
