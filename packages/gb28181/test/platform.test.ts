// The protocol core, messages in → decisions out, with a device written here as plain SIP text: digest
// registration (challenge, success, wrong password refused and then blocked), NAT (answers go to the
// packet's source with rport/received), keepalive and offline after 3 missed intervals, expiry and
// unregistration, catalogue pages in GBK collected by SumNum, alarms, and INVITE/ACK/BYE with failures.
import { createHash } from "node:crypto";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { Platform } from "../src/core/platform";
import type { Endpoint, GbEvent, Step } from "../src/core/types";
import { parseAnswer } from "../src/sdp/sdp";
import { header, parseSip, type SipMessage, type SipResponse } from "../src/sip/message";

const SERVER = "34020000002000000001";
const DOMAIN = "3402000000";
const CAM = "34020000001320000001";
const NAT: Endpoint = { transport: "udp", address: "203.0.113.7", port: 40123 };
const md5 = (s: string) => createHash("md5").update(s).digest("hex");

function platform(passwords: Record<string, string> = {}) {
  let n = 0;
  return new Platform({
    serverId: SERVER,
    domain: DOMAIN,
    host: "198.51.100.1",
    port: 5060,
    keepaliveMs: 60_000,
    utcOffsetMinutes: 480,
    passwordFor: (id) => passwords[id] ?? "default-pass",
    id: () => `id${++n}`,
  });
}

/** The device's messages, written by hand (the Contact and Via claim a private address: it is behind NAT). */
function sip(lines: string[], body: Buffer = Buffer.alloc(0)): SipMessage {
  const text = `${lines.join("\r\n")}\r\nContent-Length: ${body.length}\r\n\r\n`;
  const r = parseSip(Buffer.concat([Buffer.from(text), body]));
  if (!r.ok) throw new Error(r.error.message);
  return r.message;
}

function register(cseq: number, auth?: string, expires = 3600, id = CAM): SipMessage {
  return sip([
    `REGISTER sip:${SERVER}@${DOMAIN} SIP/2.0`,
    `Via: SIP/2.0/UDP 192.168.1.64:5060;rport;branch=z9hG4bKreg${cseq}`,
    `From: <sip:${id}@${DOMAIN}>;tag=dev`,
    `To: <sip:${id}@${DOMAIN}>`,
    "Call-ID: reg-call",
    `CSeq: ${cseq} REGISTER`,
    `Contact: <sip:${id}@192.168.1.64:5060>`,
    `Expires: ${expires}`,
    ...(auth ? [`Authorization: ${auth}`] : []),
  ]);
}

function answerChallenge(res: SipResponse, password: string, id = CAM): string {
  const nonce = /nonce="([^"]+)"/.exec(header(res, "www-authenticate") ?? "")![1]!;
  const uri = `sip:${SERVER}@${DOMAIN}`;
  const r = md5(`${md5(`${id}:${DOMAIN}:${password}`)}:${nonce}:${md5(`REGISTER:${uri}`)}`);
  return `Digest username="${id}", realm="${DOMAIN}", nonce="${nonce}", uri="${uri}", response="${r}", algorithm=MD5`;
}

const only = (s: Step): SipResponse => {
  const m = s.out[0]?.msg;
  if (s.out.length !== 1 || m?.kind !== "response") throw new Error(`expected one response, got ${s.out.length}`);
  return m;
};
const types = (events: GbEvent[]) => events.map((e) => e.type);

function registered(p: Platform, now = 0, password = "default-pass"): void {
  const challenge = only(p.receive(register(1), NAT, now));
  const ok = p.receive(register(2, answerChallenge(challenge, password)), NAT, now);
  if (only(ok).status !== 200) throw new Error("registration failed");
}

function message(cmdXml: string, cseq: number, encoding = "GB2312", method = "MESSAGE", from = CAM): SipMessage {
  const xml = `<?xml version="1.0" encoding="${encoding}"?>\r\n${cmdXml}`;
  return sip(
    [
      `${method} sip:${SERVER}@${DOMAIN} SIP/2.0`,
      `Via: SIP/2.0/UDP 192.168.1.64:5060;rport;branch=z9hG4bKm${cseq}`,
      `From: <sip:${from}@${DOMAIN}>;tag=m${cseq}`,
      `To: <sip:${SERVER}@${DOMAIN}>`,
      `Call-ID: msg-${cseq}`,
      `CSeq: ${cseq} ${method}`,
      "Content-Type: Application/MANSCDP+xml",
    ],
    encoding === "UTF-8" ? Buffer.from(xml) : iconv.encode(xml, "gbk"),
  );
}

const keepalive = (sn: number) =>
  message(
    `<Notify><CmdType>Keepalive</CmdType><SN>${sn}</SN><DeviceID>${CAM}</DeviceID><Status>OK</Status></Notify>`,
    100 + sn,
  );

describe("registration", () => {
  it("challenges, then accepts the right digest and answers the NAT'd source with rport/received", () => {
    const p = platform();
    const at = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
    const challenge = only(p.receive(register(1), NAT, at));
    expect(challenge.status).toBe(401);
    expect(header(challenge, "www-authenticate")).toMatch(/^Digest realm="3402000000", nonce="[^"]+", algorithm=MD5$/);
    const step = p.receive(
      register(2, answerChallenge(challenge, "default-pass")),
      NAT,
      Date.UTC(2026, 0, 2, 3, 4, 5, 678),
    );
    const ok = only(step);
    expect(ok.status).toBe(200);
    expect(step.out[0]!.to).toEqual(NAT);
    expect(header(ok, "via")).toBe("SIP/2.0/UDP 192.168.1.64:5060;rport=40123;branch=z9hG4bKreg2;received=203.0.113.7");
    expect(header(ok, "date")).toBe("2026-01-02T11:04:05.678"); // device local time, UTC+8
    expect(types(step.events)).toEqual(["registered", "online"]);
    expect(p.presence.get(CAM)?.remote).toEqual(NAT);
  });

  it("uses a device's own password when one is set", () => {
    const p = platform({ [CAM]: "own-secret" });
    const challenge = only(p.receive(register(1), NAT, 0));
    expect(only(p.receive(register(2, answerChallenge(challenge, "default-pass")), NAT, 0)).status).toBe(403);
    expect(only(p.receive(register(3, answerChallenge(challenge, "own-secret")), NAT, 0)).status).toBe(200);
  });

  it("refuses a wrong password, and after 5 within a minute refuses even the right one until the minute passes", () => {
    const p = platform();
    const challenge = only(p.receive(register(1), NAT, 0));
    for (let i = 0; i < 5; i++) {
      const step = p.receive(register(2 + i, answerChallenge(challenge, "guess")), NAT, i * 1000);
      expect(only(step).status).toBe(403);
      expect(step.events).toEqual([{ type: "authFailed", deviceId: CAM, address: NAT.address, blocked: i === 4 }]);
    }
    const right = answerChallenge(challenge, "default-pass");
    expect(only(p.receive(register(10, right), NAT, 10_000)).status).toBe(403);
    // Another device behind the same address is blocked too (guessing across ids).
    expect(only(p.receive(register(11, undefined, 3600, "34020000001320000002"), NAT, 10_000)).status).toBe(403);
    expect(only(p.receive(register(12), NAT, 65_000)).status).toBe(401);
    const fresh = only(p.receive(register(13), NAT, 65_000));
    expect(only(p.receive(register(14, answerChallenge(fresh, "default-pass")), NAT, 65_000)).status).toBe(200);
  });

  it("a stale or unknown nonce gets a new challenge, not a refusal", () => {
    const p = platform();
    const challenge = only(p.receive(register(1), NAT, 0));
    const late = only(p.receive(register(2, answerChallenge(challenge, "default-pass")), NAT, 10 * 60_000));
    expect(late.status).toBe(401);
    expect(header(late, "www-authenticate")).toMatch(/stale=true/);
  });

  it("unregisters with Expires: 0 and goes offline when the registration expires", () => {
    const p = platform();
    registered(p);
    const challenge = only(p.receive(register(5), NAT, 1000));
    const bye = p.receive(register(6, answerChallenge(challenge, "default-pass"), 0), NAT, 1000);
    expect(types(bye.events)).toEqual(["unregistered", "offline"]);
    const q = platform();
    const c2 = only(q.receive(register(1), NAT, 0));
    q.receive(register(2, answerChallenge(c2, "default-pass"), 30), NAT, 0);
    q.receive(keepalive(1), NAT, 20_000);
    expect(types(q.tick(29_000).events)).toEqual([]);
    expect(q.tick(30_000).events).toEqual([{ type: "offline", deviceId: CAM, reason: "registration expired" }]);
  });
});

describe("keepalive and presence", () => {
  it("answers keepalives, follows the device's new NAT port, and is offline after 3 missed intervals", () => {
    const p = platform();
    registered(p);
    const moved: Endpoint = { ...NAT, port: 40999 };
    const step = p.receive(keepalive(1), moved, 60_000);
    expect(only(step).status).toBe(200);
    expect(step.out[0]!.to).toEqual(moved);
    expect(types(step.events)).toEqual(["keepalive"]);
    expect(p.presence.get(CAM)?.remote).toEqual(moved);
    expect(p.tick(60_000 + 180_000).events).toEqual([]);
    expect(p.tick(60_000 + 180_001).events).toEqual([
      { type: "offline", deviceId: CAM, reason: "3 keepalives missed" },
    ]);
    expect(types(p.receive(keepalive(2), moved, 300_000).events)).toEqual(["keepalive", "online"]);
  });

  it("refuses a keepalive from a device that is not registered (it registers again)", () => {
    const p = platform();
    const step = p.receive(keepalive(1), NAT, 0);
    expect(only(step).status).toBe(404);
    expect(types(step.events)).toEqual(["rejected"]);
  });

  it("answers malformed and hostile bodies with 400, never a throw", () => {
    const p = platform();
    registered(p);
    const bomb = message(`<!DOCTYPE a [<!ENTITY a "aaaa">]><Notify><CmdType>&a;</CmdType></Notify>`, 7, "UTF-8");
    expect(only(p.receive(bomb, NAT, 0)).status).toBe(400);
    expect(only(p.receive(message("<Notify><CmdType>Keepalive</CmdType></Notify>", 8), NAT, 0)).status).toBe(400);
  });
});

describe("catalogue", () => {
  const page = (sn: number, items: string[]) =>
    message(
      `<Response><CmdType>Catalog</CmdType><SN>${sn}</SN><DeviceID>${CAM}</DeviceID><SumNum>5</SumNum><DeviceList Num="${items.length}">${items
        .map(
          (id, i) =>
            `<Item><DeviceID>${id}</DeviceID><Name>监舍${i}</Name><ParentID>34020000002160000001</ParentID></Item>`,
        )
        .join("")}</DeviceList></Response>`,
      200 + items.length + sn,
    );

  it("queries, then collects pages in GBK until SumNum items are in", () => {
    const p = platform();
    registered(p);
    const q = p.query(CAM, "Catalog", 0);
    expect(q.out[0]!.to).toEqual(NAT);
    const body = iconv.decode(q.out[0]!.msg.body, "gbk");
    expect(body).toMatch(/<CmdType>Catalog<\/CmdType>/);
    expect(p.receive(page(9, ["1", "2"]), NAT, 1).events.filter((e) => e.type === "catalog")).toEqual([]);
    expect(p.receive(page(9, ["2", "3"]), NAT, 2).events.filter((e) => e.type === "catalog")).toEqual([]);
    const done = p.receive(page(9, ["4", "5"]), NAT, 3).events.find((e) => e.type === "catalog");
    expect(done).toMatchObject({ complete: true, sumNum: 5 });
    expect(done?.type === "catalog" && done.items.map((i) => [i.DeviceID, i.Name])).toEqual([
      ["1", "监舍0"],
      ["2", "监舍0"],
      ["3", "监舍1"],
      ["4", "监舍0"],
      ["5", "监舍1"],
    ]);
  });

  it("reports what arrived when the device goes quiet before SumNum", () => {
    const p = platform();
    registered(p);
    p.receive(page(3, ["1", "2"]), NAT, 0);
    expect(p.tick(9_999).events).toEqual([]);
    expect(p.tick(10_000).events).toMatchObject([
      { type: "catalog", complete: false, items: [{ DeviceID: "1" }, { DeviceID: "2" }] },
    ]);
  });

  it("keeps two answers whose pages interleave apart (by SN) and completes each", () => {
    const p = platform();
    registered(p);
    const catalogs = (sn: number, items: string[], at: number) =>
      p.receive(page(sn, items), NAT, at).events.filter((e) => e.type === "catalog");
    // A re-registration's query (SN 11) is answered while the first answer (SN 10) is still coming.
    expect(catalogs(10, ["1", "2"], 1)).toEqual([]);
    expect(catalogs(11, ["1", "2"], 2)).toEqual([]);
    expect(catalogs(10, ["3", "4"], 3)).toEqual([]);
    expect(catalogs(11, ["3", "4"], 4)).toEqual([]);
    expect(catalogs(10, ["5"], 5)).toMatchObject([{ complete: true, sumNum: 5 }]);
    expect(catalogs(11, ["5"], 6)).toMatchObject([{ complete: true, sumNum: 5 }]);
    expect(p.tick(60_000).events.filter((e) => e.type === "catalog")).toEqual([]);
  });

  it("a newer answer completing first drops the older one; a quiet device reports only its newest", () => {
    const p = platform();
    registered(p);
    p.receive(page(20, ["1"]), NAT, 0);
    p.receive(page(21, ["1", "2", "3", "4", "5"]), NAT, 1);
    expect(p.tick(20_000).events.filter((e) => e.type === "catalog")).toEqual([]);
    p.receive(page(30, ["1"]), NAT, 30_000);
    p.receive(page(31, ["1", "2"]), NAT, 30_001);
    expect(p.tick(40_001).events).toMatchObject([
      { type: "catalog", complete: false, items: [{ DeviceID: "1" }, { DeviceID: "2" }] },
    ]);
  });

  it("retransmits a query over UDP until answered, and reports one that never is", () => {
    const p = platform();
    registered(p);
    p.query(CAM, "DeviceInfo", 0);
    expect(p.tick(500).out).toHaveLength(1);
    expect(p.tick(1000).out).toHaveLength(0);
    expect(p.tick(1500).out).toHaveLength(1);
    expect(p.tick(8000).events).toEqual([
      { type: "requestFailed", deviceId: CAM, what: "query DeviceInfo", reason: "no answer" },
    ]);
  });
});

describe("alarms", () => {
  it("turns an Alarm notify into an alarm event and answers it", () => {
    const p = platform();
    registered(p);
    const step = p.receive(
      message(
        `<Notify><CmdType>Alarm</CmdType><SN>5</SN><DeviceID>${CAM}</DeviceID><AlarmPriority>1</AlarmPriority><AlarmMethod>5</AlarmMethod><AlarmTime>2026-01-02T03:04:05</AlarmTime><AlarmDescription>区域入侵</AlarmDescription><Info><AlarmType>2</AlarmType></Info></Notify>`,
        300,
      ),
      NAT,
      0,
    );
    expect(step.events).toContainEqual({
      type: "alarm",
      alarm: {
        deviceId: CAM,
        priority: 1,
        method: 5,
        alarmType: 2,
        time: "2026-01-02T03:04:05",
        description: "区域入侵",
      },
    });
    expect(
      step.out.map((o) => (o.msg.kind === "response" ? o.msg.status : o.msg.kind === "request" ? o.msg.method : "")),
    ).toEqual([200, "MESSAGE"]);
  });
});

describe("INVITE", () => {
  const play = {
    sessionId: "s1",
    deviceId: CAM,
    channelId: "34020000001320000011",
    transport: "udp" as const,
    mediaIp: "198.51.100.1",
    port: 30002,
    ssrc: "0200000001",
  };

  function okWithSdp(inv: SipMessage, sdp: string): SipMessage {
    const get = (n: string) => header(inv, n)!;
    return sip(
      [
        "SIP/2.0 200 OK",
        `Via: ${get("via")}`,
        `From: ${get("from")}`,
        `To: ${get("to")};tag=devtag`,
        `Call-ID: ${get("call-id")}`,
        `CSeq: ${get("cseq")}`,
        "Content-Type: APPLICATION/SDP",
      ],
      Buffer.from(sdp),
    );
  }

  it("sends the GB SDP offer, ACKs the answer, and BYEs in the dialog", () => {
    const p = platform();
    registered(p);
    const inv = p.invite(play, 0).out[0]!;
    expect(inv.to).toEqual(NAT);
    expect(inv.msg.kind === "request" && inv.msg.method).toBe("INVITE");
    const offer = inv.msg.body.toString();
    expect(offer).toContain("s=Play\r\n");
    expect(offer).toContain("m=video 30002 RTP/AVP 96 98 97\r\n");
    expect(offer).toContain("a=rtpmap:96 PS/90000\r\na=rtpmap:98 H264/90000\r\na=rtpmap:97 MPEG4/90000\r\n");
    expect(offer).toContain("y=0200000001\r\n");
    expect(header(inv.msg, "subject")).toBe(`34020000001320000011:0200000001,${SERVER}:0`);
    const answer =
      "v=0\r\no=x 0 0 IN IP4 203.0.113.7\r\ns=Play\r\nc=IN IP4 203.0.113.7\r\nt=0 0\r\nm=video 15060 RTP/AVP 96\r\na=sendonly\r\na=rtpmap:96 PS/90000\r\ny=0200000001\r\n";
    const step = p.receive(okWithSdp(inv.msg, answer), NAT, 100);
    expect(step.out.map((o) => o.msg.kind === "request" && o.msg.method)).toEqual(["ACK"]);
    expect(header(step.out[0]!.msg, "to")).toContain("tag=devtag");
    expect(step.events).toEqual([
      { type: "inviteAnswered", sessionId: "s1", answer: parseAnswer(answer), sdp: answer },
    ]);
    const bye = p.bye("s1").out[0]!;
    expect(bye.msg.kind === "request" && [bye.msg.method, header(bye.msg, "call-id"), header(bye.msg, "cseq")]).toEqual(
      ["BYE", header(inv.msg, "call-id"), "2 BYE"],
    );
  });

  it.each([
    [
      "the device is offline",
      (p: Platform) => p.invite({ ...play, deviceId: "34020000001320000099" }, 0).events,
      "the device is offline",
    ],
    [
      "a refusal",
      (p: Platform) => {
        const inv = p.invite(play, 0).out[0]!.msg;
        const busy = sip([
          "SIP/2.0 486 Busy Here",
          `Via: ${header(inv, "via")}`,
          `From: ${header(inv, "from")}`,
          `To: ${header(inv, "to")}`,
          `Call-ID: ${header(inv, "call-id")}`,
          `CSeq: ${header(inv, "cseq")}`,
        ]);
        return p.receive(busy, NAT, 10).events;
      },
      "the device refused: 486 Busy Here",
    ],
    [
      "no answer in time",
      (p: Platform) => {
        p.invite(play, 0);
        return p.tick(5000).events;
      },
      "the device did not answer the INVITE",
    ],
  ])("%s → inviteFailed with a reason", (_name, act, reason) => {
    const p = platform();
    registered(p);
    expect(act(p)).toMatchObject([{ type: "inviteFailed", sessionId: expect.any(String), reason }]);
  });
});
