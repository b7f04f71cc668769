// SIP message syntax (RFC 3261 §7, §18.3, §20): a device's REGISTER as bytes, compact and folded headers,
// malformed input as errors (a table, then random bytes), TCP framing in any chunking, and the Digest.
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { digestResponse, parseAuthorization, verifyDigest } from "../src/sip/digest";
import { SipStreamFramer } from "../src/sip/framing";
import { parseNameAddr, parseVia } from "../src/sip/headers";
import { header, headerList, parseSip, serializeSip } from "../src/sip/message";

const REGISTER = [
  "REGISTER sip:34020000002000000001@3402000000 SIP/2.0",
  "Via: SIP/2.0/UDP 192.168.1.64:5060;rport;branch=z9hG4bK1016226745",
  "From: <sip:34020000001320000001@3402000000>;tag=1571493627",
  "To: <sip:34020000001320000001@3402000000>",
  "Call-ID: 1372853957",
  "CSeq: 1 REGISTER",
  "Contact: <sip:34020000001320000001@192.168.1.64:5060>",
  "Max-Forwards: 70",
  "User-Agent: IP Camera",
  "Expires: 3600",
  "Content-Length: 0",
  "",
  "",
].join("\r\n");

describe("parseSip", () => {
  it("reads a camera's REGISTER", () => {
    const r = parseSip(Buffer.from(REGISTER));
    expect(r.ok && r.message.kind === "request" && [r.message.method, r.message.uri]).toEqual([
      "REGISTER",
      "sip:34020000002000000001@3402000000",
    ]);
    if (!r.ok) return;
    expect(header(r.message, "call-id")).toBe("1372853957");
    const via = parseVia(header(r.message, "via")!);
    expect(via && [via.transport, via.host, via.port, via.params.has("rport"), via.params.get("branch")]).toEqual([
      "UDP",
      "192.168.1.64",
      5060,
      true,
      "z9hG4bK1016226745",
    ]);
    expect(parseNameAddr(header(r.message, "from")!)?.params.get("tag")).toBe("1571493627");
  });

  it("expands compact forms, joins folded lines, splits Via lists, keeps the body as bytes", () => {
    const body = Buffer.from([0xc9, 0xe3, 0xcf, 0xf1]); // "摄像" in GBK
    const raw = Buffer.concat([
      Buffer.from(
        "MESSAGE sip:a@b SIP/2.0\r\nv: SIP/2.0/TCP 10.0.0.1;branch=z9hG4bKa, SIP/2.0/UDP 10.0.0.2;branch=z9hG4bKb\r\ni: call-1\r\nSubject: one\r\n two\r\nl: 4\r\n\r\n",
      ),
      body,
      Buffer.from("trailing bytes past Content-Length"),
    ]);
    const r = parseSip(raw);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(headerList(r.message, "via")).toHaveLength(2);
    expect(header(r.message, "call-id")).toBe("call-1");
    expect(header(r.message, "subject")).toBe("one two");
    expect(r.message.body).toEqual(body);
  });

  it("writes what it reads", () => {
    const r = parseSip(Buffer.from(REGISTER));
    if (!r.ok) throw new Error("parse");
    const again = parseSip(serializeSip(r.message));
    expect(again.ok && again.message).toEqual(r.message);
  });

  it.each([
    ["no blank line", "REGISTER sip:a SIP/2.0\r\nVia: x"],
    ["a bad start line", "HELLO\r\n\r\n"],
    ["SIP/3.0", "REGISTER sip:a SIP/3.0\r\n\r\n"],
    ["a header without a colon", "OPTIONS sip:a SIP/2.0\r\nbroken\r\n\r\n"],
    ["a non-numeric Content-Length", "OPTIONS sip:a SIP/2.0\r\nContent-Length: x\r\n\r\n"],
    ["a Content-Length past the body", "OPTIONS sip:a SIP/2.0\r\nContent-Length: 10\r\n\r\nabc"],
    ["a fold before any header", "OPTIONS sip:a SIP/2.0\r\n folded\r\n\r\n"],
  ])("%s → error", (_name, raw) => {
    expect(parseSip(Buffer.from(raw)).ok).toBe(false);
  });

  it("refuses a message over 64 KB and too many headers", () => {
    expect(parseSip(Buffer.alloc(70_000, 65))).toMatchObject({ ok: false, error: { code: "sip_too_large" } });
    const many = `OPTIONS sip:a SIP/2.0\r\n${"X-A: 1\r\n".repeat(150)}\r\n`;
    expect(parseSip(Buffer.from(many)).ok).toBe(false);
  });

  it("never throws on random bytes or random lines", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
          fc.array(fc.string(), { maxLength: 12 }).map((l) => Buffer.from(`${l.join("\r\n")}\r\n\r\n`)),
        ),
        (b) => {
          parseSip(b);
        },
      ),
    );
  });
});

describe("SIP over TCP framing", () => {
  const a = Buffer.from("MESSAGE sip:x SIP/2.0\r\nContent-Length: 5\r\n\r\nhello");
  const b = Buffer.from(REGISTER);
  const stream = Buffer.concat([Buffer.from("\r\n\r\n"), a, b, Buffer.from("\r\n")]);

  it("splits back-to-back messages whatever the chunking, skipping CRLF keep-alives", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(stream.length), { maxLength: 10 }), (cuts) => {
        const f = new SipStreamFramer();
        const got: Buffer[] = [];
        let at = 0;
        for (const c of [...new Set(cuts)].sort((x, y) => x - y).concat(stream.length)) {
          for (const m of f.push(stream.subarray(at, c))) if (m.kind === "message") got.push(m.bytes);
          at = c;
        }
        expect(got).toEqual([a, b]);
      }),
    );
  });

  it("a message without Content-Length is a framing error", () => {
    const f = new SipStreamFramer();
    expect(f.push(Buffer.from("OPTIONS sip:a SIP/2.0\r\nVia: x\r\n\r\n"))).toEqual([
      { kind: "error", message: expect.stringContaining("Content-Length") },
    ]);
  });
});

describe("digest", () => {
  const md5 = (s: string) => createHash("md5").update(s).digest("hex");
  const base = {
    username: "34020000001320000001",
    realm: "3402000000",
    nonce: "abc",
    uri: "sip:34020000002000000001@3402000000",
  };

  it("matches the RFC 2617 formula, with and without qop", () => {
    const ha1 = md5(`${base.username}:${base.realm}:12345678`);
    const ha2 = md5(`REGISTER:${base.uri}`);
    expect(digestResponse(base, "12345678", "REGISTER")).toBe(md5(`${ha1}:abc:${ha2}`));
    const q = { ...base, qop: "auth", nc: "00000001", cnonce: "xyz" };
    expect(digestResponse(q, "12345678", "REGISTER")).toBe(md5(`${ha1}:abc:00000001:xyz:auth:${ha2}`));
  });

  it("parses an Authorization header and verifies it", () => {
    const response = digestResponse(base, "12345678", "REGISTER");
    const h = `Digest username="${base.username}", realm="${base.realm}", nonce="abc", uri="${base.uri}", response="${response}", algorithm=MD5`;
    const c = parseAuthorization(h);
    expect(c && verifyDigest(c, "12345678", "REGISTER")).toBe(true);
    expect(c && verifyDigest(c, "wrong", "REGISTER")).toBe(false);
    expect(parseAuthorization("Basic abc")).toBeNull();
    expect(parseAuthorization('Digest username="a"')).toBeNull();
  });
});
