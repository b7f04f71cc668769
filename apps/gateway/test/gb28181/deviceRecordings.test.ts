// Device recordings over GB/T 28181 through the whole gateway (startGateway, the simulator as an NVR): the
// timeline of a GB camera carries the device's spans (RecordInfo in the bureau's local time, answered in two
// GBK MESSAGEs); `playback?source=device` INVITEs `s=Playback` for the span and serves what arrives as an HLS
// playlist dated from the asked time, whose segments decode in ffprobe; the playlist ends when the device
// says the file is over (MediaStatus 121); a playback nobody fetches is hung up (BYE); every device playback
// is in the audit log; a camera that is not GB is refused. Faster than 1×: `scale=4` (or a later
// POST …/control) sends MANSRTSP PLAY with Scale over INFO in the dialog, the NVR sends every frame four
// times sooner with the recording's timestamps, and the playlist stays dated by the recording (each
// segment's PROGRAM-DATE-TIME = the previous one + its EXTINF), every frame there; speeds outside the set
// are 422. Evidence of a span only the device holds: fetched with `s=Download` (downloadspeed 4; a device
// refusing it gets a playback of exactly the span at Scale 4) into the recording store, pending → ready,
// protected, exported as the same signed MP4 (verifies, ffprobe plays all of it); offline → 409.
import { execFile } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { verifyExport } from "@cw/recording";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../../../e2e/support/gateway";
import { prisonCatalog } from "../../../../e2e/support/gb-sim/catalog";
import { SimDevice } from "../../../../e2e/support/gb-sim/device";
import { makeConfig } from "../../src/config";
import type { Gateway } from "../../src/gateway";
import { createLogger } from "../../src/log";
import { startGateway } from "../../src/start";
import { demoPassword, loginWith, type Requester, requester, tempDir } from "../helpers";
import { clip, DEVICE, DOMAIN, PASSWORD, SERVER_ID, until } from "./harness";

let gw: Gateway;
let req: Requester;
let dir: string;
let device: SimDevice;
let commander: string;
const catalog = prisonCatalog(DOMAIN);
const channel = catalog.find((c) => c.kind === "camera")!;
const cameraId = `gb-${channel.id}`;
const MIN = 60_000;
const ROOT = join(import.meta.dirname, "../../../..");
// Whole seconds: device times have no milliseconds.
const now = Math.floor(Date.now() / 1000) * 1000;
const recordings = [
  { from: now - 120 * MIN, to: now - 110 * MIN },
  { from: now - 90 * MIN, to: now - 80 * MIN },
  { from: now - 40 * MIN, to: now - 30 * MIN },
];

beforeAll(async () => {
  dir = tempDir();
  const sipPort = await freePort();
  const base = 26_000 + Math.floor(Math.random() * 100) * 20;
  gw = await startGateway(
    makeConfig({
      port: 0,
      host: "127.0.0.1",
      rtmpPort: 0,
      dataDir: dir,
      demoPassword,
      logLevel: "silent",
      wallDir: join(dir, "no-wall"),
      sim: false,
      feedSim: false,
      streamIdleS: 4,
      gbPassword: PASSWORD,
      gbSipPort: sipPort,
      gbServerId: SERVER_ID,
      gbDomain: DOMAIN,
      gbMediaPorts: `${base}-${base + 19}`,
    }),
    createLogger("silent"),
  );
  req = requester(gw.url);
  device = new SimDevice({
    server: { host: "127.0.0.1", port: sipPort, id: SERVER_ID, domain: DOMAIN },
    deviceId: DEVICE,
    password: PASSWORD,
    transport: "udp",
    channels: catalog,
    media: { codec: "h264", frames: clip("h264") },
    pageSize: 16,
    recordings,
    tzOffsetMin: 480,
  });
  await device.start();
  expect(await device.register()).toBe(200);
  commander = await loginWith(req, "commander");
  await until(() => (gw.core.features.catalogue.store.cameras().length ?? 0) > 0, 5000, "catalogue");
  // Assign the device once its catalogue is in: its channels become cameras of the prison.
  const start = Date.now();
  for (;;) {
    const r = (await (await req(`/api/v1/gb/devices/${DEVICE}`, { cookie: commander })).json()) as {
      channels?: unknown[];
    };
    if ((r.channels?.length ?? 0) >= 64 || Date.now() - start > 10_000) break;
    await new Promise((res) => setTimeout(res, 50));
  }
  const put = await req(`/api/v1/gb/devices/${DEVICE}`, { method: "PUT", cookie: commander, json: { prisonId: "pj" } });
  expect(put.status).toBe(200);
  expect(gw.core.features.catalogue.store.camera(cameraId)).toBeTruthy();
}, 60_000);

afterAll(async () => {
  await device?.close();
  await gw?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = async <T>(path: string) => {
  const r = await req(path, { cookie: commander });
  return { status: r.status, body: (await r.json()) as T };
};

interface Timeline {
  spans: unknown[];
  deviceSpans?: { from: number; to: number }[];
  deviceError?: string;
}

/** The playlist's segments: PROGRAM-DATE-TIME (ms), EXTINF (ms); and whether it has ended. */
function segmentsOf(text: string): { pdt: number[]; durations: number[]; ended: boolean } {
  const pdt = [...text.matchAll(/#EXT-X-PROGRAM-DATE-TIME:(\S+)/g)].map((m) => Date.parse(m[1]!));
  const durations = [...text.matchAll(/#EXTINF:([\d.]+)/g)].map((m) => Number(m[1]) * 1000);
  return { pdt, durations, ended: text.includes("#EXT-X-ENDLIST") };
}

/** Polls a device playlist until it ends (the device sent the file to its end). */
async function untilEnded(url: string, ms: number): Promise<{ text: string; seg: ReturnType<typeof segmentsOf> }> {
  let text = "";
  let seg = segmentsOf(text);
  const started = Date.now();
  while (!seg.ended && Date.now() - started < ms) {
    text = await (await fetch(url)).text();
    seg = segmentsOf(text);
    if (!seg.ended) await new Promise((r) => setTimeout(r, 250));
  }
  return { text, seg };
}

/** Frames ffprobe decodes through a playlist. Not spawnSync: the gateway serving it runs in this loop. */
async function probeFrames(url: string): Promise<{ codec: string; frames: number }> {
  const probe = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(
      "/usr/bin/ffprobe",
      [
        ...["-v", "error", "-count_frames", "-select_streams", "v:0"],
        ...["-show_entries", "stream=codec_name,nb_read_frames", "-of", "json", url],
      ],
      { timeout: 30_000 },
      (err, stdout, stderr) => resolve({ code: err ? 1 : 0, stdout, stderr }),
    ),
  );
  expect(probe.code, probe.stderr).toBe(0);
  const s = (JSON.parse(probe.stdout) as { streams: { codec_name: string; nb_read_frames: string }[] }).streams[0]!;
  return { codec: s.codec_name, frames: Number(s.nb_read_frames) };
}

describe("device recordings of a GB camera", () => {
  it("the timeline has the device's spans (RecordInfo in the bureau's local time, two GBK pages)", async () => {
    const from = now - 24 * 60 * MIN;
    const t = await get<Timeline>(`/api/v1/cameras/${cameraId}/recordings?from=${from}&to=${now}`);
    expect(t.status).toBe(200);
    expect(t.body.spans).toEqual([]);
    expect(t.body.deviceSpans).toEqual(recordings);
    // The query named the window in local time of UTC+8, whatever this machine's zone.
    const query = device.received.find((m) => m.body.toString("latin1").includes("<CmdType>RecordInfo</CmdType>"));
    const local = new Date(from + 480 * MIN).toISOString().slice(0, 19);
    expect(query?.body.toString("latin1")).toContain(`<StartTime>${local}</StartTime>`);
    // A window that clips a span clips it.
    const part = await get<Timeline>(
      `/api/v1/cameras/${cameraId}/recordings?from=${now - 85 * MIN}&to=${now - 35 * MIN}`,
    );
    expect(part.body.deviceSpans).toEqual([
      { from: now - 85 * MIN, to: now - 80 * MIN },
      { from: now - 40 * MIN, to: now - 35 * MIN },
    ]);
  });

  it("a camera that is not GB has no device spans and no device playback", async () => {
    const t = await get<Timeline>(`/api/v1/cameras/pj-gate/recordings?from=${now - MIN}&to=${now}`);
    expect(t.status).toBe(200);
    expect(t.body).not.toHaveProperty("deviceSpans");
    const p = await get<{ code: string; field: string }>(
      `/api/v1/cameras/pj-gate/playback?from=${now - MIN}&to=${now}&source=device`,
    );
    expect(p).toMatchObject({ status: 422, body: { code: "validation", field: "source" } });
    const bad = await get<{ code: string; field: string }>(
      `/api/v1/cameras/${cameraId}/playback?from=${now - MIN}&to=${now}&source=nvr`,
    );
    expect(bad).toMatchObject({ status: 422, body: { code: "validation", field: "source" } });
  });

  it("plays a device span as HLS dated from the asked time; it ends with the file; in the audit log", async () => {
    const from = recordings[2]!.from + 5 * MIN;
    const to = from + 6000;
    const p = await get<{ hls: string }>(`/api/v1/cameras/${cameraId}/playback?from=${from}&to=${to}&source=device`);
    expect(p.status).toBe(200);
    const inv = device.playbacks.at(-1)!;
    expect([inv.from, inv.to]).toEqual([from / 1000, to / 1000]);
    const url = `${gw.url}${p.body.hls}`;
    // The simulated NVR sends its 6 s file in real time; on a loaded machine its ffmpeg may lag well behind.
    const { text, seg } = await untilEnded(url, 40_000);
    expect(seg.ended).toBe(true);
    // The device's side of the dialog ends when the gateway's BYE (or its own end of file) is through.
    await until(() => inv.ended, 10_000, "the device's playback ended");
    expect(text).toContain("#EXT-X-MAP:URI=");
    expect(text).toContain("#EXT-X-BYTERANGE:");
    expect(seg.pdt.length).toBeGreaterThanOrEqual(2);
    expect(Math.abs(seg.pdt[0]! - from)).toBeLessThan(1000);
    // The segments are real video: ffprobe decodes ~6 s of 25 fps through the playlist.
    const probed = await probeFrames(url);
    expect(probed.codec).toBe("h264");
    expect(probed.frames).toBeGreaterThan(100);
    expect(p.body).toMatchObject({ scale: 1 });
    expect(inv.controls).toEqual([]);
    const audit = await get<{ events: { actor: string; data: Record<string, unknown> }[] }>(
      "/api/v1/audit?type=recording.played",
    );
    expect(audit.body.events.some((e) => e.data["source"] === "device" && e.data["cameraId"] === cameraId)).toBe(true);
  }, 90_000);

  it("at 4×: PLAY with Scale over INFO; every frame arrives, dated by the recording, not by its arrival", async () => {
    const from = recordings[2]!.from + 2 * MIN;
    const to = from + 24_000;
    const p = await get<{ hls: string; session: string; scale: number }>(
      `/api/v1/cameras/${cameraId}/playback?from=${from}&to=${to}&source=device&scale=4`,
    );
    expect(p.status).toBe(200);
    expect(p.body.scale).toBe(4);
    const inv = device.playbacks.at(-1)!;
    expect(inv.controls).toEqual([{ method: "PLAY", cseq: 1, scale: 4 }]);
    const url = `${gw.url}${p.body.hls}`;
    const { seg } = await untilEnded(url, 60_000);
    expect(seg.ended).toBe(true);
    // Dated by the recording: the segments cover the 24 s asked for (arrival took about a quarter of
    // that), the first at the asked time, each after the previous one's end (later only where frames were
    // lost on the way: the date skips what is missing, never overlaps).
    expect(Math.abs(seg.pdt[0]! - from)).toBeLessThan(1000);
    for (let i = 1; i < seg.pdt.length; i++) {
      const gap = seg.pdt[i]! - (seg.pdt[i - 1]! + seg.durations[i - 1]!);
      expect(gap).toBeGreaterThan(-50);
      expect(gap).toBeLessThan(1000);
    }
    const covered = seg.pdt.at(-1)! + seg.durations.at(-1)! - seg.pdt[0]!;
    expect(covered).toBeGreaterThan(22_000);
    expect(covered).toBeLessThan(26_000);
    // Every frame, not a decimated stream: 24 s at 25 fps.
    const probed = await probeFrames(url);
    expect(probed.frames).toBeGreaterThan(24 * 25 * 0.95);
    expect(probed.frames).toBeLessThanOrEqual(24 * 25 + 25);
  }, 120_000);

  it("speed changes mid-playback (POST …/control); bad speeds and unknown sessions are 4xx JSON", async () => {
    const from = recordings[0]!.from;
    const p = await get<{ hls: string; session: string; scale: number }>(
      `/api/v1/cameras/${cameraId}/playback?from=${from}&to=${from + 5 * MIN}&source=device`,
    );
    expect(p.status).toBe(200);
    const inv = device.playbacks.at(-1)!;
    const control = (session: string, body: unknown) =>
      req(`/api/v1/cameras/${cameraId}/playback/${session}/control`, { method: "POST", cookie: commander, json: body });
    const ok = await control(p.body.session, { scale: 8 });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ scale: 8 });
    expect(inv.controls).toEqual([{ method: "PLAY", cseq: 1, scale: 8 }]);
    for (const bad of [{ scale: 3 }, { scale: 16 }, { scale: -2 }, { scale: "fast" }, {}, { scale: 2, extra: 1 }]) {
      const r = await control(p.body.session, bad);
      expect(r.status, JSON.stringify(bad)).toBe(422);
      expect(await r.json()).toMatchObject({ code: "validation" });
    }
    expect(inv.controls).toHaveLength(1);
    const unknown = await control("0123456789ab", { scale: 2 });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: "not_found", field: "session" });
    // On the opening request: outside the set, or for gateway footage.
    for (const q of ["&source=device&scale=3", "&source=device&scale=0", "&scale=4"]) {
      const r = await get<{ code: string; field: string }>(
        `/api/v1/cameras/${cameraId}/playback?from=${from}&to=${from + MIN}${q}`,
      );
      expect(r, q).toMatchObject({ status: 422, body: { code: "validation", field: "scale" } });
    }
    // A viewer holds no recordings.view: refused before anything reaches the device.
    const viewer = await loginWith(req, "viewer");
    const v = await req(`/api/v1/cameras/${cameraId}/playback/${p.body.session}/control`, {
      method: "POST",
      cookie: viewer,
      json: { scale: 2 },
    });
    expect(v.status).toBe(403);
    expect(inv.controls).toHaveLength(1);
  }, 60_000);

  it("a device playback nobody fetches is hung up with BYE, its port returned", async () => {
    const from = recordings[1]!.from;
    const byes = device.byes;
    const p = await get<{ hls: string }>(
      `/api/v1/cameras/${cameraId}/playback?from=${from}&to=${from + 10 * MIN}&source=device`,
    );
    expect(p.status).toBe(200);
    // The first playlist waits for footage; on a loaded machine it may answer before a segment is there.
    let first = "";
    const t0 = Date.now();
    while (segmentsOf(first).pdt.length === 0 && Date.now() - t0 < 20_000) {
      first = await (await fetch(`${gw.url}${p.body.hls}`)).text();
      if (segmentsOf(first).pdt.length === 0) await new Promise((r) => setTimeout(r, 250));
    }
    expect(segmentsOf(first).pdt.length).toBeGreaterThanOrEqual(1);
    expect(device.streaming).toBeGreaterThan(0);
    await until(() => device.byes > byes, 15_000, "BYE after idle");
    await until(() => device.streaming === 0, 5000, "sender stopped");
    const gone = await fetch(`${gw.url}${p.body.hls}`);
    expect(gone.status).toBe(404);
  }, 60_000);
});

interface EvidenceRow {
  id: string;
  state: string;
  source: string;
  reason: string | null;
  exports: unknown[];
}

/** Marks [from, to) of the GB camera as evidence (201); its id. */
async function mark(from: number, to: number, note: string): Promise<string> {
  const r = await req("/api/v1/evidence", { method: "POST", cookie: commander, json: { cameraId, from, to, note } });
  expect(r.status).toBe(201);
  return ((await r.json()) as { id: string }).id;
}

/** Polls an evidence clip until its fetch from the device is over (ready or failed). */
async function settled(id: string, ms: number): Promise<EvidenceRow> {
  const t0 = Date.now();
  for (;;) {
    const ev = (await get<EvidenceRow>(`/api/v1/evidence/${id}`)).body;
    if (ev.state !== "pending" || Date.now() - t0 > ms) return ev;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Seconds and frames of an MP4 as ffprobe reads it. */
async function probeFile(file: string): Promise<{ seconds: number; frames: number; codec: string }> {
  const out = await new Promise<string>((resolve, reject) =>
    execFile(
      "/usr/bin/ffprobe",
      [
        ...["-v", "error", "-count_frames", "-select_streams", "v:0"],
        ...["-show_entries", "stream=codec_name,nb_read_frames:format=duration", "-of", "json", file],
      ],
      { timeout: 30_000 },
      (err, stdout, stderr) => (err ? reject(new Error(stderr)) : resolve(stdout)),
    ),
  );
  const j = JSON.parse(out) as {
    streams: { codec_name: string; nb_read_frames: string }[];
    format: { duration: string };
  };
  return {
    seconds: Number(j.format.duration),
    frames: Number(j.streams[0]!.nb_read_frames),
    codec: j.streams[0]!.codec_name,
  };
}

describe("evidence of a span only the device holds", () => {
  it("is fetched (s=Download at 4×) into the store, protected, and exports as a signed MP4 that verifies", async () => {
    const from = recordings[0]!.from + 3 * MIN;
    const to = from + 12_000;
    const invites = device.playbacks.length;
    const id = await mark(from, to, "设备录像取证");
    // At once: pending, from the device; exporting now is refused with the reason, not a 500.
    const pending = (await get<EvidenceRow>(`/api/v1/evidence/${id}`)).body;
    expect(pending).toMatchObject({ source: "device", state: "pending", reason: null });
    const early = await req(`/api/v1/evidence/${id}/export`, { method: "POST", cookie: commander, json: {} });
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ code: "conflict", field: "id" });
    const ev = await settled(id, 60_000);
    expect(ev).toMatchObject({ state: "ready", reason: null });
    // One INVITE: s=Download of exactly the span at downloadspeed 4, no MANSRTSP needed.
    const inv = device.playbacks.slice(invites);
    expect(inv.map((p) => [p.kind, p.speed, p.from, p.to])).toEqual([["Download", 4, from / 1000, to / 1000]]);
    expect(inv[0]!.controls).toEqual([]);
    // Never deleted by retention: the fetched stream is protected whole.
    const media = gw.core.features.recording.handle.media;
    expect(media.evidence.overlaps(`${id}.device`, 0, Number.MAX_SAFE_INTEGER)).toBe(true);
    // The export: the same signed MP4 + manifest as for gateway footage.
    const x = await req(`/api/v1/evidence/${id}/export`, { method: "POST", cookie: commander, json: {} });
    expect(x.status).toBe(200);
    const urls = (await x.json()) as { mp4: string; manifest: string };
    const mp4 = Buffer.from(await (await req(urls.mp4, { cookie: commander })).arrayBuffer());
    const man = Buffer.from(await (await req(urls.manifest, { cookie: commander })).arrayBuffer());
    const file = join(dir, "device-clip.mp4");
    const manFile = join(dir, "device-clip.json");
    writeFileSync(file, mp4);
    writeFileSync(manFile, man);
    const { publicKey } = (await get<{ publicKey: string }>("/api/v1/evidence/public-key")).body;
    const checked = await verifyExport(file, JSON.parse(man.toString("utf8")), publicKey);
    expect(checked.ok).toBe(true);
    expect(checked.manifest).toMatchObject({ cameraId, from, to, exportedBy: "commander" });
    // The offline verifier (npm run verify-export) agrees.
    const pem = join(dir, "gateway-public.pem");
    writeFileSync(pem, publicKey);
    const cli = await new Promise<{ code: number; out: string }>((resolve) =>
      execFile(
        join(ROOT, "node_modules/.bin/tsx"),
        [join(ROOT, "packages/recording/src/cli/verifyExport.ts"), file, manFile, "--key", pem],
        { timeout: 60_000 },
        (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, out: stdout + stderr }),
      ),
    );
    expect(cli.code, cli.out).toBe(0);
    // Progressive (moov before mdat) and the whole 12 s of 25 fps video.
    expect(mp4.indexOf("moov")).toBeLessThan(mp4.indexOf("mdat"));
    const probed = await probeFile(file);
    expect(probed.codec).toBe("h264");
    expect(probed.seconds).toBeGreaterThan(11);
    expect(probed.seconds).toBeLessThan(14);
    expect(probed.frames).toBeGreaterThan(11 * 25);
    const audit = await get<{ events: { type: string; actor: string; data: Record<string, unknown> }[] }>(
      "/api/v1/audit?type=evidence.fetched",
    );
    expect(audit.body.events.find((e) => e.data["evidenceId"] === id)).toMatchObject({
      actor: "system:recording",
      data: { ok: true, cameraId },
    });
  }, 120_000);

  it("from an NVR that refuses s=Download: a playback of exactly the span, asked for Scale 4", async () => {
    device.acceptsDownload = false;
    try {
      const from = recordings[1]!.from + MIN;
      const to = from + 6000;
      const invites = device.playbacks.length;
      const id = await mark(from, to, "回放取证");
      expect(await settled(id, 60_000)).toMatchObject({ state: "ready" });
      const inv = device.playbacks.slice(invites);
      expect(inv.map((p) => [p.kind, p.from, p.to])).toEqual([["Playback", from / 1000, to / 1000]]);
      expect(inv[0]!.controls).toEqual([{ method: "PLAY", cseq: 1, scale: 4 }]);
    } finally {
      device.acceptsDownload = true;
    }
  }, 90_000);

  it("nothing anywhere is 404; the device offline is 409 with the reason, nothing logged", async () => {
    const gap = { cameraId, from: recordings[0]!.to + MIN, to: recordings[0]!.to + 2 * MIN, note: "空白" };
    const none = await req("/api/v1/evidence", { method: "POST", cookie: commander, json: gap });
    expect(none.status).toBe(404);
    expect(await none.json()).toMatchObject({ code: "not_found", field: "from" });
    const before = (await get<{ evidence: unknown[] }>(`/api/v1/evidence?cameraId=${cameraId}`)).body.evidence.length;
    expect(await device.register(PASSWORD, 0)).toBe(200);
    try {
      const from = recordings[2]!.from;
      const r = await req("/api/v1/evidence", {
        method: "POST",
        cookie: commander,
        json: { cameraId, from, to: from + 5000, note: "离线" },
      });
      expect(r.status).toBe(409);
      expect(await r.json()).toMatchObject({
        code: "conflict",
        field: "cameraId",
        message: expect.stringContaining("offline"),
      });
      const after = (await get<{ evidence: unknown[] }>(`/api/v1/evidence?cameraId=${cameraId}`)).body.evidence.length;
      expect(after).toBe(before);
    } finally {
      expect(await device.register()).toBe(200);
    }
  }, 30_000);
});
