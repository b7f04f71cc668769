// The gallery page docs/screens/README.md: every shot of the wall with its caption, page by page. Pure:
// takes what was shot, returns Markdown. Owns the page's wording and order; never reads or writes files.

export interface Shot {
  /** File name inside docs/screens/. */
  file: string;
  page: string;
  title: string;
  path: string;
  role: string;
  width: number;
  height: number;
  lang: "zh-CN" | "en";
  bytes: number;
  /** False when a camera tile still had no picture when the shot was taken. */
  videosShowing: boolean;
}

export interface GalleryInfo {
  generatedAt: string;
  bureauTime: string;
  commit: string;
  seedSummary: string;
}

const kb = (n: number) => `${Math.round(n / 1024)} KB`;

export function galleryMarkdown(shots: readonly Shot[], info: GalleryInfo): string {
  const total = shots.reduce((n, s) => n + s.bytes, 0);
  const out = [
    "# Screen gallery",
    "",
    "Every page of the wall at the sizes it runs on (operator consoles 1366×768 – 2560×1440, big-screen",
    "outputs 1920×1080 and 3840×2160), in zh-CN, plus the consoles in English. Made by `npm run screens`:",
    "a gateway of its own with the demo province and the demo data of `scripts/demo-seed.ts` (alarms in",
    "every light, roll calls with late and missing reports, an order half signed, an inspection with",
    "findings), Debian's Chromium at device scale 1. Do not edit by hand: run it again.",
    "",
    `Generated ${info.generatedAt} (bureau time ${info.bureauTime}) from ${info.commit}; ${shots.length} images, ${kb(total)}.`,
    `Demo data: ${info.seedSummary}.`,
    "",
  ];
  const pages = [...new Set(shots.map((s) => s.page))];
  for (const page of pages) {
    const of = shots.filter((s) => s.page === page);
    const first = of[0]!;
    out.push(`## ${first.title}`, "", `\`${first.path}\` as \`${first.role}\`.`, "");
    for (const s of of) {
      const caption = `${first.title} — ${s.width}×${s.height}${s.lang === "en" ? ", English" : ""}`;
      const note = s.videosShowing ? "" : " (a camera tile had no picture yet)";
      out.push(`**${s.width}×${s.height}${s.lang === "en" ? " · English" : ""}** · ${kb(s.bytes)}${note}`, "");
      out.push(`![${caption}](${s.file})`, "");
    }
  }
  return out.join("\n");
}
