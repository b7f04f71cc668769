// Test helper: a playlist checker we did not write (hls-parser in strict mode) plus the
// mediastreamvalidator-style rules it does not check. Returns problems as data (empty = valid).
import HLS from "hls-parser";

HLS.setOptions({ strictMode: true });

export type ParsedMedia = ReturnType<typeof parseMedia>;

function parseMedia(text: string) {
  const p = HLS.parse(text);
  if (p.isMasterPlaylist) throw new Error("expected a media playlist");
  return p as InstanceType<typeof HLS.types.MediaPlaylist>;
}

/** Problems of one LL-HLS media playlist (hls-parser's strict errors included). */
export function validateMedia(text: string): string[] {
  let p: ParsedMedia;
  try {
    p = parseMedia(text);
  } catch (err) {
    return [`hls-parser: ${(err as Error).message}`];
  }
  const problems: string[] = [];
  const partTarget = p.partTargetDuration ?? 0;
  const holdBack = p.lowLatencyCompatibility?.partHoldBack ?? 0;
  if (!(partTarget > 0)) problems.push("no PART-TARGET");
  if (holdBack < 2 * partTarget) problems.push(`PART-HOLD-BACK ${holdBack} < 2 × PART-TARGET ${partTarget}`);
  // hls-parser lists a preload hint as a part without a duration; it is not media yet.
  const listed = (s: (typeof p.segments)[number]) => s.parts.filter((x) => x.duration !== undefined);
  p.segments.forEach((s, i) => {
    const where = `segment ${p.mediaSequenceBase ?? 0}+${i}`;
    if (i === 0 && !s.map) problems.push(`${where}: no EXT-X-MAP before the first segment`);
    const parts = listed(s);
    parts.forEach((part, j) => {
      if ((part.duration ?? 0) > partTarget + 1e-9)
        problems.push(`${where}: part ${part.duration} > PART-TARGET ${partTarget}`);
      // RFC 8216bis 4.4.4.9: at least 85 % of PART-TARGET, except INDEPENDENT parts and a segment's last
      // part (the open segment's newest part may become its last).
      const final = j === parts.length - 1;
      if (!part.independent && !final && (part.duration ?? 0) < 0.85 * partTarget - 1e-9)
        problems.push(`${where}: part ${part.duration} < 85 % of PART-TARGET ${partTarget}`);
    });
    if (parts.length > 0 && !parts[0]?.independent) problems.push(`${where}: first part not INDEPENDENT`);
    if (s.uri && parts.length > 0) {
      const sum = parts.reduce((a, x) => a + (x.duration ?? 0), 0);
      if (Math.abs(sum - s.duration) > 0.0015) problems.push(`${where}: parts add to ${sum}, EXTINF ${s.duration}`);
    }
    const prev = p.segments[i - 1];
    if (prev?.programDateTime && s.programDateTime && s.programDateTime < prev.programDateTime)
      problems.push(`${where}: PROGRAM-DATE-TIME goes back`);
  });
  return problems;
}

/** hls-parser's view of a playlist (media), for tests that read fields. */
export function parsedMedia(text: string): ParsedMedia {
  return parseMedia(text);
}

/** Problems of a multivariant playlist: CODECS and RESOLUTION on every video variant, parseable. */
export function validateMultivariant(text: string): string[] {
  let p: ReturnType<typeof HLS.parse>;
  try {
    p = HLS.parse(text);
  } catch (err) {
    return [`hls-parser: ${(err as Error).message}`];
  }
  if (!p.isMasterPlaylist) return ["not a multivariant playlist"];
  const problems: string[] = [];
  const m = p as InstanceType<typeof HLS.types.MasterPlaylist>;
  if (m.variants.length === 0) problems.push("no variants");
  for (const v of m.variants) {
    if (!v.codecs) problems.push(`${v.uri}: no CODECS`);
    if (!v.resolution) problems.push(`${v.uri}: no RESOLUTION`);
    if (!(v.bandwidth > 0)) problems.push(`${v.uri}: no BANDWIDTH`);
  }
  return problems;
}
