// `npm run bench`: runs the benchmarks the issues name and writes docs/benchmarks.md, each figure side by
// side with its baseline and target. Sections can be chosen: `npm run bench -- latency scale`.
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { resolve } from "node:path";
import { removeDataDir, startGateway } from "../e2e/support/gateway";
import { alarmFanout, journalReplay } from "./alarms";
import { dashboardFps } from "./dashboard";
import { gbIngest } from "./gb-ingest";
import { gbPlay } from "./gb-play";
import { gbSip } from "./gb-sip";
import { hevcBench } from "./hevc";
import { launch } from "./lib/browser";
import { fmt } from "./lib/proc";
import { latencyBaseline, latencyOurs, ttff } from "./media-latency";
import { scale } from "./media-scale";
import { orderFanout } from "./orders";
import { provinceG2g } from "./province-g2g";
import { provinceLinkdown } from "./province-linkdown";
import { provinceRecall } from "./province-recall";
import { provinceUplink } from "./province-uplink";
import { recordingServer } from "./recording";
import { recordingBrowser } from "./recording-browser";
import { scale15k } from "./scale15k";
import { wallFrames, wallPush } from "./wall";

const all = [
  "latency",
  "ttff",
  "scale",
  "wall",
  "push",
  "alarms",
  "replay",
  "orders",
  "dashboard",
  "recording",
  "gb",
  "gb-sip",
  "gb-play",
  "hevc",
  "province-uplink",
  "scale15k",
  "province-linkdown",
  "province-g2g",
  "province-recall",
] as const;
const want = new Set(process.argv.slice(2).filter((a) => (all as readonly string[]).includes(a)));
const on = (s: (typeof all)[number]) => want.size === 0 || want.has(s);
const out: string[] = [];
const say = (s = "") => {
  out.push(s);
  console.log(s);
};

say("# Benchmarks");
say();
say(
  `Written by \`npm run bench\` on ${new Date().toISOString()} — ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${fmt(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}.`,
);
say("Every figure comes from one run on this machine, with the baseline measured in the same run.");
say();

const browser = await launch();
try {
  if (on("latency") || on("ttff")) {
    const gw = await startGateway({ STREAM_IDLE_S: "3", LOG_LEVEL: "error" });
    try {
      if (on("latency")) {
        say("## Glass-to-glass latency (gateway issue)");
        say();
        say(
          "A live ffmpeg source stamps every frame with the wall clock as a 24-bit barcode (x264 zerolatency, 25 fps, 1 s GOP, RTMP push);",
        );
        say(
          "Chromium plays it with hls.js and reads the barcode of each presented frame (`requestVideoFrameCallback`) against its own clock.",
        );
        say("Target: p50 ≤ 0.8 s, p95 ≤ 1.2 s.");
        say();
        say("| setup | samples | p50 (s) | p95 (s) | stalls | jumps to live (ms seeking) | fatal hls.js errors |");
        say("|---|---:|---:|---:|---:|---:|---|");
        const rows = [...(await latencyOurs(browser, gw)), ...(await latencyBaseline(browser))];
        for (const r of rows)
          say(
            `| ${r.setup} | ${r.samples} | ${fmt(r.p50 / 1000)} | ${fmt(r.p95 / 1000)} | ${r.stalls} | ${r.jumps} (${r.jumpMs}) | ${r.fatal.join(", ") || "none"} |`,
          );
        say();
      }
      if (on("ttff")) {
        say("## Time to first frame (gateway issue)");
        say();
        say(
          "From the click (the `/play` request) to the first presented frame in Chromium/hls.js, sub stream of simulated cameras.",
        );
        say("Targets: cold p95 ≤ 1.0 s, warm ≤ 0.3 s.");
        say();
        say("| case | runs | p50 (s) | p95 (s) | max (s) |");
        say("|---|---:|---:|---:|---:|");
        for (const r of await ttff(browser, gw))
          say(`| ${r.setup} | ${r.runs} | ${fmt(r.p50 / 1000)} | ${fmt(r.p95 / 1000)} | ${fmt(r.max / 1000)} |`);
        say();
      }
    } finally {
      await gw.stop();
      removeDataDir(gw);
    }
  }
  // Each section starts and stops its own gateway(s); they run one after another so none disturbs another.
  const sections: Array<[(typeof all)[number], () => Promise<string[]>]> = [
    ["scale", () => scale()],
    ["wall", () => wallFrames()],
    // One screen per big-screen PC is how walls are built; two and four screens (each its own window) in one
    // headless Chromium on this 2-core machine, which also runs the gateway, measure CPU contention too.
    [
      "push",
      async () => [
        ...(await wallPush({ pages: 1 })),
        ...(await wallPush({ pages: 2 })),
        ...(await wallPush({ pages: 4 })),
      ],
    ],
    ["alarms", () => alarmFanout()],
    ["replay", () => journalReplay()],
    ["orders", () => orderFanout()],
    ["dashboard", () => dashboardFps()],
    ["gb", () => gbIngest()],
    ["gb-sip", () => gbSip()],
    ["gb-play", () => gbPlay(browser)],
    ["recording", async () => [...(await recordingServer()), ...(await recordingBrowser(browser))]],
    ["hevc", () => hevcBench(browser)],
    ["province-uplink", () => provinceUplink()],
    ["scale15k", () => scale15k(browser)],
    ["province-linkdown", () => provinceLinkdown()],
    ["province-g2g", () => provinceG2g(browser)],
    ["province-recall", () => provinceRecall(browser)],
  ];
  for (const [name, run] of sections) {
    if (!on(name)) continue;
    console.error(`bench: ${name} …`);
    for (const line of await run()) say(line);
  }
} finally {
  await browser.close();
}

if (want.size === 0) writeFileSync(resolve(import.meta.dirname, "../docs/benchmarks.md"), `${out.join("\n")}\n`);
else console.log("\n(partial run: docs/benchmarks.md not rewritten)");
