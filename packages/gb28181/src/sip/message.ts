// SIP messages (RFC 3261 §7): parse one message from bytes and write one back. Headers keep their order
// and repeats; compact forms (v, f, t, i, m, l, c, …) are expanded to full lowercase names; folded lines are
// joined. The body stays bytes (MANSCDP bodies may be GB2312). Pure; never throws on input: anything that
// is not a SIP message is a SipError as data. Size limits keep a hostile peer from making us hold much.

export interface SipRequest {
  kind: "request";
  method: string;
  uri: string;
  headers: [string, string][];
  body: Buffer;
}

export interface SipResponse {
  kind: "response";
  status: number;
  reason: string;
  headers: [string, string][];
  body: Buffer;
}

export type SipMessage = SipRequest | SipResponse;

export interface SipError {
  code: "sip_syntax" | "sip_too_large";
  message: string;
}

export type SipParse = { ok: true; message: SipMessage } | { ok: false; error: SipError };

/** Largest message accepted: a UDP datagram's payload bound; a catalogue page is a few KB. */
export const MAX_MESSAGE = 65_535;
const MAX_HEADERS = 100;

const COMPACT: Record<string, string> = {
  v: "via",
  f: "from",
  t: "to",
  i: "call-id",
  m: "contact",
  l: "content-length",
  c: "content-type",
  k: "supported",
  s: "subject",
  e: "content-encoding",
  o: "event",
};

const TOKEN = /^[A-Za-z0-9.!%*_+`'~-]+$/;
const bad = (message: string): SipParse => ({ ok: false, error: { code: "sip_syntax", message } });

/** Index of the blank line ending the header section, and its length (CRLFCRLF or bare LFLF). */
export function headerEnd(buf: Buffer, from = 0): { at: number; len: number } | null {
  const crlf = buf.indexOf("\r\n\r\n", from, "latin1");
  const lf = buf.indexOf("\n\n", from, "latin1");
  if (crlf < 0 && lf < 0) return null;
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { at: crlf, len: 4 };
  return { at: lf, len: 2 };
}

/** Parses one whole message. `datagram`: the body is the rest of the bytes (UDP); else Content-Length rules. */
export function parseSip(buf: Buffer): SipParse {
  if (buf.length > MAX_MESSAGE) return { ok: false, error: { code: "sip_too_large", message: `${buf.length} bytes` } };
  const end = headerEnd(buf);
  if (!end) return bad("no blank line after the headers");
  const lines = buf.toString("utf8", 0, end.at).split(/\r?\n/);
  const first = lines.shift() ?? "";
  const headers: [string, string][] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line)) {
      const last = headers[headers.length - 1];
      if (!last) return bad("a folded line before any header");
      last[1] = `${last[1]} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) return bad(`header line without a name: "${line.slice(0, 40)}"`);
    const raw = line.slice(0, colon).trim().toLowerCase();
    if (!TOKEN.test(raw)) return bad(`header name "${raw.slice(0, 40)}" is not a token`);
    headers.push([COMPACT[raw] ?? raw, line.slice(colon + 1).trim()]);
    if (headers.length > MAX_HEADERS) return bad(`more than ${MAX_HEADERS} headers`);
  }
  let body = buf.subarray(end.at + end.len);
  const cl = headers.find(([n]) => n === "content-length")?.[1];
  if (cl !== undefined) {
    if (!/^\d{1,6}$/.test(cl)) return bad(`Content-Length "${cl.slice(0, 20)}" is not a number`);
    const n = Number(cl);
    if (n > body.length) return bad(`Content-Length ${n} is more than the ${body.length} body bytes`);
    body = body.subarray(0, n);
  }
  const status = /^SIP\/2\.0 (\d{3}) ?(.*)$/.exec(first);
  if (status)
    return {
      ok: true,
      message: { kind: "response", status: Number(status[1]), reason: status[2] ?? "", headers, body },
    };
  const request = /^([A-Za-z]+) (\S+) SIP\/2\.0$/.exec(first);
  if (!request) return bad(`"${first.slice(0, 60)}" is neither a request line nor a status line`);
  return { ok: true, message: { kind: "request", method: request[1]!.toUpperCase(), uri: request[2]!, headers, body } };
}

/** First value of a header (names lowercase, compact forms already expanded). */
export function header(m: SipMessage, name: string): string | undefined {
  for (const [n, v] of m.headers) if (n === name) return v;
  return undefined;
}

/** Every value of a header, comma-separated lists split (Via, Contact). */
export function headerList(m: SipMessage, name: string): string[] {
  const out: string[] = [];
  for (const [n, v] of m.headers) if (n === name) out.push(...splitOutsideQuotes(v));
  return out;
}

function splitOutsideQuotes(v: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let angle = false;
  let start = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (c === '"') quoted = !quoted;
    else if (c === "<" && !quoted) angle = true;
    else if (c === ">" && !quoted) angle = false;
    else if (c === "," && !quoted && !angle) {
      parts.push(v.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(v.slice(start).trim());
  return parts.filter((p) => p.length > 0);
}

const CANONICAL: Record<string, string> = {
  "call-id": "Call-ID",
  cseq: "CSeq",
  "www-authenticate": "WWW-Authenticate",
};

const canonical = (n: string): string =>
  CANONICAL[n] ?? n.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());

/** Writes a message; Content-Length is always set from the body. */
export function serializeSip(m: SipMessage): Buffer {
  const start = m.kind === "request" ? `${m.method} ${m.uri} SIP/2.0` : `SIP/2.0 ${m.status} ${m.reason}`;
  const lines = [start];
  for (const [n, v] of m.headers) if (n !== "content-length") lines.push(`${canonical(n)}: ${v}`);
  lines.push(`Content-Length: ${m.body.length}`, "", "");
  return Buffer.concat([Buffer.from(lines.join("\r\n"), "utf8"), m.body]);
}
