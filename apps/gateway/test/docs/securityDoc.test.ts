// docs/api/security.md's roles × capabilities table is generated from the policy table: this fails when a
// capability, a role's grant or a capability's description changed and `npm run docs:security` was not run.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { capabilities, capabilityNotes, policyDocSection, spliceSection } from "@cw/protocol";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../../../..");
const source = readFileSync(join(root, "packages/protocol/src/policy.ts"), "utf8");
const doc = readFileSync(join(root, "docs/api/security.md"), "utf8");

describe("the security doc's roles × capabilities table", () => {
  it("is the one the policy table makes (run npm run docs:security)", () => {
    expect(spliceSection(doc, policyDocSection(source))).toBe(doc);
  });

  it("describes every capability", () => {
    const notes = capabilityNotes(source);
    for (const c of capabilities) expect(notes.get(c), c).toMatch(/\S/);
  });

  it("marks each grant: a change in the table changes the doc", () => {
    const section = policyDocSection(source);
    expect(section).toMatch(/\| `cameraGroups\.manage` \| .+ \| ✓ \|(\s+\|){5}$/m);
    expect(section).toContain(
      "| *reach* | the prisons a role's users see | province | province | province | province | prison | province |",
    );
  });
});
