// The few SIP header grammars the platform reads (RFC 3261 §20, §25): Via (with rport/received, RFC 3581),
// name-addr (From/To/Contact: display name, URI user/host/port, tag), CSeq, and `;key=value` parameters.
// Pure; unreadable values give null, never a throw.

export interface Via {
  transport: string;
  host: string;
  port: number | null;
  params: Map<string, string | null>;
}

/** `key=value;flag` → map (lowercase keys, unquoted values). */
export function parseParams(s: string): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const part of s.split(";")) {
    const p = part.trim();
    if (!p) continue;
    const eq = p.indexOf("=");
    if (eq < 0) out.set(p.toLowerCase(), null);
    else
      out.set(
        p.slice(0, eq).trim().toLowerCase(),
        p
          .slice(eq + 1)
          .trim()
          .replace(/^"(.*)"$/, "$1"),
      );
  }
  return out;
}

export function parseVia(v: string): Via | null {
  const m = /^SIP\s*\/\s*2\.0\s*\/\s*([A-Za-z]+)\s+([^;:\s]+|\[[^\]]+\])(?::(\d{1,5}))?\s*(;.*)?$/.exec(v.trim());
  if (!m) return null;
  return {
    transport: m[1]!.toUpperCase(),
    host: m[2]!,
    port: m[3] ? Number(m[3]) : null,
    params: parseParams(m[4] ?? ""),
  };
}

export function formatVia(v: Via): string {
  const params = [...v.params].map(([k, val]) => (val === null ? `;${k}` : `;${k}=${val}`)).join("");
  return `SIP/2.0/${v.transport} ${v.host}${v.port === null ? "" : `:${v.port}`}${params}`;
}

export interface SipUri {
  user: string;
  host: string;
  port: number | null;
}

export interface NameAddr {
  display: string;
  uri: SipUri;
  /** The raw URI text, e.g. "sip:34020000001320000001@3402000000". */
  raw: string;
  params: Map<string, string | null>;
}

export function parseUri(s: string): SipUri | null {
  const m = /^sips?:(?:([^@;:]+)(?::[^@;]*)?@)?([^;:?>]+)(?::(\d{1,5}))?/i.exec(s.trim());
  if (!m) return null;
  return { user: m[1] ?? "", host: m[2]!, port: m[3] ? Number(m[3]) : null };
}

export function parseNameAddr(v: string): NameAddr | null {
  const s = v.trim();
  const lt = s.indexOf("<");
  let display = "";
  let raw: string;
  let rest: string;
  if (lt >= 0) {
    const gt = s.indexOf(">", lt);
    if (gt < 0) return null;
    display = s
      .slice(0, lt)
      .trim()
      .replace(/^"(.*)"$/, "$1");
    raw = s.slice(lt + 1, gt);
    rest = s.slice(gt + 1);
  } else {
    const semi = s.indexOf(";");
    raw = semi < 0 ? s : s.slice(0, semi);
    rest = semi < 0 ? "" : s.slice(semi);
  }
  const uri = parseUri(raw);
  if (!uri) return null;
  return { display, uri, raw, params: parseParams(rest) };
}

export function parseCSeq(v: string): { seq: number; method: string } | null {
  const m = /^(\d{1,10})\s+([A-Za-z]+)$/.exec(v.trim());
  return m ? { seq: Number(m[1]), method: m[2]!.toUpperCase() } : null;
}
