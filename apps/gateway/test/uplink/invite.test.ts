// The edge answering its upper's INVITE end to end at the SIP level: the lower-platform UA (@cw/gb28181
// LowerUa) registered with a GB upper (the package's own GbServer) on 127.0.0.1, our uplink sender as its
// media handler, the edge camera in the real registry. The upper INVITEs the camera's channel, gets our
// SDP answer, and the PS over RTP arriving at its port decodes; its BYE ends the sending.
import { createSocket } from "node:dgram";
import { GbServer, LowerUa } from "@cw/gb28181";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log";
import { type UplinkMedia, uplinkMediaHook } from "../../src/uplink/media";
import { camera, type EdgeCamera, edgeCamera, ffprobe, SSRC, Upper, until } from "./fixture";

const UPPER = "34020000002000000001";
const EDGE = "34020000002000000101";
const CHANNEL = "34020000001310000001";
const PASSWORD = "uplink-pass";

let edge: EdgeCamera;
let server: GbServer;
let ua: LowerUa;
let media: UplinkMedia;

beforeAll(async () => {
  edge = await edgeCamera();
  server = new GbServer({
    bindHost: "127.0.0.1",
    publicHost: "127.0.0.1",
    port: 0,
    serverId: UPPER,
    domain: "3402000000",
    keepaliveMs: 1000,
    inviteTimeoutMs: 8000,
    utcOffsetMinutes: 480,
    passwordFor: () => PASSWORD,
  });
  await server.start();
  ua = new LowerUa({
    id: EDGE,
    name: "测试监狱",
    upper: { id: UPPER, domain: "3402000000", endpoint: { transport: "udp", address: "127.0.0.1", port: server.port } },
    password: PASSWORD,
    host: "127.0.0.1",
    transport: "udp",
    keepaliveMs: 1000,
    catalog: () => [{ id: CHANNEL, name: camera.name, parentId: EDGE, kind: "camera", status: "ON" }],
    cameraOf: (ch) => (ch === CHANNEL ? camera.id : undefined),
  });
  media = uplinkMediaHook({ host: "127.0.0.1" }, createLogger("silent"))(null, edge.registry);
  ua.setMediaHandler(media);
  await ua.start();
}, 120_000);

afterAll(async () => {
  await ua.stop();
  await media.close();
  await server.close();
  await edge.close();
});

describe("an upper platform plays an edge camera", () => {
  it("INVITE → our SDP answer → PS over RTP that decodes → BYE stops the sending", async () => {
    await until(() => server.platform.presence.get(EDGE)?.online === true, 10_000, "the edge online at the upper");
    const upper = new Upper();
    const sock = createSocket("udp4");
    sock.on("message", (m) => upper.packet(m));
    await new Promise<void>((r) => sock.bind(0, "127.0.0.1", () => r()));
    try {
      const answered = await server.invite({
        deviceId: EDGE,
        channelId: CHANNEL,
        transport: "udp",
        mediaIp: "127.0.0.1",
        port: sock.address().port,
        ssrc: SSRC,
        sessionId: "s1",
      });
      expect(answered.ok).toBe(true);
      expect(answered.ok && answered.answer.port).toBeGreaterThan(0);
      expect(media.stats()).toMatchObject([{ cameraId: camera.id, transport: "udp" }]);
      expect(answered.ok && answered.answer.ssrc).toBe(SSRC);
      await until(() => upper.frames.units.length >= 50, 30_000, "50 frames at the upper");
      server.bye("s1");
      await until(() => media.stats().length === 0, 10_000, "the sending stopped on BYE");
      expect(upper.frames.units[0]!.key).toBe(true);
      expect(upper.rx.stats().ps.errors).toBe(0);
      const p = ffprobe(Buffer.concat(upper.ps));
      expect(p).toMatchObject({ codec: "h264", width: 960 });
      expect(p.frames).toBeGreaterThanOrEqual(50);
    } finally {
      sock.close();
    }
  }, 90_000);
});
