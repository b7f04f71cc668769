// Playback control (GB/T 28181-2016 §9.8.3, Annex B): MANSRTSP bodies carried by an INFO inside a playback
// dialog — `PLAY` with `Scale` (speed) and/or `Range: npt=<s>-` (seek, seconds from the playback's start;
// `npt=now-` resumes), `PAUSE` (`PauseTime: now`). The speeds a platform may ask are one set (`SCALES`); anything else is refused
// here, before a device sees it. Pure: builds and reads bodies, sends nothing.

import { type PlaybackScale, playbackScales } from "@cw/protocol";

/** Speeds the gateway asks of a device: the playback page's 1×–8× (0.25/0.5 are GB's slow motion). */
export const SCALES = playbackScales;
export type Scale = PlaybackScale;

export const MANSRTSP = "Application/MANSRTSP";

export type PlaybackControl =
  | { method: "PLAY"; scale?: Scale /** Seconds from the playback's start. */; rangeFromS?: number }
  | { method: "PAUSE" };

export function isScale(n: number): n is Scale {
  return (SCALES as readonly number[]).includes(n);
}

/** The body of the INFO (CRLF lines, a blank line at the end). */
export function mansrtspBody(c: PlaybackControl, cseq: number): Buffer {
  const lines = [`${c.method} MANSRTSP/1.0`, `CSeq: ${cseq}`];
  if (c.method === "PAUSE") lines.push("PauseTime: now");
  else {
    if (c.scale !== undefined) lines.push(`Scale: ${Number.isInteger(c.scale) ? c.scale.toFixed(1) : c.scale}`);
    // A speed alone carries no Range (Annex B's example, and what WVP sends); a bare PLAY resumes from now.
    if (c.rangeFromS !== undefined) lines.push(`Range: npt=${Math.max(0, Math.floor(c.rangeFromS))}-`);
    else if (c.scale === undefined) lines.push("Range: npt=now-");
  }
  return Buffer.from(`${lines.join("\r\n")}\r\n\r\n`);
}

/** Reads a MANSRTSP body (a device's view of it; also the tests'). Null: not one we understand. */
export function parseMansrtsp(body: string): (PlaybackControl & { cseq: number }) | null {
  const lines = body.split(/\r?\n/);
  const start = /^(PLAY|PAUSE) MANSRTSP\/1\.0$/i.exec(lines[0]?.trim() ?? "");
  if (!start) return null;
  const field = (name: string) =>
    lines
      .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
      ?.slice(name.length + 1)
      .trim();
  const cseq = Number(field("CSeq"));
  if (!Number.isInteger(cseq)) return null;
  if (start[1]!.toUpperCase() === "PAUSE") return { method: "PAUSE", cseq };
  const out: PlaybackControl & { cseq: number } = { method: "PLAY", cseq };
  const scale = field("Scale");
  if (scale !== undefined) {
    const n = Number(scale);
    if (!isScale(n)) return null;
    out.scale = n;
  }
  const range = /^npt=(\d+(?:\.\d+)?)-/.exec(field("Range") ?? "");
  if (range) out.rangeFromS = Number(range[1]);
  return out;
}
