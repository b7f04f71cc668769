// How test harnesses start a real gateway: `node <bundle>` — the gateway's sources bundled once per test
// process by esbuild (the same transform tsx applies, done once instead of at every start: a gateway then
// starts in about half the time, and the e2e and integration stages start dozens). Dependencies stay in
// node_modules; the bundle sits in apps/gateway/.build/ so the paths the gateway finds beside its sources
// (the wall's dist, its word list) resolve as from src/. CW_GATEWAY_TSX=1 starts `tsx src/main.ts` instead.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildSync } from "esbuild";

const root = resolve(import.meta.dirname, "../..");
const buildDir = join(root, "apps", "gateway", ".build");
let bundle: string | null = null;

/** The packages a gateway imports from node_modules (left out of the bundle). */
function externals(): string[] {
  const packages = readdirSync(join(root, "packages")).map((p) => `packages/${p}/package.json`);
  const files = ["package.json", "apps/gateway/package.json", ...packages];
  const out = new Set<string>();
  for (const f of files) {
    let j: { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
    try {
      j = JSON.parse(readFileSync(join(root, f), "utf8"));
    } catch {
      continue;
    }
    for (const k of Object.keys({ ...j.dependencies, ...j.optionalDependencies }))
      if (!k.startsWith("@cw/")) out.add(k);
  }
  return [...out];
}

/** Bundles left by test processes that are gone (killed before their exit handler ran). */
function removeOrphans(): void {
  for (const f of readdirSync(buildDir)) {
    const pid = Number(/^main-(\d+)\.mjs$/.exec(f)?.[1]);
    if (!pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      rmSync(join(buildDir, f), { force: true });
    }
  }
}

/** The gateway's argv after `node`: this process's bundle (built at the first call), or tsx on the sources. */
export function gatewayArgv(): string[] {
  if (process.env.CW_GATEWAY_TSX === "1") return ["--import", "tsx", "apps/gateway/src/main.ts"];
  if (bundle === null) {
    mkdirSync(buildDir, { recursive: true });
    removeOrphans();
    const out = join(buildDir, `main-${process.pid}.mjs`);
    buildSync({
      entryPoints: [join(root, "apps", "gateway", "src", "main.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      outfile: out,
      external: externals(),
      logLevel: "warning",
    });
    // Beside the bundle, as beside its source (written whole, then renamed: another process may be reading it).
    const words = join(buildDir, `commonPasswords.${process.pid}.tmp`);
    copyFileSync(join(root, "apps/gateway/src/features/users/commonPasswords.txt"), words);
    renameSync(words, join(buildDir, "commonPasswords.txt"));
    process.once("exit", () => rmSync(out, { force: true }));
    bundle = out;
  }
  return [bundle];
}
