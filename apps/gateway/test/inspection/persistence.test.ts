// The draw across restarts: tomorrow's secret survives in secrets.json and reveals tomorrow's
// commitment; before the draw time nothing is drawn and the timer's check draws once it passes; a
// journal edited after the fact fails verification.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers";
import { local, startInspectionGateway } from "./harness";

const secretsOf = (dir: string) => JSON.parse(readFileSync(join(dir, "inspection", "secrets.json"), "utf8"));

describe("across restarts", () => {
  it("reveals the committed secret the next day, waiting for the draw time", async () => {
    const dir = tempDir();
    let t = await startInspectionGateway(local("2025-03-10T09:00:00"), { dir });
    let chief = await t.login("chief");
    const day1 = await t.get("/api/v1/inspections/today", chief);
    const promised = day1.nextCommitment.commitment;
    const secret = secretsOf(dir)["2025-03-11"];
    await t.close({ keepDir: true });

    t = await startInspectionGateway(local("2025-03-11T07:30:00"), { dir });
    chief = await t.login("chief");
    const early = await t.get("/api/v1/inspections/today", chief);
    expect(early.inspections).toEqual([]);
    expect(early.commitment.commitment).toBe(promised);

    t.clock.now = local("2025-03-11T08:00:00");
    await t.gw.core.features.inspection.service.tick();
    const day2 = await t.get("/api/v1/inspections/today", chief);
    expect(day2.inspections).toHaveLength(1);
    const v = await t.get("/api/v1/inspections/2025-03-11/verify", chief);
    expect(v.ok).toBe(true);
    expect(v.events.drawn[0].data.secret).toBe(secret);
    expect(v.events.committed.at).toBeLessThan(local("2025-03-11T00:00:00"));
    expect((await t.get("/api/v1/inspections/2025-03-10/verify", chief)).ok).toBe(true);
    expect(Object.keys(secretsOf(dir))).toEqual(["2025-03-12"]);
    await t.close({ keepDir: true });

    // A restart the same day draws nothing again.
    t = await startInspectionGateway(local("2025-03-11T12:00:00"), { dir });
    chief = await t.login("chief");
    const v2 = await t.get("/api/v1/inspections/2025-03-11/verify", chief);
    expect(v2.draws).toHaveLength(1);
    await t.close();
  });
});

type Entry = { blockId: string; weight: number };
type Drawn = { blockId: string; secret: string; eligible: Entry[] };
type Tamper = (data: Drawn) => void;

describe("a journal edited after the fact fails verification", () => {
  it.each<[string, Tamper, string]>([
    [
      "another block recorded",
      (d) => (d.blockId = d.eligible.find((e) => e.blockId !== d.blockId)!.blockId),
      "pick.result",
    ],
    ["another secret", (d) => (d.secret = "0".repeat(64)), "commitment.matches"],
    ["a weight changed", (d) => (d.eligible[0]!.weight += 1), "eligible.weights"],
    ["a block dropped from the list", (d) => d.eligible.splice(1, 1), "eligible.history"],
  ])("%s", async (_name, tamper, check) => {
    const dir = tempDir();
    let t = await startInspectionGateway(local("2025-03-10T09:00:00"), { dir });
    await t.close({ keepDir: true });
    const file = join(dir, "journal", "events.jsonl");
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    const i = lines.findIndex((l) => JSON.parse(l).type === "inspection.drawn");
    const e = JSON.parse(lines[i]!);
    tamper(e.data);
    lines[i] = JSON.stringify(e);
    writeFileSync(file, `${lines.join("\n")}\n`);
    t = await startInspectionGateway(local("2025-03-10T10:00:00"), { dir });
    const v = await t.get("/api/v1/inspections/2025-03-10/verify", await t.login("viewer"));
    expect(v.ok).toBe(false);
    const failed = v.draws[0].verification.checks
      .filter((c: { ok: boolean }) => !c.ok)
      .map((c: { name: string }) => c.name);
    expect(failed).toContain(check);
    await t.close();
  });
});
