// A journal written before the typed event map (recorded by recordJournal.ts on commit 45c84d1: bare
// usernames and null as actors, every event type the gateway wrote) still opens: the API answers exactly
// what the gateway of that day answered after its own replay; then events written now are appended after
// the old lines (reads renew the sessions, as they did then), and a start on the mixed log reads both.
import { cpSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseRow } from "../../src/events/codec";
import { startTestGateway, type TestGateway, tempDir } from "../helpers";
import { fixtureConfig, viewPaths } from "./journalViews";

const fixture = join(import.meta.dirname, "journalV1");
const expected = JSON.parse(readFileSync(join(fixture, "expected.json"), "utf8")) as {
  end: number;
  ids: Record<string, string>;
  views: Record<string, { status: number; body: unknown }>;
};

const open: TestGateway[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close({ keepDir: true });
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(dir: string): Promise<TestGateway> {
  const t = await startTestGateway({ dir, now: expected.end, config: fixtureConfig });
  open.push(t);
  return t;
}

async function views(t: TestGateway, skip: (name: string) => boolean = () => false) {
  const out: Record<string, { status: number; body: unknown }> = {};
  for (const [name, path, who] of viewPaths(expected.ids)) {
    if (skip(name)) continue;
    const res = await t.req(path, { cookie: expected.ids[who] ?? "" });
    out[name] = { status: res.status, body: await res.json() };
  }
  return out;
}

const without = (names: (n: string) => boolean) =>
  Object.fromEntries(Object.entries(expected.views).filter(([n]) => !names(n)));

describe("a journal from before the typed event map", () => {
  it("fits today's event map line by line (old actors read as today's)", () => {
    const lines = readFileSync(join(fixture, "dataDir", "journal", "events.jsonl"), "utf8")
      .trimEnd()
      .split("\n");
    const bad = lines.map((l) => parseRow(JSON.parse(l))).filter((r) => !r.ok);
    expect(bad).toEqual([]);
    expect(lines.length).toBeGreaterThan(1000);
  });

  it("replays to the same answers, then takes new events after the old lines", { timeout: 60_000 }, async () => {
    const dir = tempDir();
    dirs.push(dir);
    cpSync(join(fixture, "dataDir"), dir, { recursive: true });
    const journal = () => readFileSync(join(dir, "journal", "events.jsonl"), "utf8");
    const old = journal();

    const t = await start(dir);
    const first = await views(t);
    for (const [name, v] of Object.entries(expected.views)) expect(first[name], name).toEqual(v);

    // New events go after the old lines; a start on the mixed log answers the same (audit aside: it grew).
    await t.login("duty");
    await t.req("/api/v1/wall/screens/4", {
      method: "PUT",
      cookie: expected.ids.commander ?? "",
      json: { layoutId: "1", tiles: ["pj-gate"], tourId: null },
    });
    await open.splice(0)[0]?.close({ keepDir: true });
    expect(journal().startsWith(old)).toBe(true); // appended after the old lines, which stay as they were
    const t2 = await start(dir);
    const isAuditOrScreens = (n: string) => n.startsWith("audit") || n === "screens";
    expect(await views(t2, isAuditOrScreens)).toEqual(without(isAuditOrScreens));
    const audit = (await (await t2.req("/api/v1/audit?limit=2", { cookie: expected.ids.chief ?? "" })).json()) as {
      events: Array<{ type: string; actor: string | null }>;
    };
    expect(audit.events.map((e) => [e.type, e.actor])).toEqual([
      ["wall.screen.set", "commander"],
      ["session.opened", "duty"],
    ]);
    const screens = (await (await t2.req("/api/v1/wall/screens/4", { cookie: expected.ids.chief ?? "" })).json()) as {
      tiles: unknown[];
      updatedBy: string;
    };
    expect(screens).toMatchObject({ tiles: ["pj-gate"], updatedBy: "commander" });
  });
});
