// GB/T 28181 end to end below the HTTP layer: the simulator (its own SIP, GBK catalogue, ffmpeg-encoded
// H.264/H.265 muxed to PS, RTP over UDP and TCP) registers with a real GbServer; the GB source INVITEs
// it and the packager's output decodes in ffprobe. Failures: refusal and silence retried once then
// reported; no media; ports returned to the pool; foreign senders dropped.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { prisonCatalog } from "../../../../e2e/support/gb-sim/catalog";
import { DOMAIN, Harness, RecordingSink, until } from "./harness";

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const CAMERA = prisonCatalog(DOMAIN).find((c) => c.kind === "camera")!.id;

function probe(sink: RecordingSink): { frames: number; codec: string; stderr: string } {
  const p = sink.packager;
  p.end("probe");
  const bytes = Buffer.concat([p.init()!, ...p.view().segments.map((s) => s.bytes!)]);
  const dir = mkdtempSync(join(tmpdir(), "cw-gb-"));
  try {
    writeFileSync(join(dir, "a.mp4"), bytes);
    const r = spawnSync("/usr/bin/ffprobe", [
      "-v",
      "error",
      "-count_frames",
      "-show_entries",
      "stream=codec_name,nb_read_frames",
      "-of",
      "json",
      join(dir, "a.mp4"),
    ]);
    if (r.error || r.status !== 0) throw new Error(`ffprobe: ${r.error?.message ?? r.stderr.toString()}`);
    const s = (JSON.parse(r.stdout.toString()) as { streams: { codec_name: string; nb_read_frames: string }[] })
      .streams[0]!;
    return { frames: Number(s.nb_read_frames), codec: s.codec_name, stderr: r.stderr.toString() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("register and catalogue", () => {
  it("a NAT'd device registers with digest over UDP and TCP; a wrong password is refused", async () => {
    h = await new Harness().start();
    const udp = await h.device();
    expect(await udp.register("wrong")).toBe(403);
    expect(await udp.register()).toBe(200);
    const tcp = await h.device({ transport: "tcp", deviceId: "34020000001180000002" });
    expect(await tcp.register()).toBe(200);
    const online = h.server.platform.presence
      .all()
      .filter((p) => p.online)
      .map((p) => [p.deviceId, p.remote.transport, p.remote.address]);
    expect(online.sort()).toEqual([
      ["34020000001180000001", "udp", "127.0.0.1"],
      ["34020000001180000002", "tcp", "127.0.0.1"],
    ]);
  });

  it("collects a GBK catalogue of 64 cameras under business groups and organisations from many MESSAGEs", async () => {
    h = await new Harness().start();
    const d = await h.device({ pageSize: 3 });
    await d.register();
    h.server.query(d.deviceId, "Catalog");
    await until(() => h!.events.some((e) => e.type === "catalog"), 10_000, "catalog");
    const cat = h.events.find((e) => e.type === "catalog");
    if (cat?.type !== "catalog") throw new Error("no catalog");
    expect(cat.complete).toBe(true);
    expect(cat.items.filter((i) => i.DeviceID.slice(10, 13) === "132")).toHaveLength(64);
    expect(cat.items.filter((i) => i.DeviceID.slice(10, 13) === "215").map((i) => i.Name)).toEqual([
      "一监区",
      "二监区",
      "三监区",
      "四监区",
    ]);
    expect(cat.items.filter((i) => i.DeviceID.slice(10, 13) === "216")).toHaveLength(8);
  });

  it("keepalives that stop make the device offline within 3 intervals", async () => {
    h = await new Harness({ keepaliveMs: 400 }).start();
    const d = await h.device({ keepaliveS: 0.2 });
    await d.register();
    d.startKeepalive();
    await until(() => h!.events.filter((e) => e.type === "keepalive").length >= 3, 5000, "keepalives");
    d.stopKeepalive();
    const stoppedAt = Date.now();
    await until(() => h!.events.some((e) => e.type === "offline"), 5000, "offline");
    expect(Date.now() - stoppedAt).toBeLessThan(3 * 400 + 600);
    expect(h.events.find((e) => e.type === "offline")).toMatchObject({ reason: "3 keepalives missed" });
  });

  it("PTZ commands reach the device with their checksum; an alarm reaches the platform", async () => {
    h = await new Harness().start();
    const d = await h.device();
    await d.register();
    h.server.ptz(d.deviceId, CAMERA, "left", 0x80);
    h.server.ptz(d.deviceId, CAMERA, "stop");
    await until(() => d.ptzCommands.length === 2, 5000, "ptz");
    expect(d.ptzCommands).toEqual(["A50F010280000037", "A50F0100000000B5"]);
    const res = await d.alarm(2, "区域入侵", CAMERA);
    expect(res.start).toBe("SIP/2.0 200 OK");
    expect(h.events.find((e) => e.type === "alarm")).toMatchObject({
      alarm: { deviceId: CAMERA, alarmType: 2, description: "区域入侵" },
    });
  });

  it("malformed SIP is counted and dropped; the server keeps serving", async () => {
    h = await new Harness().start();
    await h.sendFrom("127.0.0.1", h.server.port, Buffer.from("GARBAGE\r\n\r\n"));
    await h.sendFrom("127.0.0.1", h.server.port, Buffer.alloc(2000, 0xff));
    await until(() => h!.server.stats.malformed === 2, 3000, "malformed counted");
    const d = await h.device();
    expect(await d.register()).toBe(200);
  });
});

describe("live play", () => {
  it.each([
    ["udp", "h264"],
    ["tcp-passive", "h264"],
    ["tcp-active", "h265"],
  ] as const)(
    "%s %s: INVITE, PS over RTP into the packager, ffprobe decodes; BYE and the port back on stop",
    async (transport, codec) => {
      h = await new Harness().start();
      const d = await h.device({ codec });
      await d.register();
      const src = h.source(CAMERA, transport);
      const sink = new RecordingSink();
      src.start(sink);
      await until(() => sink.units.length >= 60, 15_000, "60 frames");
      expect(sink.configs[0]?.video?.codec).toBe(codec);
      expect(h.pool.inUse).toBe(1);
      await src.stop();
      await until(() => d.byes === 1, 3000, "BYE");
      expect(h.pool.inUse).toBe(0);
      expect(d.streaming).toBe(0);
      const p = probe(sink);
      expect(p.frames).toBeGreaterThanOrEqual(50);
      expect(p.codec).toBe(codec === "h264" ? "h264" : "hevc");
      expect(p.stderr).toBe("");
    },
  );

  it("1 % loss with reordering over UDP: the stream keeps playing", async () => {
    h = await new Harness().start();
    const d = await h.device({ impairment: { loss: 0.01, reorder: 0.03, maxDelay: 4 } });
    await d.register();
    const src = h.source(CAMERA, "udp");
    const sink = new RecordingSink();
    src.start(sink);
    await until(
      () => sink.units.length >= 60 && (src.receiverStats()?.rtp.lost ?? 0) > 0,
      20_000,
      "60 frames with loss",
    );
    const st = src.receiverStats()!;
    expect(st.rtp.reordered).toBeGreaterThan(0);
    expect(sink.ends).toEqual([]);
  });

  it.each([
    ["busy", "the device refused: 486 Busy Here"],
    ["silent", "the device did not answer the INVITE"],
    ["no-media", "no media within 1 s of the device's answer"],
  ] as const)("a %s device: tried twice, then the tile is told why; no port leaks", async (behaviour, reason) => {
    h = await new Harness({ inviteTimeoutMs: 600, mediaTimeoutMs: 1000 }).start();
    const d = await h.device({ inviteBehaviour: behaviour });
    await d.register();
    const src = h.source(CAMERA, "udp");
    const sink = new RecordingSink();
    src.start(sink);
    await until(() => sink.ends.length === 1, 10_000, "the reason");
    expect(sink.ends[0]).toBe(reason);
    expect(d.inviteCalls.size).toBe(2);
    await src.stop();
    expect(h.pool.inUse).toBe(0);
  });

  it.each(["udp", "tcp-passive"] as const)(
    "%s: a device that answers raw H.264 (98, RFC 6184) instead of PS plays; ffprobe decodes",
    async (transport) => {
      h = await new Harness().start();
      const d = await h.device({ answerWith: "h264" });
      await d.register();
      const src = h.source(CAMERA, transport);
      const sink = new RecordingSink();
      src.start(sink);
      await until(() => sink.units.length >= 60, 15_000, "60 frames");
      expect(sink.configs[0]?.video?.codec).toBe("h264");
      expect(sink.ends).toEqual([]);
      expect(src.receiverStats()?.foreignPayloadType).toBe(0);
      await src.stop();
      await until(() => d.byes === 1, 3000, "BYE");
      expect(h.pool.inUse).toBe(0);
      const p = probe(sink);
      expect(p.frames).toBeGreaterThanOrEqual(50);
      expect(p.codec).toBe("h264");
      expect(p.stderr).toBe("");
    },
  );

  it("a device that answers MPEG-4 (97): hung up, tried twice, then the tile says why; no port leaks", async () => {
    h = await new Harness().start();
    const d = await h.device({ answerWith: "mpeg4" });
    await d.register();
    const src = h.source(CAMERA, "udp");
    const sink = new RecordingSink();
    src.start(sink);
    await until(() => sink.ends.length === 1, 10_000, "the reason");
    expect(sink.ends[0]).toBe(
      "the device answered MPEG-4 video (payload 97), which browsers cannot play: set the channel to send PS (H.264/H.265)",
    );
    expect(d.inviteCalls.size).toBe(2);
    await until(() => d.byes === 2, 3000, "a BYE for each answer");
    await src.stop();
    expect(h.pool.inUse).toBe(0);
  });

  it("an offline device is reported at once", async () => {
    h = await new Harness().start();
    const src = h.source(CAMERA, "udp");
    const sink = new RecordingSink();
    src.start(sink);
    await until(() => sink.ends.length === 1, 5000, "the reason");
    expect(sink.ends[0]).toBe("the device is offline");
  });

  it("RTP from a foreign address is dropped and counted", async () => {
    h = await new Harness().start();
    const d = await h.device();
    await d.register();
    const src = h.source(CAMERA, "udp");
    const sink = new RecordingSink();
    src.start(sink);
    await until(() => sink.units.length >= 5, 15_000, "frames");
    const used = h.pool.used[0]!;
    const before = sink.units.length;
    await h.sendFrom("127.0.0.2", used, Buffer.from("80600001000000000000000a000001ba", "hex"));
    await until(() => sink.units.length > before + 5, 5000, "more frames");
    await src.stop();
    expect(src.stats.foreignAddress).toBe(1);
  });
});
