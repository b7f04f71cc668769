// GB simulator, SIP: the device's own tiny SIP codec — writes requests and responses as text and reads the
// platform's messages (start line, headers by lowercase name, Content-Length body). Written for the tests
// from RFC 3261 with none of the gateway's code: a bug shared with the gateway would hide itself.
import { createHash, randomBytes } from "node:crypto";

export interface SimSip {
  start: string;
  headers: Map<string, string[]>;
  body: Buffer;
}

export function readSip(buf: Buffer): SimSip | null {
  const cut = buf.indexOf("\r\n\r\n");
  if (cut < 0) return null;
  const lines = buf.toString("utf8", 0, cut).split("\r\n");
  const headers = new Map<string, string[]>();
  for (const line of lines.slice(1)) {
    const i = line.indexOf(":");
    if (i < 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(i + 1).trim()]);
  }
  const len = Number(headers.get("content-length")?.[0] ?? "0");
  return { start: lines[0] ?? "", headers, body: buf.subarray(cut + 4, cut + 4 + len) };
}

export const get = (m: SimSip, name: string): string => m.headers.get(name)?.[0] ?? "";

export function writeSip(start: string, headers: [string, string][], body: Buffer = Buffer.alloc(0)): Buffer {
  const text = `${start}\r\n${headers.map(([k, v]) => `${k}: ${v}`).join("\r\n")}\r\nContent-Length: ${body.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(text, "utf8"), body]);
}

/** A response that copies the transaction headers of the platform's request. */
export function answer(
  req: SimSip,
  status: string,
  extra: [string, string][] = [],
  body?: Buffer,
  toTag = "sim",
): Buffer {
  const to = get(req, "to");
  const headers: [string, string][] = [
    ...(req.headers.get("via") ?? []).map((v): [string, string] => ["Via", v]),
    ["From", get(req, "from")],
    ["To", to.includes("tag=") ? to : `${to};tag=${toTag}`],
    ["Call-ID", get(req, "call-id")],
    ["CSeq", get(req, "cseq")],
    ["User-Agent", "gb-sim"],
    ...extra,
  ];
  return writeSip(`SIP/2.0 ${status}`, headers, body);
}

export const token = (): string => randomBytes(6).toString("hex");

export function digest(user: string, realm: string, password: string, nonce: string, uri: string): string {
  const md5 = (s: string) => createHash("md5").update(s).digest("hex");
  return md5(`${md5(`${user}:${realm}:${password}`)}:${nonce}:${md5(`REGISTER:${uri}`)}`);
}

/** The messages a TCP byte stream carries, and what is left for the next chunk. */
export function splitStream(buf: Buffer): { messages: Buffer[]; rest: Buffer } {
  const messages: Buffer[] = [];
  let rest = buf;
  for (;;) {
    while (rest.length > 0 && (rest[0] === 13 || rest[0] === 10)) rest = rest.subarray(1);
    const cut = rest.indexOf("\r\n\r\n");
    if (cut < 0) break;
    const len = Number(/content-length:\s*(\d+)/i.exec(rest.toString("utf8", 0, cut))?.[1] ?? "0");
    if (rest.length < cut + 4 + len) break;
    messages.push(rest.subarray(0, cut + 4 + len));
    rest = rest.subarray(cut + 4 + len);
  }
  return { messages, rest };
}
