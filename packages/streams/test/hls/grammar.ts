// Test helper: a strict line grammar for the playlists the packager renders.

/** Every line of a packager playlist matches exactly one of these; anything else is a bug. */
const GRAMMAR: RegExp[] = [
  /^#EXTM3U$/,
  /^#EXT-X-VERSION:9$/,
  /^#EXT-X-TARGETDURATION:[1-9]\d*$/,
  /^#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=\d+\.\d{3}$/,
  /^#EXT-X-PART-INF:PART-TARGET=\d+\.\d{3}$/,
  /^#EXT-X-MEDIA-SEQUENCE:\d+$/,
  /^#EXT-X-DISCONTINUITY-SEQUENCE:\d+$/,
  /^#EXT-X-DISCONTINUITY$/,
  /^#EXT-X-MAP:URI="init-\d+\.mp4"$/,
  /^#EXT-X-PROGRAM-DATE-TIME:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
  /^#EXT-X-PART:DURATION=\d+\.\d{3},URI="p\d+\.\d+\.m4s"(,INDEPENDENT=YES)?$/,
  /^#EXTINF:\d+\.\d{3},$/,
  /^s\d+\.m4s$/,
  /^#EXT-X-PRELOAD-HINT:TYPE=PART,URI="p\d+\.\d+\.m4s"$/,
];

/** Problems found (empty when the text is valid). */
export function strictCheck(text: string): string[] {
  const problems: string[] = [];
  if (!text.endsWith("\n")) problems.push("no final newline");
  const lines = text.slice(0, -1).split("\n");
  lines.forEach((line, i) => {
    if (!GRAMMAR.some((re) => re.test(line))) problems.push(`line ${i + 1}: ${line}`);
    if (line.startsWith("#EXTINF") && !/^s\d+\.m4s$/.test(lines[i + 1] ?? ""))
      problems.push(`line ${i + 1}: EXTINF without URI`);
  });
  if (lines[0] !== "#EXTM3U") problems.push("first line is not #EXTM3U");
  if (!lines.at(-1)?.startsWith("#EXT-X-PRELOAD-HINT")) problems.push("last line is not the preload hint");
  const target = Number(/#EXT-X-TARGETDURATION:(\d+)/.exec(text)?.[1]);
  for (const m of text.matchAll(/#EXTINF:([\d.]+),/g))
    if (Math.round(Number(m[1])) > target) problems.push(`EXTINF ${m[1]} > target`);
  return problems;
}
