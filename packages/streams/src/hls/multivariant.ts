// Renders a camera's multivariant playlist (RFC 8216bis 4.4.6): one EXT-X-STREAM-INF per rendition with
// CODECS and RESOLUTION, so any HLS player (hls.js, Safari, VLC) can pick one it decodes — the HEVC
// passthrough where the browser has an HEVC decoder, the H.264 transcode where it does not. A pure
// function of the rendition list; the registry says what each rendition carries.

export interface RenditionInfo {
  /** Relative URI of the rendition's media playlist, e.g. "main/index.m3u8". */
  uri: string;
  /** RFC 6381 codec strings: video, then audio when the rendition carries it. */
  codecs: string[];
  width: number;
  height: number;
  /** Peak segment bit rate, bits/s (BANDWIDTH). */
  bandwidth: number;
  frameRate: number | null;
}

export function renderMultivariant(renditions: readonly RenditionInfo[]): string {
  const lines = ["#EXTM3U", "#EXT-X-VERSION:9", "#EXT-X-INDEPENDENT-SEGMENTS"];
  // Sorted by bandwidth: players that start with the first variant start with the lightest.
  for (const r of [...renditions].sort((a, b) => a.bandwidth - b.bandwidth)) {
    const attrs = [
      `BANDWIDTH=${Math.max(1, Math.round(r.bandwidth))}`,
      `CODECS="${r.codecs.join(",")}"`,
      `RESOLUTION=${r.width}x${r.height}`,
      ...(r.frameRate ? [`FRAME-RATE=${r.frameRate.toFixed(3)}`] : []),
    ];
    lines.push(`#EXT-X-STREAM-INF:${attrs.join(",")}`, r.uri);
  }
  return `${lines.join("\n")}\n`;
}
