// MANSCDP bodies: GB2312/GBK and UTF-8 decoding by declaration, typed messages or errors naming the field,
// refusal of DOCTYPE/ENTITY (billion laughs, external entities) and oversized bodies; PTZCmd bytes; the
// key frame request (IFameCmd).

import fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { keyFrameControlBody } from "../src/manscdp/build";
import { parseManscdp } from "../src/manscdp/messages";
import { type PtzAction, parsePtzCmd, ptzBytes, ptzCmd } from "../src/manscdp/ptz";
import { parseXml } from "../src/manscdp/xml";

const gbk = (s: string) => iconv.encode(s, "gbk");

describe("parseManscdp", () => {
  it("reads a GB2312 catalogue page with Chinese names", () => {
    const xml = `<?xml version="1.0" encoding="GB2312"?>
<Response><CmdType>Catalog</CmdType><SN>7</SN><DeviceID>34020000001110000001</DeviceID><SumNum>70</SumNum>
<DeviceList Num="2"><Item><DeviceID>34020000002150000001</DeviceID><Name>一监区</Name></Item>
<Item><DeviceID>34020000001320000011</DeviceID><Name>监舍 &amp; 走廊</Name><ParentID>34020000002160000001</ParentID><Status>ON</Status><Info><PTZType>1</PTZType></Info></Item></DeviceList></Response>`;
    const r = parseManscdp(gbk(xml));
    expect(r.ok && r.value.kind).toBe("catalog");
    if (!r.ok || r.value.kind !== "catalog") return;
    expect(r.value.msg.SumNum).toBe(70);
    expect(r.value.msg.DeviceList.map((i) => i.Name)).toEqual(["一监区", "监舍 & 走廊"]);
    expect(r.value.msg.DeviceList[1]?.Info?.PTZType).toBe("1");
  });

  it("reads UTF-8 and an empty device list", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><Response><CmdType>Catalog</CmdType><SN>1</SN><DeviceID>1</DeviceID><SumNum>0</SumNum><DeviceList Num="0"></DeviceList></Response>`;
    const r = parseManscdp(Buffer.from(xml));
    expect(r.ok && r.value.kind === "catalog" && r.value.msg.DeviceList).toEqual([]);
  });

  it.each([
    [
      "a keepalive",
      "<Notify><CmdType>Keepalive</CmdType><SN>3</SN><DeviceID>34020000001320000001</DeviceID><Status>OK</Status></Notify>",
      "keepalive",
    ],
    [
      "an alarm",
      "<Notify><CmdType>Alarm</CmdType><SN>3</SN><DeviceID>34020000001340000001</DeviceID><AlarmPriority>1</AlarmPriority><AlarmMethod>5</AlarmMethod><Info><AlarmType>2</AlarmType></Info></Notify>",
      "alarm",
    ],
    [
      "device info",
      "<Response><CmdType>DeviceInfo</CmdType><SN>3</SN><DeviceID>1</DeviceID><Manufacturer>Hikvision</Manufacturer></Response>",
      "deviceInfo",
    ],
    ["something else", "<Response><CmdType>ConfigDownload</CmdType><SN>3</SN></Response>", "other"],
  ])("%s", (_name, xml, kind) => {
    const r = parseManscdp(Buffer.from(xml));
    expect(r.ok && r.value.kind).toBe(kind);
  });

  it.each([
    ["no CmdType", "<Notify><SN>1</SN></Notify>", "CmdType"],
    ["SN not a number", "<Notify><CmdType>Keepalive</CmdType><SN>x</SN><DeviceID>1</DeviceID></Notify>", "SN"],
    [
      "device id with spaces",
      "<Notify><CmdType>Keepalive</CmdType><SN>1</SN><DeviceID>a b</DeviceID></Notify>",
      "DeviceID",
    ],
    ["SumNum missing", "<Response><CmdType>Catalog</CmdType><SN>1</SN><DeviceID>1</DeviceID></Response>", "SumNum"],
  ])("%s → error on %s", (_name, xml, field) => {
    const r = parseManscdp(Buffer.from(xml));
    expect(r.ok ? null : r.field).toBe(field);
  });
});

describe("XML safety", () => {
  it("refuses entity expansion (billion laughs) and external entities without expanding anything", () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><Notify><CmdType>&lol2;</CmdType></Notify>`;
    expect(parseXml(Buffer.from(lol))).toMatchObject({ ok: false, message: expect.stringContaining("DOCTYPE") });
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Notify><CmdType>&e;</CmdType></Notify>`;
    expect(parseXml(Buffer.from(xxe)).ok).toBe(false);
  });

  it("leaves undeclared entities as text", () => {
    const r = parseXml(Buffer.from("<Notify><CmdType>&foo;</CmdType></Notify>"));
    expect(r.ok && r.body["CmdType"]).toBe("&foo;");
  });

  it("refuses an oversized body and an unknown encoding", () => {
    expect(parseXml(Buffer.alloc(300_000, 0x20)).ok).toBe(false);
    expect(parseXml(Buffer.from('<?xml version="1.0" encoding="X-NOPE"?><a><b>1</b></a>')).ok).toBe(false);
  });

  it("never throws on random text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        parseManscdp(Buffer.from(`<Notify>${s}</Notify>`));
        parseManscdp(Buffer.from(s));
      }),
    );
  });
});

describe("PTZCmd", () => {
  // Expected bytes worked out by hand from GB/T 28181-2016 A.3: A5 0F 01, command, pan, tilt, zoom<<4, sum.
  it.each([
    ["left", 0x80, undefined, "A50F010280000037"],
    ["right", 0x80, undefined, "A50F010180000036"],
    ["up", 0x40, undefined, "A50F0108004000FD"],
    ["down", 0x40, undefined, "A50F0104004000F9"],
    ["zoomIn", 0xff, undefined, "A50F01100000F0B5"],
    ["zoomOut", 0x30, undefined, "A50F012000003005"],
    ["stop", 0x80, undefined, "A50F0100000000B5"],
    ["preset", undefined, 3, "A50F01820003003A"],
  ] as const)("%s → %s", (action, speed, preset, hex) => {
    const b = ptzBytes(action, speed, preset);
    expect(b[0]).toBe(0xa5);
    expect(b[1]).toBe(0x0f);
    let sum = 0;
    for (let i = 0; i < 7; i++) sum += b[i]!;
    expect(b[7]).toBe(sum % 256);
    expect(ptzCmd(action, speed, preset)).toBe(hex);
  });
});

describe("PTZCmd read back (a lower platform passing on its upper's commands)", () => {
  it.each([
    ["A50F010280000037", { action: "left", speed: 0x80, preset: 0 }],
    ["A50F0108004000FD", { action: "up", speed: 0x40, preset: 0 }],
    ["A50F01100000F0B5", { action: "zoomIn", speed: 0xf0, preset: 0 }],
    ["A50F0100000000B5", { action: "stop", speed: 0, preset: 0 }],
    ["A50F01820003003A", { action: "preset", speed: 0, preset: 3 }],
    ["a50f010280000037", { action: "left", speed: 0x80, preset: 0 }],
  ] as const)("%s → %o", (hex, value) => {
    expect(parsePtzCmd(hex)).toEqual({ ok: true, value });
  });

  it.each([
    ["A50F0102800000", "16 hex digits"],
    ["A40F010280000036", "A5"],
    ["A50E010280000036", "check nibble"],
    ["A50F010280000038", "checksum"],
    ["A50F010A8040007F", "combines moves"], // up + left
    ["A50F018100030039", "not a move"], // preset set
    ["A50F01830003003B", "not a move"], // preset delete
    ["A50F0141000000F6", "not a move"], // focus
  ])("%s is refused (%s)", (hex, reason) => {
    const r = parsePtzCmd(hex);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it("reads back what ptzCmd writes, for every action, speed and preset", () => {
    const actions: PtzAction[] = ["left", "right", "up", "down", "zoomIn", "zoomOut", "stop", "preset"];
    fc.assert(
      fc.property(
        fc.constantFrom(...actions),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 1, max: 255 }),
        (a, speed, preset) => {
          const r = parsePtzCmd(ptzCmd(a, speed, preset));
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(r.value.action).toBe(a);
          // Re-encoding the reading gives the same bytes (zoom speeds keep their nibble).
          expect(ptzCmd(r.value.action, r.value.speed, r.value.preset || undefined)).toBe(ptzCmd(a, speed, preset));
        },
      ),
    );
  });

  it("never throws on any string", () => {
    fc.assert(fc.property(fc.string({ maxLength: 20 }), (s) => void parsePtzCmd(s)));
  });
});

describe("IFameCmd", () => {
  it("asks the channel for a key frame in a DeviceControl, as GB/T 28181-2016 A.2.3.1 spells it", () => {
    const xml = parseXml(keyFrameControlBody(17, "34020000001320000001"));
    expect(xml.ok).toBe(true);
    if (!xml.ok) return;
    expect(xml.root).toBe("Control");
    expect(xml.body).toMatchObject({
      CmdType: "DeviceControl",
      SN: "17",
      DeviceID: "34020000001320000001",
      IFameCmd: "Send",
    });
  });
});
