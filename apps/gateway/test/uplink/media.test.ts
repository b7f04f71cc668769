// The edge's uplink media sender on a real stream: a simulated camera in the real stream registry
// (fixture.ts); the sender taps it and sends PS over RTP to a socket on 127.0.0.1 — UDP, TCP where the
// upper listens (tcp-passive: we connect), TCP where the upper connects (tcp-active: we listen) — and what
// arrives is reassembled by our GB receiver and decoded by ffprobe. The camera's source runs once (a viewer
// and the sender share it) and is released after stop.
import { createSocket } from "node:dgram";
import { connect, createServer, type Server, type Socket } from "node:net";
import type { UplinkMediaRequest } from "@cw/gb28181";
import { PortPool, Rfc4571Deframer } from "@cw/streams";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UplinkMedia } from "../../src/uplink/media";
import { camera, type EdgeCamera, edgeCamera, ffprobe, SSRC, Upper, until } from "./fixture";

let edge: EdgeCamera;
const pool = new PortPool(41_000, 41_099);
let media: UplinkMedia;

beforeAll(async () => {
  edge = await edgeCamera();
  media = new UplinkMedia({
    registry: edge.registry,
    bindHost: "127.0.0.1",
    mediaIp: "127.0.0.1",
    ports: pool,
    random: () => 0.5,
  });
}, 120_000);

afterAll(async () => {
  await media.close();
  await edge.close();
});

const request = (
  callId: string,
  remotePort: number,
  transport: UplinkMediaRequest["transport"],
): UplinkMediaRequest => ({
  callId,
  channelId: "34020000001320000001",
  cameraId: camera.id,
  ssrc: SSRC,
  remoteIp: "127.0.0.1",
  remotePort,
  transport,
  setup: transport === "udp" ? null : transport === "tcp-active" ? "active" : "passive",
});

/** Sends for ~3 s (2+ key frames), stops, and judges what the upper got. */
async function judge(upper: Upper, callId: string): Promise<void> {
  await until(() => upper.frames.units.length >= 60, 30_000, "60 frames at the upper");
  expect(media.stats().find((s) => s.callId === callId)).toMatchObject({ cameraId: camera.id });
  media.stop(callId);
  expect(media.stats()).toEqual([]);
  const units = upper.frames.units;
  expect(units[0]!.key).toBe(true); // sending starts at a key frame
  expect(upper.frames.configs[0]!.video).toMatchObject({ codec: "h264", width: 960, height: 540 });
  for (let i = 1; i < units.length; i++) expect(units[i]!.dts).toBeGreaterThan(units[i - 1]!.dts);
  const stats = upper.rx.stats();
  expect(stats.rtp.lost).toBe(0);
  expect(stats.ps.errors).toBe(0);
  const p = ffprobe(Buffer.concat(upper.ps));
  expect(p.codec).toBe("h264");
  expect(p.width).toBe(960);
  expect(p.frames).toBeGreaterThanOrEqual(units.length);
  expect(p.keys).toBeGreaterThanOrEqual(2);
}

describe("uplink media sender", () => {
  it("UDP: PS over RTP from the camera's existing stream decodes; one source; released after stop", async () => {
    const upper = new Upper();
    const sock = createSocket("udp4");
    sock.on("message", (m) => upper.packet(m));
    await new Promise<void>((r) => sock.bind(0, "127.0.0.1", () => r()));
    try {
      const answer = await media.start(request("call-udp", sock.address().port, "udp"));
      expect(answer.localIp).toBe("127.0.0.1");
      expect(answer.localPort).toBeGreaterThanOrEqual(41_000);
      expect(pool.inUse).toBe(1);
      await judge(upper, "call-udp");
      expect(edge.sourcesStarted()).toBe(1); // the viewer's playlist and the sender share one source
      await until(() => pool.inUse === 0, 5_000, "the media port back in the pool");
      // Nobody asks for the stream any more: it stops when idle (the tap no longer holds it).
      await until(() => edge.registry.health().length === 0, 10_000, "the camera's stream released");
    } finally {
      sock.close();
    }
  }, 90_000);

  it("TCP, the upper listens (tcp-passive): we connect and send RFC 4571 frames", async () => {
    const upper = new Upper();
    const conns: Socket[] = [];
    const server: Server = createServer((s) => {
      conns.push(s);
      const d = new Rfc4571Deframer((p) => upper.packet(p));
      s.on("data", (c: Buffer) => d.push(c));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    try {
      const port = (server.address() as { port: number }).port;
      const answer = await media.start(request("call-tcp-passive", port, "tcp-passive"));
      expect(conns).toHaveLength(1);
      expect(conns[0]!.remotePort).toBe(answer.localPort);
      await judge(upper, "call-tcp-passive");
      await until(() => conns[0]!.destroyed || conns[0]!.readableEnded, 5_000, "our side to hang up");
    } finally {
      for (const c of conns) c.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    }
  }, 90_000);

  it("TCP, the upper connects (tcp-active): we listen on the answered port", async () => {
    const upper = new Upper();
    const answer = await media.start(request("call-tcp-active", 9, "tcp-active"));
    const s = connect({ host: "127.0.0.1", port: answer.localPort });
    const d = new Rfc4571Deframer((p) => upper.packet(p));
    s.on("data", (c: Buffer) => d.push(c));
    s.on("error", () => {});
    try {
      await judge(upper, "call-tcp-active");
    } finally {
      s.destroy();
    }
  }, 90_000);

  it("refuses what it cannot send: an unknown camera, a bad SSRC, an upper that is not listening", async () => {
    await expect(media.start({ ...request("c1", 9, "udp"), cameraId: "nope" })).rejects.toThrow(/no camera nope/);
    await expect(media.start({ ...request("c2", 9, "udp"), ssrc: "99999999999" })).rejects.toThrow(/SSRC/);
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", () => r()));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await expect(media.start(request("c3", port, "tcp-passive"))).rejects.toThrow(/could not connect/);
    expect(media.stats()).toEqual([]);
    await until(() => pool.inUse === 0, 5_000, "every port back");
  }, 30_000);
});
