import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// Specs written ahead of the code they check (issue 12: the gateway-midnight spec).
// `npm test` does not run them; the lead moves each into specs/ when its code has landed. Run them alone:
//   npx playwright test -c e2e/playwright.pending.config.ts midnight
export default defineConfig({ ...base, testDir: "./pending" });
