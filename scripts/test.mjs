// `npm test`: provision → lint+format → typecheck → unit+integration (vitest) → build the wall → e2e
// (Playwright in Debian's Chromium against real gateways). Every stage runs real parts; a stage that
// fails fails the run. Ends with one plain summary line "N passed, N failed".
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { provision } from "./provision.mjs";

const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : null;
const started = Date.now();
const report = [];
let passed = 0;
let failed = 0;
const failures = [];

function stage(name, cmd, argv, opts = {}) {
  if (only && only !== name) return true;
  const t0 = Date.now();
  console.log(`\n=== ${name}: ${cmd} ${argv.join(" ")}`);
  const r = spawnSync(cmd, argv, { stdio: "inherit", env: { ...process.env, FORCE_COLOR: "0", ...opts.env } });
  const ok = r.status === 0;
  report.push(`${ok ? "ok  " : "FAIL"} ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (!ok) failed += 1;
  return ok;
}

provision();

const npx = "npx";
stage("lint", npx, ["biome", "ci", "."]);
stage("typecheck", npx, ["tsc", "-p", "tsconfig.json", "--noEmit"]);

rmSync(".cache/test-results", { recursive: true, force: true });
mkdirSync(".cache/test-results", { recursive: true });
if (
  stage("unit", npx, [
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    "--outputFile.json=.cache/test-results/vitest.json",
  ])
) {
  // counted below
}
try {
  const j = JSON.parse(readFileSync(".cache/test-results/vitest.json", "utf8"));
  passed += j.numPassedTests;
  failed += j.numFailedTests;
  for (const file of j.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status === "failed") {
        const why = String(t.failureMessages?.[0] ?? "")
          .split("\n")[0]
          .slice(0, 300);
        failures.push(`unit ${file.name.replace(`${process.cwd()}/`, "")} › ${t.fullName}: ${why}`);
      }
    }
    if (file.status === "failed" && !(file.assertionResults ?? []).some((t) => t.status === "failed")) {
      failures.push(
        `unit ${file.name.replace(`${process.cwd()}/`, "")}: ${String(file.message).split("\n")[0].slice(0, 300)}`,
      );
    }
  }
  if (j.numPendingTests + j.numTodoTests > 0) {
    console.error(`unit: ${j.numPendingTests + j.numTodoTests} skipped/todo tests — skips are defects`);
    failed += j.numPendingTests + j.numTodoTests;
  }
} catch {
  if (!only || only === "unit") failed += 1;
}

if (!only || only === "e2e") {
  stage("build", "npm", ["run", "build", "-w", "@cw/wall"]);
  stage("e2e", npx, ["playwright", "test", "-c", "e2e/playwright.config.ts", "--reporter=list,json"], {
    // Absolute: Playwright resolves a relative name against the config's folder (e2e/).
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: resolve(".cache/test-results/e2e.json") },
  });
  try {
    const j = JSON.parse(readFileSync(".cache/test-results/e2e.json", "utf8"));
    passed += j.stats.expected;
    const walk = (suite) => {
      for (const spec of suite.specs ?? []) {
        if (!spec.ok) failures.push(`e2e ${spec.file}:${spec.line} › ${spec.title}`);
      }
      for (const child of suite.suites ?? []) walk(child);
    };
    for (const suite of j.suites ?? []) walk(suite);
    failed += j.stats.unexpected + j.stats.flaky * 0;
    if (j.stats.skipped > 0) {
      console.error(`e2e: ${j.stats.skipped} skipped tests — skips are defects`);
      failed += j.stats.skipped;
    }
  } catch {
    failed += 1;
  }
}

if (failures.length > 0) console.log(`\nfailed tests:\n${failures.map((f) => `  ${f}`).join("\n")}`);
console.log(`\n${report.join("\n")}\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
