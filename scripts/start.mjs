// `npm start`: the full demo on one machine with no Redis, no apt packages and no internet — builds the
// wall if needed, then runs the gateway with the simulated province (live cameras, alarms, roll calls).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const dist = "apps/wall/dist/index.html";
const stale = !existsSync(dist) || newest("apps/wall/src") > statSync(dist).mtimeMs;
if (stale) {
  console.log("Building the wall (apps/wall) …");
  const r = spawnSync("npm", ["run", "build", "-w", "@cw/wall"], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const child = spawn(process.execPath, ["--import", "tsx", "apps/gateway/src/main.ts"], {
  stdio: "inherit",
  env: { SIM: "1", SIM_PREWARM: "1", ...process.env },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
