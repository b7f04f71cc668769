// `npm start`: the full demo on one machine with no Redis, no apt packages and no internet — builds the
// wall if needed, then runs the gateway with the simulated province (live cameras, alarms, roll calls).
import { spawn } from "node:child_process";
import { buildWallIfStale } from "./wallBuild.mjs";

buildWallIfStale();

const child = spawn(process.execPath, ["--import", "tsx", "apps/gateway/src/main.ts"], {
  stdio: "inherit",
  // The demo records two cameras from its first start (录像回放 has something to show), within 5 GB.
  env: {
    SIM: "1",
    SIM_PREWARM: "1",
    RECORD_DEMO_CAMERAS: "pj-b1-s1-cell,pj-gate",
    RECORD_MAX_GB: "5",
    ...process.env,
  },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
