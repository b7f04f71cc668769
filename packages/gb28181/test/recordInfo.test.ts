// Device recordings, pure: GB local times in the bureau's zone (round trip, refusals), the RecordInfo
// query body, RecordInfo pages in GBK and UTF-8 → typed items → merged spans, the collector over pages
// split across MESSAGEs (SumNum, duplicates, silence), the platform's query/answer/refusal, and the
// `s=Playback` offer. Property tests (fast-check) on the time codec and the span merge.
import { createHash } from "node:crypto";
import fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { Platform } from "../src/core/platform";
import { RecordCollector } from "../src/core/records";
import type { PlayRequest } from "../src/core/sessions";
import type { Endpoint, GbEvent, Step } from "../src/core/types";
import { fromGbTime, toGbTime } from "../src/manscdp/gbTime";
import { parseManscdp, type RecordInfo } from "../src/manscdp/messages";
import { clipSpans, type RecordItem, recordInfoQueryBody, recordSpans } from "../src/manscdp/recordInfo";
import { parseXml } from "../src/manscdp/xml";
import { buildOffer } from "../src/sdp/sdp";
import { header, parseSip, type SipMessage, type SipResponse } from "../src/sip/message";

const CN = 480; // the bureau: UTC+8
const NVR = "34020000001180000001";
const CAM = "34020000001320000001";
const SERVER = "34020000002000000001";
const DOMAIN = "3402000000";
const at = (iso: string) => Date.parse(iso);

describe("GB times", () => {
  it.each([
    ["2026-01-02T03:04:05", CN, "2026-01-01T19:04:05.000Z"],
    ["2026-01-02 03:04:05", CN, "2026-01-01T19:04:05.000Z"],
    ["2026-01-02T03:04:05.250", 0, "2026-01-02T03:04:05.250Z"],
    ["2026-01-02T03:04:05Z", CN, "2026-01-02T03:04:05.000Z"],
    ["2026-01-02T03:04:05+09:00", CN, "2026-01-01T18:04:05.000Z"],
    ["2026-01-02T03:04:05-0130", CN, "2026-01-02T04:34:05.000Z"],
  ])("%s (offset %i) is %s", (text, offset, utc) => {
    expect(new Date(fromGbTime(text, offset)!).toISOString()).toBe(utc);
  });

  it.each([
    ["2026-02-30T00:00:00"],
    ["2026-13-01T00:00:00"],
    ["2026-01-01T24:00:00"],
    ["yesterday"],
    [""],
    ["2026-01-01"],
  ])("refuses %j", (text) => expect(fromGbTime(text, CN)).toBeNull());

  it("writes local time of the bureau, whatever this machine's zone", () => {
    expect(toGbTime(at("2026-01-01T16:00:00Z"), CN)).toBe("2026-01-02T00:00:00");
    expect(toGbTime(at("2026-01-01T16:00:00.999Z"), CN)).toBe("2026-01-02T00:00:00");
  });

  it("round-trips every second of any offset (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_102_444_800 }),
        fc.integer({ min: -720, max: 840 }),
        (s, offset) => fromGbTime(toGbTime(s * 1000, offset), offset) === s * 1000,
      ),
    );
  });
});

const item = (start: string, end: string, extra = "") =>
  `<Item><DeviceID>${CAM}</DeviceID><Name>监舍一</Name><FilePath>/rec/${start}</FilePath><Address>一监区</Address><StartTime>${start}</StartTime><EndTime>${end}</EndTime><Secrecy>0</Secrecy><Type>time</Type>${extra}</Item>`;

function page(sn: number, sumNum: number, items: string[], encoding = "GB2312"): Buffer {
  const xml = `<?xml version="1.0" encoding="${encoding}"?>\r\n<Response>\r\n<CmdType>RecordInfo</CmdType>\r\n<SN>${sn}</SN>\r\n<DeviceID>${CAM}</DeviceID>\r\n<Name>监舍一</Name>\r\n<SumNum>${sumNum}</SumNum>\r\n<RecordList Num="${items.length}">${items.join("")}</RecordList>\r\n</Response>`;
  return encoding === "UTF-8" ? Buffer.from(xml) : iconv.encode(xml, "gbk");
}

function parsePage(bytes: Buffer): RecordInfo {
  const r = parseManscdp(bytes);
  if (!r.ok || r.value.kind !== "recordInfo") throw new Error(`not a RecordInfo page: ${JSON.stringify(r)}`);
  return r.value.msg;
}

describe("RecordInfo messages", () => {
  it("the query names the channel, the window in the bureau's local time and Type all, in GB2312", () => {
    const body = recordInfoQueryBody(7, {
      channelId: CAM,
      from: at("2026-01-01T16:00:00Z"),
      to: at("2026-01-02T15:59:59Z"),
      offsetMin: CN,
    });
    expect(body.toString("latin1")).toContain('encoding="GB2312"');
    const x = parseXml(body);
    expect(x.ok && x.root).toBe("Query");
    expect(x.ok && x.body).toMatchObject({
      CmdType: "RecordInfo",
      SN: "7",
      DeviceID: CAM,
      StartTime: "2026-01-02T00:00:00",
      EndTime: "2026-01-02T23:59:59",
      Type: "all",
    });
  });

  it("reads a GBK page with Chinese names and an empty UTF-8 one", () => {
    const m = parsePage(page(3, 2, [item("2026-01-02T08:00:00", "2026-01-02T08:10:00")]));
    expect(m.SumNum).toBe(2);
    expect(m.RecordList).toHaveLength(1);
    expect(m.RecordList[0]).toMatchObject({ Name: "监舍一", Address: "一监区", Type: "time" });
    expect(parsePage(page(3, 0, [], "UTF-8")).RecordList).toEqual([]);
  });

  it("a page without SumNum is an error naming the field", () => {
    const bad = Buffer.from(`<Response><CmdType>RecordInfo</CmdType><SN>1</SN><DeviceID>${CAM}</DeviceID></Response>`);
    expect(parseManscdp(bad)).toMatchObject({ ok: false, field: "SumNum" });
  });

  it("items → spans in the bureau's zone, touching files merged, bad times counted", () => {
    const items = parsePage(
      page(1, 5, [
        item("2026-01-02T08:10:01", "2026-01-02T08:20:00"),
        item("2026-01-02T08:00:00", "2026-01-02T08:10:00"),
        item("2026-01-02T09:00:00", "2026-01-02T09:05:00"),
        item("2026-01-02T09:06:00", "2026-01-02T09:05:00"),
        item("not a time", "2026-01-02T09:05:00"),
      ]),
    ).RecordList;
    expect(recordSpans(items, CN)).toEqual({
      spans: [
        { from: at("2026-01-02T00:00:00Z"), to: at("2026-01-02T00:20:00Z") },
        { from: at("2026-01-02T01:00:00Z"), to: at("2026-01-02T01:05:00Z") },
      ],
      bad: 2,
    });
  });

  it("merged spans are sorted, disjoint and cover exactly the items (property)", () => {
    const arb = fc.array(fc.tuple(fc.integer({ min: 0, max: 86_400 }), fc.integer({ min: 1, max: 3600 })), {
      maxLength: 40,
    });
    fc.assert(
      fc.property(arb, (pairs) => {
        const base = at("2026-01-01T16:00:00Z");
        const items: RecordItem[] = pairs.map(([s, len]) => ({
          StartTime: toGbTime(base + s * 1000, CN),
          EndTime: toGbTime(base + (s + len) * 1000, CN),
        }));
        const { spans, bad } = recordSpans(items, CN, 0);
        expect(bad).toBe(0);
        for (let i = 1; i < spans.length; i++) expect(spans[i]!.from).toBeGreaterThan(spans[i - 1]!.to);
        const inItems = (t: number) => pairs.some(([s, len]) => t >= base + s * 1000 && t < base + (s + len) * 1000);
        const inSpans = (t: number) => spans.some((x) => t >= x.from && t < x.to);
        for (const [s, len] of pairs)
          for (const t of [base + s * 1000, base + (s + len) * 1000 - 1, base + (s + len) * 1000])
            expect(inSpans(t)).toBe(inItems(t));
      }),
    );
  });

  it("clips spans to a window", () => {
    expect(
      clipSpans(
        [
          { from: 0, to: 10 },
          { from: 20, to: 30 },
          { from: 40, to: 50 },
        ],
        5,
        25,
      ),
    ).toEqual([
      { from: 5, to: 10 },
      { from: 20, to: 25 },
    ]);
  });
});

describe("RecordCollector", () => {
  it("collects SumNum items over pages (a resent page counts once); answers nobody asked for are ignored", () => {
    const c = new RecordCollector(CN);
    c.start(NVR, 5, CAM, 0);
    const p1 = parsePage(
      page(5, 3, [
        item("2026-01-02T08:00:00", "2026-01-02T08:10:00"),
        item("2026-01-02T09:00:00", "2026-01-02T09:10:00"),
      ]),
    );
    expect(c.page(NVR, p1, 10)).toEqual([]);
    expect(c.page(NVR, p1, 20)).toEqual([]);
    expect(c.page(NVR, parsePage(page(6, 1, [item("2026-01-02T10:00:00", "2026-01-02T10:10:00")])), 20)).toEqual([]);
    const done = c.page(NVR, parsePage(page(5, 3, [item("2026-01-02T10:00:00", "2026-01-02T10:10:00")])), 30);
    expect(done).toMatchObject([
      { type: "records", deviceId: NVR, channelId: CAM, sn: 5, items: 3, sumNum: 3, complete: true },
    ]);
    expect(done[0]?.type === "records" && done[0].spans.length).toBe(3);
    expect(c.tick(1_000_000)).toEqual([]);
  });

  it("an empty answer completes at once; silence reports what came as incomplete", () => {
    const c = new RecordCollector(CN, 10_000);
    c.start(NVR, 1, CAM, 0);
    expect(c.page(NVR, parsePage(page(1, 0, [])), 5)).toMatchObject([{ type: "records", spans: [], complete: true }]);
    c.start(NVR, 2, CAM, 0);
    c.page(NVR, parsePage(page(2, 4, [item("2026-01-02T08:00:00", "2026-01-02T08:10:00")])), 1000);
    expect(c.tick(10_999)).toEqual([]);
    expect(c.tick(11_000)).toMatchObject([{ type: "records", sn: 2, items: 1, sumNum: 4, complete: false }]);
    c.start(NVR, 3, CAM, 0);
    expect(c.tick(10_000)).toMatchObject([{ type: "records", sn: 3, items: 0, sumNum: null, complete: false }]);
  });
});

// The platform: a device registered by hand (plain SIP text), then the query and its answer.
const NAT: Endpoint = { transport: "udp", address: "203.0.113.7", port: 40123 };
const md5 = (s: string) => createHash("md5").update(s).digest("hex");

function sip(lines: string[], body: Buffer = Buffer.alloc(0)): SipMessage {
  const r = parseSip(
    Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\nContent-Length: ${body.length}\r\n\r\n`), body]),
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.message;
}

function platform(): Platform {
  let n = 0;
  return new Platform({
    serverId: SERVER,
    domain: DOMAIN,
    host: "198.51.100.1",
    port: 5060,
    keepaliveMs: 60_000,
    utcOffsetMinutes: CN,
    passwordFor: () => "pw",
    id: () => `id${++n}`,
    requestTimeoutMs: 8000,
  });
}

function registered(p: Platform): void {
  const reg = (cseq: number, auth?: string) =>
    sip([
      `REGISTER sip:${SERVER}@${DOMAIN} SIP/2.0`,
      `Via: SIP/2.0/UDP 192.168.1.64:5060;rport;branch=z9hG4bKreg${cseq}`,
      `From: <sip:${NVR}@${DOMAIN}>;tag=dev`,
      `To: <sip:${NVR}@${DOMAIN}>`,
      "Call-ID: reg-call",
      `CSeq: ${cseq} REGISTER`,
      `Contact: <sip:${NVR}@192.168.1.64:5060>`,
      "Expires: 3600",
      ...(auth ? [`Authorization: ${auth}`] : []),
    ]);
  const challenge = p.receive(reg(1), NAT, 0).out[0]!.msg as SipResponse;
  const nonce = /nonce="([^"]+)"/.exec(header(challenge, "www-authenticate") ?? "")![1]!;
  const uri = `sip:${SERVER}@${DOMAIN}`;
  const r = md5(`${md5(`${NVR}:${DOMAIN}:pw`)}:${nonce}:${md5(`REGISTER:${uri}`)}`);
  const ok = p.receive(
    reg(
      2,
      `Digest username="${NVR}", realm="${DOMAIN}", nonce="${nonce}", uri="${uri}", response="${r}", algorithm=MD5`,
    ),
    NAT,
    0,
  );
  expect((ok.out[0]!.msg as SipResponse).status).toBe(200);
}

function fromDevice(body: Buffer, cseq: number, callId = `msg-${cseq}`): SipMessage {
  return sip(
    [
      `MESSAGE sip:${SERVER}@${DOMAIN} SIP/2.0`,
      `Via: SIP/2.0/UDP 192.168.1.64:5060;rport;branch=z9hG4bKm${cseq}`,
      `From: <sip:${NVR}@${DOMAIN}>;tag=m${cseq}`,
      `To: <sip:${SERVER}@${DOMAIN}>`,
      `Call-ID: ${callId}`,
      `CSeq: ${cseq} MESSAGE`,
      "Content-Type: Application/MANSCDP+xml",
    ],
    body,
  );
}

const events = (s: Step, type: GbEvent["type"]) => s.events.filter((e) => e.type === type);

/** A playback INVITE of seconds 100–200 (session pb1). */
const PLAYBACK: PlayRequest = {
  sessionId: "pb1",
  deviceId: NVR,
  channelId: CAM,
  transport: "udp",
  mediaIp: "198.51.100.1",
  port: 30000,
  ssrc: "1340200001",
  playback: { from: 100, to: 200 },
};

describe("Platform.recordInfo", () => {
  it("sends the query to the device's source address; two GBK pages make one records event", () => {
    const p = platform();
    registered(p);
    const { step, sn } = p.recordInfo(
      NVR,
      { channelId: CAM, from: at("2026-01-01T16:00:00Z"), to: at("2026-01-02T16:00:00Z") },
      0,
    );
    expect(sn).not.toBeNull();
    const out = step.out[0]!;
    expect(out.to).toEqual(NAT);
    expect(out.msg.kind === "request" && out.msg.method).toBe("MESSAGE");
    expect(out.msg.body.toString("latin1")).toContain("<StartTime>2026-01-02T00:00:00</StartTime>");
    const first = p.receive(
      fromDevice(page(sn!, 3, [item("2026-01-02T08:00:00", "2026-01-02T08:10:00")]), 10),
      NAT,
      100,
    );
    expect((first.out[0]!.msg as SipResponse).status).toBe(200);
    expect(events(first, "records")).toEqual([]);
    const second = p.receive(
      fromDevice(
        page(sn!, 3, [
          item("2026-01-02T09:00:00", "2026-01-02T09:10:00"),
          item("2026-01-02T09:10:01", "2026-01-02T09:30:00"),
        ]),
        11,
      ),
      NAT,
      200,
    );
    expect(events(second, "records")).toEqual([
      {
        type: "records",
        deviceId: NVR,
        channelId: CAM,
        sn,
        spans: [
          { from: at("2026-01-02T00:00:00Z"), to: at("2026-01-02T00:10:00Z") },
          { from: at("2026-01-02T01:00:00Z"), to: at("2026-01-02T01:30:00Z") },
        ],
        items: 3,
        sumNum: 3,
        bad: 0,
        complete: true,
      },
    ]);
  });

  it("an offline device: nothing sent, requestFailed at once; a refused query: requestFailed with its SN", () => {
    const p = platform();
    const off = p.recordInfo(NVR, { channelId: CAM, from: 0, to: 1000 }, 0);
    expect(off.sn).toBeNull();
    expect(off.step.out).toEqual([]);
    expect(events(off.step, "requestFailed")).toMatchObject([{ deviceId: NVR, reason: "the device is offline" }]);
    registered(p);
    const { step, sn } = p.recordInfo(NVR, { channelId: CAM, from: 0, to: 1000 }, 0);
    const req = step.out[0]!.msg;
    const via = header(req, "via")!;
    const refused = sip([
      "SIP/2.0 488 Not Acceptable Here",
      `Via: ${via}`,
      `From: ${header(req, "from")}`,
      `To: ${header(req, "to")};tag=x`,
      `Call-ID: ${header(req, "call-id")}`,
      `CSeq: ${header(req, "cseq")}`,
    ]);
    expect(events(p.receive(refused, NAT, 10), "requestFailed")).toMatchObject([
      { deviceId: NVR, what: "query RecordInfo", reason: "488 Not Acceptable Here", sn },
    ]);
    // The refused query is forgotten: no late "incomplete" report.
    expect(events(p.tick(60_000), "records")).toEqual([]);
  });

  it("MediaStatus 121 within a playback dialog names its session", () => {
    const p = platform();
    registered(p);
    const inv = p.invite(PLAYBACK, 0).out[0]!.msg;
    expect(inv.body.toString()).toContain("s=Playback");
    const xml = Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><Notify><CmdType>MediaStatus</CmdType><SN>9</SN><DeviceID>${CAM}</DeviceID><NotifyType>121</NotifyType></Notify>`,
    );
    const s = p.receive(fromDevice(xml, 12, header(inv, "call-id")), NAT, 10);
    expect(events(s, "mediaStatus")).toEqual([
      { type: "mediaStatus", deviceId: NVR, sessionId: "pb1", notifyType: "121" },
    ]);
  });
});

describe("Platform.control (MANSRTSP over INFO)", () => {
  const play = (p: Platform) => p.invite(PLAYBACK, 0).out[0]!.msg;
  const SDP = Buffer.from(
    "v=0\r\no=d 0 0 IN IP4 203.0.113.7\r\ns=Playback\r\nc=IN IP4 203.0.113.7\r\nt=100 200\r\nm=video 15060 RTP/AVP 96\r\na=sendonly\r\na=rtpmap:96 PS/90000\r\ny=1340200001\r\n",
  );
  const answer = (req: SipMessage, status: string, toTag = "dev1") =>
    sip(
      [
        `SIP/2.0 ${status}`,
        `Via: ${header(req, "via")}`,
        `From: ${header(req, "from")}`,
        `To: ${header(req, "to")}${/tag=/.test(header(req, "to") ?? "") ? "" : `;tag=${toTag}`}`,
        `Call-ID: ${header(req, "call-id")}`,
        `CSeq: ${header(req, "cseq")}`,
        ...(req.kind === "request" && req.method === "INVITE" ? ["Content-Type: APPLICATION/SDP"] : []),
      ],
      req.kind === "request" && req.method === "INVITE" ? SDP : Buffer.alloc(0),
    );

  it("an INFO in the dialog (its Call-ID, tags, next CSeq) with Scale; 200 settles it ok, 4xx refused", () => {
    const p = platform();
    registered(p);
    const inv = play(p);
    expect(events(p.control("pb1", { method: "PLAY", scale: 4 }, 1), "controlled")).toMatchObject([{ ok: false }]);
    const acked = p.receive(answer(inv, "200 OK"), NAT, 5);
    expect(acked.out[0]!.msg.kind === "request" && acked.out[0]!.msg.method).toBe("ACK");
    const step = p.control("pb1", { method: "PLAY", scale: 4 }, 10);
    const info = step.out[0]!.msg;
    expect(info.kind === "request" && info.method).toBe("INFO");
    expect(step.out[0]!.to).toEqual(NAT);
    expect(header(info, "call-id")).toBe(header(inv, "call-id"));
    expect(header(info, "to")).toContain("tag=dev1");
    expect(header(info, "cseq")).toBe("2 INFO");
    expect(header(info, "content-type")).toBe("Application/MANSRTSP");
    expect(info.body.toString()).toBe("PLAY MANSRTSP/1.0\r\nCSeq: 1\r\nScale: 4.0\r\n\r\n");
    expect(events(p.receive(answer(info, "200 OK"), NAT, 20), "controlled")).toEqual([
      { type: "controlled", sessionId: "pb1", ok: true, reason: null },
    ]);
    const pause = p.control("pb1", { method: "PAUSE" }, 30).out[0]!.msg;
    expect(header(pause, "cseq")).toBe("3 INFO");
    expect(pause.body.toString()).toContain("CSeq: 2\r\n");
    expect(events(p.receive(answer(pause, "488 Not Acceptable Here"), NAT, 40), "controlled")).toMatchObject([
      { ok: false, reason: "the device refused: 488 Not Acceptable Here" },
    ]);
    // Unanswered: settled as failed when the request times out; after a BYE nothing is sent.
    p.control("pb1", { method: "PLAY", scale: 2 }, 50);
    expect(events(p.tick(60_000), "controlled")).toMatchObject([{ ok: false, reason: "no answer" }]);
    p.bye("pb1");
    expect(p.control("pb1", { method: "PLAY", scale: 2 }, 70_000).out).toEqual([]);
  });

  it("a live (s=Play) session takes no playback control", () => {
    const p = platform();
    registered(p);
    const inv = p.invite(
      {
        sessionId: "live1",
        deviceId: NVR,
        channelId: CAM,
        transport: "udp",
        mediaIp: "198.51.100.1",
        port: 1,
        ssrc: "1",
      },
      0,
    ).out[0]!.msg;
    p.receive(answer(inv, "200 OK"), NAT, 5);
    expect(p.control("live1", { method: "PLAY", scale: 2 }, 10).out).toEqual([]);
  });
});

describe("the Playback offer", () => {
  it("s=Playback, u=<channel>:0 and t=<start> <end> in unix seconds, the rest as live", () => {
    const sdp = buildOffer({
      serverId: SERVER,
      channelId: CAM,
      mediaIp: "10.8.0.5",
      port: 30002,
      transport: "udp",
      ssrc: "1020000001",
      playback: { from: 1767312000, to: 1767312600 },
    });
    expect(sdp.split("\r\n")).toEqual([
      "v=0",
      `o=${CAM} 0 0 IN IP4 10.8.0.5`,
      "s=Playback",
      `u=${CAM}:0`,
      "c=IN IP4 10.8.0.5",
      "t=1767312000 1767312600",
      "m=video 30002 RTP/AVP 96 98 97",
      "a=recvonly",
      "a=rtpmap:96 PS/90000",
      "a=rtpmap:98 H264/90000",
      "a=rtpmap:97 MPEG4/90000",
      "y=1020000001",
      "",
    ]);
  });

  it("s=Download with a=downloadspeed: the same span, sent faster (§9.9)", () => {
    const sdp = buildOffer({
      serverId: SERVER,
      channelId: CAM,
      mediaIp: "10.8.0.5",
      port: 30002,
      transport: "tcp-passive",
      ssrc: "1020000002",
      playback: { from: 1767312000, to: 1767312600 },
      downloadSpeed: 4,
    });
    const lines = sdp.split("\r\n");
    expect(lines.slice(0, 6)).toEqual([
      "v=0",
      `o=${CAM} 0 0 IN IP4 10.8.0.5`,
      "s=Download",
      `u=${CAM}:0`,
      "c=IN IP4 10.8.0.5",
      "t=1767312000 1767312600",
    ]);
    expect(lines).toContain("a=downloadspeed:4");
    expect(lines.indexOf("a=downloadspeed:4")).toBeLessThan(lines.indexOf("y=1020000002"));
    // A live offer never carries a download speed, even when asked (it has no span).
    const live = buildOffer({
      ...{ serverId: SERVER, channelId: CAM, mediaIp: "10.8.0.5", port: 1 },
      transport: "udp",
      ssrc: "1",
      downloadSpeed: 4,
    });
    expect(live).not.toContain("downloadspeed");
    expect(live).toContain("s=Play\r\n");
  });
});
