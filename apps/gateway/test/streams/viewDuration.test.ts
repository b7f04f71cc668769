// How long a live view lasted, end to end: a play URL's first playlist logs view.started; requests keep
// it open; once the URL has been quiet for 20 s (the gateway's clock, injected) the sweep logs view.ended
// with its duration, which the audit API answers. Plus ViewTracker on its own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ViewTracker } from "../../src/features/streams/views";
import { startTestGateway, type TestGateway } from "../helpers";

describe("ViewTracker", () => {
  it("ends a view once its URL is quiet, at its last request; requests keep it open", () => {
    let now = 1_000;
    const v = new ViewTracker(20_000, () => now);
    v.started("k", { username: "duty", cameraId: "c", prisonId: "p", variant: "sub" });
    now += 15_000;
    v.seen("k");
    now += 19_999;
    expect(v.sweep()).toEqual([]);
    now += 1;
    expect(v.sweep()).toEqual([
      { username: "duty", cameraId: "c", prisonId: "p", variant: "sub", startedAt: 1_000, endedAt: 16_000 },
    ]);
    expect(v.size).toBe(0);
    v.seen("k"); // a view already ended is not reopened by a stray request
    expect(v.size).toBe(0);
  });

  it("ends every open view when the gateway stops", () => {
    let now = 0;
    const v = new ViewTracker(20_000, () => now);
    v.started("a", { username: "u", cameraId: "c1", prisonId: "p", variant: "main" });
    now = 5_000;
    v.seen("a");
    expect(v.endAll()).toMatchObject([{ cameraId: "c1", startedAt: 0, endedAt: 5_000 }]);
    expect(v.endAll()).toEqual([]);
  });
});

describe("view.ended through the gateway", () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({});
  });
  afterAll(() => t?.close());

  it("logs how long a view lasted, and the audit answers it", async () => {
    const commander = await t.login("commander");
    const res = await t.req("/api/v1/cameras/pj-b2-s1-yard/play?variant=main", { cookie: commander });
    const { hls } = (await res.json()) as { hls: string };
    expect((await t.req(hls)).status).toBe(200);
    t.clock.now += 42_000;
    expect((await t.req(hls)).status).toBe(200);
    // Quiet from now on: 20 s of the gateway's clock, then the next sweep (every 5 s) logs the end.
    t.clock.now += 25_000;
    const deadline = Date.now() + 15_000;
    let ended: Array<{ actor: string; data: { durationMs: number; cameraId: string } }> = [];
    while (ended.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      const page = (await (await t.req("/api/v1/audit?type=view.ended", { cookie: commander })).json()) as {
        events: typeof ended;
      };
      ended = page.events;
    }
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ actor: "commander", data: { cameraId: "pj-b2-s1-yard", durationMs: 42_000 } });
  }, 30_000);
});
