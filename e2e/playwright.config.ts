import { defineConfig } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "./support/chromium";

// Debian's Chromium (installed by scripts/provision.mjs); Playwright's own browser download cannot work
// on a closed network. One worker: the machine has 2 cores and each spec plays live video.
export default defineConfig({
  testDir: "./specs",
  // Stops any gateway a killed worker left behind (support/gatewayLedger.ts).
  globalTeardown: "./support/globalTeardown.ts",
  timeout: 90_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  forbidOnly: true,
  outputDir: "../.cache/e2e-output",
  use: {
    headless: true,
    // CW_BROWSER_TZ: the browser's time zone for the date-dependent re-runs of `npm test` (scripts/testZones.mjs).
    ...(process.env.CW_BROWSER_TZ ? { timezoneId: process.env.CW_BROWSER_TZ } : {}),
    viewport: { width: 1600, height: 900 },
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumArgs,
    },
    trace: "off",
  },
});
