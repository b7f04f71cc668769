// `npm run bench` → bench/run.ts (TypeScript through tsx). Provisions ffmpeg/Chromium like `npm test`.
import { spawnSync } from "node:child_process";
import { provision } from "./provision.mjs";

provision();
const dist = spawnSync("npm", ["run", "build", "-w", "@cw/wall"], { stdio: "inherit" });
if (dist.status !== 0) process.exit(dist.status ?? 1);
const r = spawnSync(process.execPath, ["--import", "tsx", "bench/run.ts", ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(r.status ?? 1);
