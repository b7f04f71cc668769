// `npm test`: provision → lint+format → typecheck → unit+integration (vitest) → build the wall → e2e
// (Playwright in Debian's Chromium against real gateways). Every stage runs real parts; a stage that
// fails fails the run. Ends with one plain summary line "N passed, N failed".
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { provision } from "./provision.mjs";
import { dateE2eSpecs, dateUnitTests, extraUnitZones, reportsE2eSpecs, zoneWithOtherDate } from "./testZones.mjs";

const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : null;
const started = Date.now();
const report = [];
let passed = 0;
let failed = 0;
const failures = [];

/** `--only e2e` runs the stage named e2e and its variants (e2e-tz, e2e-otherdate). */
const selected = (name) => !only || name === only || name.startsWith(`${only}-`);

function stage(name, cmd, argv, opts = {}) {
  if (!selected(name)) return true;
  const t0 = Date.now();
  const label = opts.label ?? name;
  console.log(`\n=== ${label}: ${cmd} ${argv.join(" ")}`);
  const r = spawnSync(cmd, argv, { stdio: "inherit", env: { ...process.env, FORCE_COLOR: "0", ...opts.env } });
  const ok = r.status === 0;
  report.push(`${ok ? "ok  " : "FAIL"} ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (!ok) failed += 1;
  return ok;
}

const relative = (file) => file.replace(`${process.cwd()}/`, "");

/** Adds a vitest JSON report's counts and failures (`label` prefixes each failure). */
function countVitest(file, label) {
  try {
    const j = JSON.parse(readFileSync(file, "utf8"));
    passed += j.numPassedTests;
    failed += j.numFailedTests;
    for (const f of j.testResults ?? []) {
      for (const t of f.assertionResults ?? []) {
        if (t.status === "failed") {
          const why = String(t.failureMessages?.[0] ?? "")
            .split("\n")[0]
            .slice(0, 300);
          failures.push(`${label} ${relative(f.name)} › ${t.fullName}: ${why}`);
        }
      }
      if (f.status === "failed" && !(f.assertionResults ?? []).some((t) => t.status === "failed")) {
        failures.push(`${label} ${relative(f.name)}: ${String(f.message).split("\n")[0].slice(0, 300)}`);
      }
    }
    if (j.numPendingTests + j.numTodoTests > 0) {
      console.error(`${label}: ${j.numPendingTests + j.numTodoTests} skipped/todo tests — skips are defects`);
      failed += j.numPendingTests + j.numTodoTests;
    }
  } catch {
    failed += 1;
  }
}

/** Adds a Playwright JSON report's counts and failures. */
function countPlaywright(file, label) {
  try {
    const j = JSON.parse(readFileSync(file, "utf8"));
    passed += j.stats.expected;
    const walk = (suite) => {
      for (const spec of suite.specs ?? []) {
        if (!spec.ok) failures.push(`${label} ${spec.file}:${spec.line} › ${spec.title}`);
      }
      for (const child of suite.suites ?? []) walk(child);
    };
    for (const suite of j.suites ?? []) walk(suite);
    failed += j.stats.unexpected + j.stats.flaky * 0;
    if (j.stats.skipped > 0) {
      console.error(`${label}: ${j.stats.skipped} skipped tests — skips are defects`);
      failed += j.stats.skipped;
    }
  } catch {
    failed += 1;
  }
}

const vitestJson = (file) => ["--reporter=default", "--reporter=json", `--outputFile.json=${file}`];
/** Playwright's arguments; the JSON path is absolute: Playwright resolves a relative one against e2e/. */
const playwrightArgv = (filters) => [
  "playwright",
  "test",
  "-c",
  "e2e/playwright.config.ts",
  ...filters,
  "--reporter=list,json",
];
const jsonOut = (file) => ({ PLAYWRIGHT_JSON_OUTPUT_NAME: resolve(file) });

provision();

const npx = "npx";
stage("lint", npx, ["biome", "ci", "."]);
stage("typecheck", npx, ["tsc", "-p", "tsconfig.json", "--noEmit"]);
stage("import cycles", "npm", ["run", "cycles"]);

rmSync(".cache/test-results", { recursive: true, force: true });
mkdirSync(".cache/test-results", { recursive: true });

// Unit + integration in UTC except the date logic, which runs in the zones of scripts/testZones.mjs
// (the bureau's own and one 16 h behind it) — twice, not three times: UTC is no more telling than either.
if (selected("unit")) {
  const notDates = dateUnitTests.flatMap((dir) => ["--exclude", `${dir}/**`]);
  stage("unit", npx, ["vitest", "run", ...notDates, ...vitestJson(".cache/test-results/vitest.json")], {
    env: { TZ: "UTC" },
  });
  countVitest(".cache/test-results/vitest.json", "unit");
}
for (const zone of extraUnitZones) {
  if (!selected("unit-tz")) break;
  const file = `.cache/test-results/vitest-${zone.replace("/", "-")}.json`;
  const label = `unit-tz TZ=${zone}`;
  stage("unit-tz", npx, ["vitest", "run", ...dateUnitTests, ...vitestJson(file)], { env: { TZ: zone }, label });
  countVitest(file, label);
}

if (selected("e2e") || selected("e2e-tz") || selected("e2e-otherdate")) {
  stage("build", "npm", ["run", "build", "-w", "@cw/wall"]);
  if (selected("e2e")) {
    // Every spec but the date-dependent ones, which run below with the process and browser in other zones.
    const specs = readdirSync("e2e/specs").filter(
      (f) => f.endsWith(".spec.ts") && !dateE2eSpecs.some((d) => f.startsWith(d)),
    );
    stage("e2e", npx, playwrightArgv(specs.map((f) => `specs/${f}`)), { env: jsonOut(".cache/test-results/e2e.json") });
    countPlaywright(".cache/test-results/e2e.json", "e2e");
  }
  // The date-dependent specs with the process and the browser in Los Angeles.
  if (selected("e2e-tz")) {
    const zone = "America/Los_Angeles";
    const file = ".cache/test-results/e2e-tz.json";
    const label = `e2e-tz TZ=${zone}`;
    const env = { ...jsonOut(file), TZ: zone, CW_BROWSER_TZ: zone };
    stage("e2e-tz", npx, playwrightArgv(dateE2eSpecs), { env, label });
    countPlaywright(file, label);
  }
  // The reports in a browser whose date is not the bureau's right now (a wall PC in UTC after 16:00 UTC).
  if (selected("e2e-otherdate")) {
    const zone = zoneWithOtherDate();
    const file = ".cache/test-results/e2e-otherdate.json";
    const label = `e2e-otherdate browser in ${zone}`;
    const env = { ...jsonOut(file), CW_BROWSER_TZ: zone };
    stage("e2e-otherdate", npx, playwrightArgv(reportsE2eSpecs), { env, label });
    countPlaywright(file, label);
  }
}

if (failures.length > 0) console.log(`\nfailed tests:\n${failures.map((f) => `  ${f}`).join("\n")}`);
console.log(`\n${report.join("\n")}\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
