// hls.js fatal errors, surfaced beyond the tile: every fatal error a player meets is logged as a warning
// and handed to `window.__cwHlsFatal(message)` when the page has installed such a function (the e2e
// suite does; a site's own diagnostics page could). Owns nothing else; never decides recovery
// (recovery.ts does).
export interface FatalError {
  cameraId: string;
  type: string;
  details: string;
}

type Sink = (message: string) => void;

export function reportFatal(e: FatalError): void {
  const message = `${e.cameraId}: ${e.type} ${e.details}`;
  console.warn(`player fatal error — ${message}`);
  const sink = (globalThis as { __cwHlsFatal?: unknown }).__cwHlsFatal;
  if (typeof sink === "function") (sink as Sink)(message);
}
