import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// Specs written ahead of the code they check go in e2e/pending/ (none at the moment: the layout and the
// gateway-midnight specs of issue 12 run in npm test). `npm test` does not run them; run them alone:
//   npx playwright test -c e2e/playwright.pending.config.ts <name>
export default defineConfig({ ...base, testDir: "./pending" });
