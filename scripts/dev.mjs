// `npm run dev`: the gateway (restarts on change) + Vite's hot-reloading dev server for the wall,
// which proxies /api and /hls to the gateway.
import { spawn } from "node:child_process";

const procs = [
  spawn("npx", ["tsx", "watch", "apps/gateway/src/main.ts"], { stdio: "inherit", env: { SIM: "1", ...process.env } }),
  spawn("npm", ["run", "dev", "-w", "@cw/wall"], { stdio: "inherit" }),
];
const stop = () => {
  for (const p of procs) p.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const p of procs) p.on("exit", stop);
