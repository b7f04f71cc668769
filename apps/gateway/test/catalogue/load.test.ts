// Loading the catalogue file: the shipped example is valid; bad files stop the start with the path.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadProvince } from "../../src/features/catalogue/load";

const example = fileURLToPath(new URL("../../catalogue.example.json", import.meta.url));

describe("loadProvince", () => {
  it("loads the shipped example", () => {
    const p = loadProvince(example);
    expect(p.prisons.length).toBeGreaterThan(0);
  });

  it("defaults to the demo province", () => {
    expect(loadProvince(undefined).prisons.length).toBeGreaterThanOrEqual(12);
  });

  it.each([
    ["missing file", null, "cannot be read"],
    ["bad JSON", "{", "is not valid JSON"],
    [
      "bad field",
      JSON.stringify({ bureau: { id: "b", name: "x" }, prisons: [{ id: "", name: "x" }] }),
      "prisons[0].id",
    ],
  ])("%s → clear error", (_n, content, message) => {
    const dir = mkdtempSync(join(tmpdir(), "cw-cat-"));
    try {
      const file = join(dir, "c.json");
      if (content !== null) writeFileSync(file, content);
      expect(() => loadProvince(file)).toThrow(message);
      expect(() => loadProvince(file)).toThrow(file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
