// Can this browser decode the camera's codec? H.265 is passed through untouched by the gateway, so
// the wall must say "codec not playable" instead of showing a black tile.
import type { Codec } from "@cw/protocol";

const hevcTypes = ['video/mp4; codecs="hvc1.1.6.L93.B0"', 'video/mp4; codecs="hev1.1.6.L93.B0"'];

function mseSupports(type: string): boolean {
  const MS = (globalThis as { ManagedMediaSource?: typeof MediaSource }).ManagedMediaSource ?? globalThis.MediaSource;
  return typeof MS?.isTypeSupported === "function" && MS.isTypeSupported(type);
}

export function canDecode(codec: Codec): boolean {
  if (codec === "h265") return hevcTypes.some(mseSupports);
  // H.264 is universal in browsers with MSE; "unknown" is tried and judged by hls.js.
  return true;
}
