// The recordings quota reached with nothing left that retention may delete (the only file is the one
// being written): recording stops, the camera's prison gets one device_fault alarm (and the fault is in
// the log), live video of the camera plays on, and what was recorded before the stop still plays whole.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { countFrames, type RealGateway, startRealGateway, until } from "./harness";

const CAM = "pj-b1-s2-yard";
let t: RealGateway;
beforeAll(async () => {
  // ~0.5 MB: a few seconds of the simulator's main stream.
  t = await startRealGateway({ recordMaxGb: 0.0005 });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

it("stops recording with a device-fault alarm; live plays on; nothing recorded is broken", async () => {
  const commander = await t.login("commander");
  const since = Date.now();
  const put = await t.req(`/api/v1/cameras/${CAM}/recording`, {
    method: "PUT",
    cookie: commander,
    json: { mode: "continuous", retentionDays: 7 },
  });
  expect(put.status).toBe(200);
  const alarm = await until("a device_fault alarm", async () => {
    const list = (await (await t.req("/api/v1/alarms?limit=50", { cookie: commander })).json()) as {
      alarms: Array<{ id: string; type: string; prisonId: string; description: string | null; state: string }>;
    };
    return list.alarms.find((a) => a.type === "device_fault");
  });
  expect(alarm).toMatchObject({ prisonId: "pj", state: "open" });
  expect(alarm.description).toContain("quota_full");
  // The operator of that prison sees it too.
  const op = await t.login("operator-pj");
  const own = (await (await t.req(`/api/v1/alarms/${alarm.id}`, { cookie: op })).json()) as { id: string };
  expect(own.id).toBe(alarm.id);

  // Recording has stopped: the timeline no longer grows.
  const spans = async () =>
    (
      (await (
        await t.req(`/api/v1/cameras/${CAM}/recordings?from=${since - 1000}&to=${Date.now() + 1000}`, {
          cookie: commander,
        })
      ).json()) as {
        spans: Array<{ from: number; to: number }>;
      }
    ).spans;
  const stoppedAt = (await spans())[0]!.to;
  const live = (await (await t.req(`/api/v1/cameras/${CAM}/play?variant=main`, { cookie: commander })).json()) as {
    hls: string;
  };
  // Live goes on meanwhile: the live playlist answers with new media well after the stop.
  await until("live media after the stop", async () => {
    const text = await (await fetch(new URL(live.hls, t.gw.url))).text();
    const pdt = [...text.matchAll(/#EXT-X-PROGRAM-DATE-TIME:(\S+)/g)].map((m) => Date.parse(m[1]!));
    return pdt.some((ms) => ms > stoppedAt + 2000) ? true : undefined;
  });
  expect((await spans())[0]!.to).toBe(stoppedAt);

  // What was recorded plays whole.
  const pb = (await (
    await t.req(`/api/v1/cameras/${CAM}/playback?from=${since - 1000}&to=${stoppedAt}`, { cookie: commander })
  ).json()) as {
    hls: string;
  };
  const base = new URL(pb.hls, t.gw.url);
  const text = await (await fetch(base)).text();
  const uri = /#EXT-X-MAP:URI="([^"]+)"/.exec(text)![1]!;
  const whole = Buffer.from(await (await fetch(new URL(uri, base))).arrayBuffer());
  const file = join(t.dir, "stopped.mp4");
  writeFileSync(file, whole);
  const seconds = [...text.matchAll(/#EXTINF:([\d.]+),/g)].reduce((n, m) => n + Number(m[1]), 0);
  expect(countFrames(file)).toBe(Math.round(seconds * 25));

  const audit = (await (await t.req("/api/v1/audit?type=recording.fault", { cookie: commander })).json()) as {
    events: Array<{ data: { kind: string; prisonIds: string[] } }>;
  };
  expect(audit.events.map((e) => [e.data.kind, e.data.prisonIds])).toEqual([["quota_full", ["pj"]]]);
});
