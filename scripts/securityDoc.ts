// npm run docs:security — rewrites the roles × capabilities table in docs/api/security.md from the policy
// table (packages/protocol/src/policy.ts); `--check` only says whether the doc is current (exit 1 if not).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { policyDocSection, spliceSection } from "@cw/protocol";

const root = join(import.meta.dirname, "..");
const docPath = join(root, "docs/api/security.md");
const source = readFileSync(join(root, "packages/protocol/src/policy.ts"), "utf8");
const doc = readFileSync(docPath, "utf8");
const next = spliceSection(doc, policyDocSection(source));
if (next === null) {
  console.error("docs/api/security.md has no policy-table markers");
  process.exit(1);
}
if (process.argv.includes("--check")) {
  if (next !== doc) {
    console.error("docs/api/security.md is stale: run npm run docs:security");
    process.exit(1);
  }
} else if (next !== doc) {
  writeFileSync(docPath, next);
  console.log("docs/api/security.md: roles × capabilities table rewritten");
}
