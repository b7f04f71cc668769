// An RTMP camera (a real ffmpeg publisher into the gateway's node-media-server) recorded by its plan:
// published for ~5 s, gone for a while, published again for ~4 s. The timeline is what was recorded:
// two spans of those lengths with the gap between them where the source stopped.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RealGateway, startRealGateway, until } from "./harness";

let t: RealGateway;
beforeAll(async () => {
  t = await startRealGateway();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

function publish(url: string, seconds: number): Promise<number | null> {
  const p = spawn("/usr/bin/ffmpeg", [
    ...["-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25"],
    ...["-t", String(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-bf", "0", "-f", "flv", url],
  ]);
  return new Promise((resolve, reject) => {
    p.once("error", (err) => reject(new Error(`ffmpeg could not run (is it installed?): ${err.message}`)));
    p.once("exit", (code) => resolve(code));
  });
}

it("records what was published, with a gap where the publisher stopped", async () => {
  const commander = await t.login("commander");
  const created = await t.req("/api/v1/cameras", {
    method: "POST",
    cookie: commander,
    json: {
      id: "pj-rtmp-rec",
      name: "RTMP 录像",
      kind: "yard",
      prisonId: "pj",
      subBlockId: "pj-b2-s1",
      source: { kind: "rtmp" },
    },
  });
  expect(created.status).toBe(201);
  const { publishUrl } = (await created.json()) as { publishUrl: string };
  const put = await t.req("/api/v1/cameras/pj-rtmp-rec/recording", {
    method: "PUT",
    cookie: commander,
    json: { mode: "continuous", retentionDays: 1 },
  });
  expect(put.status).toBe(200);
  const since = Date.now();
  const spans = async () =>
    (
      (await (
        await t.req(`/api/v1/cameras/pj-rtmp-rec/recordings?from=${since - 1000}&to=${Date.now() + 1000}`, {
          cookie: commander,
        })
      ).json()) as {
        spans: Array<{ from: number; to: number }>;
      }
    ).spans;

  expect(await publish(publishUrl, 5)).toBe(0);
  // The source is gone: wait until its last recorded moment is well in the past, then publish again.
  await until("the first run recorded and a gap after it", async () => {
    const s = await spans();
    return s.length === 1 && s[0]!.to - s[0]!.from >= 4000 && Date.now() - s[0]!.to >= 3000 ? true : undefined;
  });
  expect(await publish(publishUrl, 4)).toBe(0);
  const both = await until("the second run recorded", async () => {
    const s = await spans();
    return s.length === 2 && s[1]!.to - s[1]!.from >= 3000 ? s : undefined;
  });
  const [a, b] = both as [{ from: number; to: number }, { from: number; to: number }];
  // Whole GOPs of what was published (the last, unfinished segment of a run may be cut at the end).
  expect(a.to - a.from).toBeGreaterThanOrEqual(4000);
  expect(a.to - a.from).toBeLessThanOrEqual(5500);
  expect(b.to - b.from).toBeGreaterThanOrEqual(3000);
  expect(b.to - b.from).toBeLessThanOrEqual(4500);
  expect(b.from - a.to).toBeGreaterThanOrEqual(3000);
});
