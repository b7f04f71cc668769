// Recording through the real gateway with simulated cameras: a commander's plan records a camera nobody
// watches; its timeline grows; a playback URL (token in the path) serves a playlist whose byte ranges,
// fetched the way hls.js does, decode to every frame it lists; evidence is marked, exported, downloaded
// and verified with the gateway's public key; an alarm on the camera gets a protected clip holding its
// pre-roll; everything someone opened or exported is in the audit log; and the API validates and scopes.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { verifyExport } from "@cw/recording";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alarmBody, postFeed } from "../feeds-http/signed";
import { countFrames, meanDiff, type RealGateway, startRealGateway, until } from "./harness";

const CAM = "pj-b1-s1-cell";
let t: RealGateway;
let commander: string;
let recordingSince = 0;

beforeAll(async () => {
  t = await startRealGateway();
  commander = await t.login("commander");
  const put = await t.req(`/api/v1/cameras/${CAM}/recording`, {
    method: "PUT",
    cookie: commander,
    json: { mode: "continuous", retentionDays: 7, preRollS: 4, postRollS: 2 },
  });
  expect(put.status).toBe(200);
  recordingSince = Date.now();
  // Recording without any viewer: the plan holds the source running.
  await until("6 s recorded", async () => {
    const spans = await timeline();
    const s = spans[0];
    return s && s.to - s.from >= 6000 ? true : undefined;
  });
}, 90_000);
afterAll(async () => {
  await t?.close();
});

async function timeline(cookie = commander): Promise<Array<{ from: number; to: number }>> {
  const r = await t.req(`/api/v1/cameras/${CAM}/recordings?from=${recordingSince - 60_000}&to=${Date.now() + 60_000}`, {
    cookie,
  });
  const body = (await r.json()) as { spans: Array<{ from: number; to: number }> };
  return body.spans;
}

/** Fetches a recordings playlist and its byte ranges the way hls.js does; returns one fMP4 and its listed seconds. */
async function download(hls: string): Promise<{ bytes: Buffer; seconds: number; text: string }> {
  const base = new URL(hls, t.gw.url);
  const text = await (await fetch(base)).text();
  const parts: Buffer[] = [];
  let seconds = 0;
  let mapped = false;
  let range: string | null = null;
  const get = async (uri: string, r: string): Promise<Buffer> => {
    const [len, off] = r.split("@").map(Number) as [number, number];
    const res = await fetch(new URL(uri, base), { headers: { range: `bytes=${off}-${off + len - 1}` } });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toMatch(new RegExp(`^bytes ${off}-${off + len - 1}/\\d+$`));
    return Buffer.from(await res.arrayBuffer());
  };
  for (const line of text.split("\n")) {
    const map = /^#EXT-X-MAP:URI="([^"]+)",BYTERANGE="(\d+@\d+)"$/.exec(line);
    if (map && !mapped) {
      parts.push(await get(map[1]!, map[2]!));
      mapped = true;
    }
    const inf = /^#EXTINF:([\d.]+),$/.exec(line);
    if (inf) seconds += Number(inf[1]);
    const br = /^#EXT-X-BYTERANGE:(\d+@\d+)$/.exec(line);
    if (br) range = br[1]!;
    else if (line && !line.startsWith("#") && range) {
      parts.push(await get(line, range));
      range = null;
    }
  }
  return { bytes: Buffer.concat(parts), seconds, text };
}

describe("recording a camera with a plan", () => {
  it("plays back by byte ranges: every listed second decodes; tokens and ranges are checked", async () => {
    const [span] = await timeline();
    const from = span!.from;
    const to = Math.min(span!.to, from + 6000);
    const r = await t.req(`/api/v1/cameras/${CAM}/playback?from=${from}&to=${to}`, { cookie: commander });
    expect(r.status).toBe(200);
    const { hls } = (await r.json()) as { hls: string };
    expect(hls).toMatch(new RegExp(`^/rec/[^/]+/${CAM}/index\\.m3u8$`));
    const { bytes, seconds, text } = await download(hls);
    expect(text).toContain("#EXT-X-PLAYLIST-TYPE:VOD");
    const file = join(t.dir, "playback.mp4");
    writeFileSync(file, bytes);
    expect(seconds).toBeGreaterThanOrEqual(5);
    expect(countFrames(file)).toBe(Math.round(seconds * 25));

    const fileUrl = new URL(/URI="([^"]+)"/.exec(text)![1]!, new URL(hls, t.gw.url));
    expect((await fetch(fileUrl, { headers: { range: "bytes=999999999-" } })).status).toBe(416);
    const forged = hls.replace(/\/rec\/([^/]+)\//, (_m, tok: string) => `/rec/${tok.slice(0, -2)}xx/`);
    expect((await fetch(new URL(forged, t.gw.url))).status).toBe(403);
    // A live play token does not open recordings.
    const play = (await (await t.req(`/api/v1/cameras/${CAM}/play?variant=main`, { cookie: commander })).json()) as {
      hls: string;
    };
    const liveToken = /^\/hls\/([^/]+)\//.exec(play.hls)![1];
    expect((await fetch(new URL(`/rec/${liveToken}/${CAM}/index.m3u8`, t.gw.url))).status).toBe(403);
  });

  it("an alarm on the camera gets a protected clip holding its pre-roll; it exports, verifies, and a flipped byte fails", async () => {
    const at = Date.now();
    const feed = await postFeed(
      t.gw.url,
      "pj",
      "alarms",
      JSON.stringify(alarmBody(`rec-${at}`, { cameraId: CAM, occurredAt: at })),
    );
    expect(feed.status).toBeLessThan(300);
    const clip = await until("the alarm's clip", async () => {
      const list = (await (await t.req(`/api/v1/evidence?cameraId=${CAM}`, { cookie: commander })).json()) as {
        evidence: Array<{ id: string; kind: string; from: number; to: number; alarmId: string | null }>;
      };
      return list.evidence.find((e) => e.kind === "alarm");
    });
    expect(clip.to - clip.from).toBe(6000);
    expect(clip.from).toBeGreaterThanOrEqual(at - 4000 - 1000);
    await until("the post-roll recorded", async () =>
      (await timeline()).some((s) => s.to >= clip.to) ? true : undefined,
    );

    const ex = await t.req(`/api/v1/evidence/${clip.id}/export`, { method: "POST", cookie: commander });
    expect(ex.status).toBe(200);
    const { mp4, manifest } = (await ex.json()) as { mp4: string; manifest: string };
    const mp4Bytes = Buffer.from(await (await t.req(mp4, { cookie: commander })).arrayBuffer());
    const man: unknown = await (await t.req(manifest, { cookie: commander })).json();
    const file = join(t.dir, "clip.mp4");
    writeFileSync(file, mp4Bytes);
    // Whole stored segments around [at − 4 s, at + 2 s]: the pre-roll is in it.
    expect(countFrames(file)).toBeGreaterThanOrEqual(6 * 25);
    const { publicKey } = (await (await fetch(`${t.gw.url}/api/v1/evidence/public-key`)).json()) as {
      publicKey: string;
    };
    const ok = await verifyExport(file, man, publicKey);
    expect(ok.ok).toBe(true);
    expect(ok.manifest).toMatchObject({ cameraId: CAM, from: clip.from, to: clip.to, exportedBy: "commander" });
    mp4Bytes[mp4Bytes.length >> 1]! ^= 1;
    writeFileSync(file, mp4Bytes);
    expect((await verifyExport(file, man, publicKey)).checks.find((c) => !c.ok)?.name).toBe("sha256");
  });

  it("a user marks a span as evidence with a note; playback, export and download are in the audit log", async () => {
    const [span] = await timeline();
    const body = { cameraId: CAM, from: span!.from, to: span!.from + 3000, note: "斗殴前的争执" };
    const r = await t.req("/api/v1/evidence", { method: "POST", cookie: await t.login("duty"), json: body });
    expect(r.status).toBe(201);
    const { id } = (await r.json()) as { id: string };
    const got = (await (await t.req(`/api/v1/evidence/${id}`, { cookie: commander })).json()) as Record<
      string,
      unknown
    >;
    expect(got).toMatchObject({ ...body, id, kind: "manual", createdBy: "duty", exports: [] });
    const audit = async (type: string) =>
      (
        (await (await t.req(`/api/v1/audit?type=${type}`, { cookie: commander })).json()) as {
          events: Array<{ actor: string; data: Record<string, unknown> }>;
        }
      ).events;
    expect((await audit("recording.played")).some((e) => e.actor === "commander" && e.data.source === "playback")).toBe(
      true,
    );
    expect((await audit("evidence.exported")).length).toBeGreaterThan(0);
    expect((await audit("evidence.downloaded")).map((e) => e.data.file).sort()).toEqual(["manifest", "mp4"]);
    expect((await audit("evidence.created")).map((e) => e.data.kind).sort()).toEqual(["alarm", "manual"]);
  });

  it("a watermarked export shows who and when over the picture, still decodes whole and verifies", async () => {
    const [span] = await timeline();
    const body = { cameraId: CAM, from: span!.from, to: span!.from + 3000, note: "水印导出" };
    const { id } = (await (
      await t.req("/api/v1/evidence", { method: "POST", cookie: commander, json: body })
    ).json()) as {
      id: string;
    };
    const files: string[] = [];
    for (const watermark of [false, true]) {
      const ex = await t.req(`/api/v1/evidence/${id}/export`, {
        method: "POST",
        cookie: commander,
        json: { watermark },
      });
      expect(ex.status).toBe(200);
      const { mp4, manifest } = (await ex.json()) as { mp4: string; manifest: string };
      const file = join(t.dir, `wm-${watermark}.mp4`);
      writeFileSync(file, Buffer.from(await (await t.req(mp4, { cookie: commander })).arrayBuffer()));
      const man: unknown = await (await t.req(manifest, { cookie: commander })).json();
      const { publicKey } = (await (await fetch(`${t.gw.url}/api/v1/evidence/public-key`)).json()) as {
        publicKey: string;
      };
      expect((await verifyExport(file, man, publicKey)).ok).toBe(true);
      files.push(file);
    }
    expect(countFrames(files[1]!)).toBe(countFrames(files[0]!));
    // The corner where the exporter's line is written differs from the plain export's; the middle does not.
    expect(meanDiff(files[0]!, files[1]!, "crop=iw/3:ih/12:0:0")).toBeGreaterThan(20);
    expect(meanDiff(files[0]!, files[1]!, "crop=iw/3:ih/6:iw/3:ih/3")).toBeLessThan(5);
    const ev = (await (await t.req(`/api/v1/evidence/${id}`, { cookie: commander })).json()) as {
      exports: Array<{ n: number; watermark?: boolean }>;
    };
    expect(ev.exports.map((x) => x.watermark ?? false)).toEqual([false, true]);
    const bad = await t.req(`/api/v1/evidence/${id}/export`, {
      method: "POST",
      cookie: commander,
      json: { watermark: "yes" },
    });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ field: "watermark" });
  }, 60_000);
});

describe("who may see and do what", () => {
  it("operators see only their own prison; viewers see no recordings; only commanders set plans", async () => {
    const own = await t.login("operator-pj");
    const other = await t.login("operator-jz");
    const viewer = await t.login("viewer");
    const q = `from=${recordingSince}&to=${Date.now()}`;
    expect((await t.req(`/api/v1/cameras/${CAM}/recordings?${q}`, { cookie: own })).status).toBe(200);
    for (const path of [
      `/api/v1/cameras/${CAM}/recordings?${q}`,
      `/api/v1/cameras/${CAM}/playback?${q}`,
      `/api/v1/cameras/${CAM}/recording`,
    ]) {
      const res = await t.req(path, { cookie: other });
      expect(res.status, path).toBe(403);
      expect(await res.json()).toMatchObject({ code: "forbidden" });
      expect((await t.req(path, { cookie: viewer })).status, path).toBe(403);
    }
    const otherList = (await (await t.req("/api/v1/evidence", { cookie: other })).json()) as { evidence: unknown[] };
    expect(otherList.evidence).toEqual([]);
    const ownList = (await (await t.req("/api/v1/evidence", { cookie: own })).json()) as { evidence: unknown[] };
    expect(ownList.evidence.length).toBeGreaterThan(0);
    const put = await t.req(`/api/v1/cameras/${CAM}/recording`, {
      method: "PUT",
      cookie: own,
      json: { mode: "off", retentionDays: 7 },
    });
    expect(put.status).toBe(403);
  });

  it.each([
    ["PUT", `/api/v1/cameras/${CAM}/recording`, { mode: "sometimes", retentionDays: 7 }, 422, "mode"],
    ["PUT", `/api/v1/cameras/${CAM}/recording`, { mode: "schedule", retentionDays: 7 }, 422, "schedule"],
    [
      "PUT",
      `/api/v1/cameras/${CAM}/recording`,
      { mode: "schedule", retentionDays: 7, schedule: [{ days: [8], from: "08:00", to: "09:00" }] },
      422,
      "schedule.0.days.0",
    ],
    ["PUT", `/api/v1/cameras/${CAM}/recording`, { mode: "continuous", retentionDays: 0 }, 422, "retentionDays"],
    ["GET", `/api/v1/cameras/${CAM}/recordings?from=10&to=5`, undefined, 422, "to"],
    ["GET", `/api/v1/cameras/${CAM}/recordings?from=abc&to=5`, undefined, 422, "from"],
    ["GET", `/api/v1/cameras/${CAM}/playback?from=0&to=${2 * 86_400_000}`, undefined, 422, "to"],
    ["GET", `/api/v1/cameras/${CAM}/playback?from=1000&to=2000`, undefined, 404, "from"],
    ["GET", `/api/v1/cameras/${CAM}/replay?back=600`, undefined, 422, "back"],
    ["POST", "/api/v1/evidence", { cameraId: CAM, from: 5, to: 1, note: "x" }, 422, "to"],
    ["POST", "/api/v1/evidence", { cameraId: CAM, from: 1, to: 5, note: "" }, 422, "note"],
    ["POST", "/api/v1/evidence", { cameraId: "../etc", from: 1, to: 5, note: "x" }, 422, "cameraId"],
    ["POST", "/api/v1/evidence/ev-nope/export", undefined, 404, "id"],
    ["GET", "/api/v1/cameras/no-such-camera/recordings?from=1&to=2", undefined, 404, "id"],
  ])("%s %s → %i on %s", async (method, path, json, status, field) => {
    const res = await t.req(path, { method, cookie: commander, ...(json ? { json } : {}) });
    expect(res.status).toBe(status);
    const body = (await res.json()) as { code: string; message: string; field?: string };
    expect(body.field).toBe(field);
    expect(typeof body.message).toBe("string");
  });
});
