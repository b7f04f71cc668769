// Recording plans on prisons, blocks and sub-blocks through the real gateway: a plan on a sub-block
// records a camera below it that nobody watches and that has no plan of its own; the camera's own "off"
// stops it; clearing that returns it to the sub-block's plan; the list shows who set what; plans survive a
// restart; the API validates, 404s unknown nodes and keeps operators to their own prison.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers";
import { type RealGateway, startRealGateway, until } from "./harness";

const CAM = "pj-b3-s1-cell";
const dir = tempDir();
let t: RealGateway;
let commander: string;
let sub: string;
let since = 0;

interface Camera {
  id: string;
  blockId: string | null;
  subBlockId: string | null;
}

beforeAll(async () => {
  t = await startRealGateway({}, dir);
  commander = await t.login("commander");
  const camera = (await (await t.req(`/api/v1/cameras/${CAM}`, { cookie: commander })).json()) as Camera;
  sub = camera.subBlockId!;
  since = Date.now();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

async function recordedMs(): Promise<number> {
  const r = await t.req(`/api/v1/cameras/${CAM}/recordings?from=${since - 60_000}&to=${Date.now() + 60_000}`, {
    cookie: commander,
  });
  const { spans } = (await r.json()) as { spans: Array<{ from: number; to: number }> };
  return spans.reduce((sum, s) => sum + (s.to - s.from), 0);
}

const put = (path: string, json: unknown, cookie = commander) => t.req(path, { method: "PUT", cookie, json });

describe("a plan on a sub-block", () => {
  it("records a camera below it with no plan of its own; the camera's own 'off' wins; clearing it inherits again", async () => {
    expect(await recordedMs()).toBe(0);
    const set = await put(`/api/v1/recording-plans/subBlock/${sub}`, { mode: "continuous", retentionDays: 3 });
    expect(set.status).toBe(200);
    const effective = await (await t.req(`/api/v1/cameras/${CAM}/recording`, { cookie: commander })).json();
    expect(effective).toEqual({ mode: "continuous", retentionDays: 3 });
    await until(
      "3 s recorded by the sub-block's plan",
      async () => ((await recordedMs()) >= 3000 ? true : undefined),
      60_000,
    );

    expect((await put(`/api/v1/cameras/${CAM}/recording`, { mode: "off", retentionDays: 3 })).status).toBe(200);
    // Stopped: what is recorded stops growing.
    await new Promise((r) => setTimeout(r, 3000));
    const stopped = await recordedMs();
    await new Promise((r) => setTimeout(r, 3000));
    expect(await recordedMs()).toBe(stopped);

    const cleared = await t.req(`/api/v1/recording-plans/camera/${CAM}`, { method: "DELETE", cookie: commander });
    expect(cleared.status).toBe(204);
    await until("recording again", async () => ((await recordedMs()) > stopped + 2000 ? true : undefined), 60_000);

    const list = (await (await t.req("/api/v1/recording-plans", { cookie: commander })).json()) as {
      plans: Array<{ scope: string; id: string; prisonId: string; setBy: string | null }>;
    };
    expect(list.plans).toContainEqual(
      expect.objectContaining({ scope: "subBlock", id: sub, prisonId: "pj", setBy: "commander" }),
    );
    expect(list.plans.some((p) => p.scope === "camera" && p.id === CAM)).toBe(false);
  }, 150_000);

  it("operators of another prison neither see nor set it; bad nodes and plans are refused with the field", async () => {
    const other = await t.login("operator-jz");
    const seen = (await (await t.req("/api/v1/recording-plans", { cookie: other })).json()) as { plans: unknown[] };
    expect(seen.plans).toEqual([]);
    const own = await t.login("operator-pj");
    for (const cookie of [other, own]) {
      const r = await put(`/api/v1/recording-plans/subBlock/${sub}`, { mode: "off", retentionDays: 1 }, cookie);
      expect(r.status).toBe(403);
      expect(await r.json()).toMatchObject({ code: "forbidden" });
    }
    const cases: Array<[string, string, unknown, number, string]> = [
      ["PUT", "/api/v1/recording-plans/floor/pj", { mode: "off", retentionDays: 1 }, 422, "scope"],
      ["PUT", "/api/v1/recording-plans/block/no-such-block", { mode: "off", retentionDays: 1 }, 404, "id"],
      ["PUT", "/api/v1/recording-plans/prison/pj", { mode: "sometimes", retentionDays: 1 }, 422, "mode"],
      ["PUT", "/api/v1/recording-plans/camera/no-such-camera", { mode: "off", retentionDays: 1 }, 404, "id"],
      ["DELETE", "/api/v1/recording-plans/prison/pj", undefined, 404, "id"],
    ];
    for (const [method, path, json, status, field] of cases) {
      const r = await t.req(path, { method, cookie: commander, ...(json ? { json } : {}) });
      expect(r.status, `${method} ${path}`).toBe(status);
      expect(((await r.json()) as { field?: string }).field, path).toBe(field);
    }
  });

  it("survives a restart: the camera records by the sub-block's plan again", async () => {
    await t.close();
    t = await startRealGateway({}, dir);
    commander = await t.login("commander");
    const effective = await (await t.req(`/api/v1/cameras/${CAM}/recording`, { cookie: commander })).json();
    expect(effective).toEqual({ mode: "continuous", retentionDays: 3 });
    const before = await recordedMs();
    await until(
      "recording after the restart",
      async () => ((await recordedMs()) > before + 2000 ? true : undefined),
      60_000,
    );
  }, 120_000);
});
