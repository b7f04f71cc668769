// Builds the wall (apps/wall → apps/wall/dist) when its sources are newer than the last build: what
// `npm start` and `npm run screens` need before they serve it. Owns the staleness rule only.
import { spawnSync } from "node:child_process";
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

/** Builds the wall if apps/wall/src changed since apps/wall/dist was built; exits the process on failure. */
export function buildWallIfStale() {
  const dist = "apps/wall/dist/index.html";
  const stale = !existsSync(dist) || newest("apps/wall/src") > statSync(dist).mtimeMs;
  if (!stale) return;
  console.log("Building the wall (apps/wall) …");
  const r = spawnSync("npm", ["run", "build", "-w", "@cw/wall"], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
