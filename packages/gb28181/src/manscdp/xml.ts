// MANSCDP bodies (GB/T 28181 Annex A): XML in the encoding its declaration names (GB2312/GBK/GB18030 as
// most devices send, or UTF-8), decoded with iconv-lite and parsed with fast-xml-parser — safely: a body
// over the size limit, any DOCTYPE or ENTITY declaration (entity-expansion bombs, external entities) is
// refused before parsing, and entities are never expanded. Values stay strings (20-digit ids keep their
// zeros). Never throws; errors as data.
import { XMLBuilder, XMLParser } from "fast-xml-parser";
import iconv from "iconv-lite";

/** A catalogue page is a few KB; devices that put 100+ items in one MESSAGE stay well under this. */
export const MAX_XML = 256 * 1024;

export type XmlNode = string | { [key: string]: XmlNode | XmlNode[] };

export type XmlParse =
  | { ok: true; root: string; body: Record<string, XmlNode | XmlNode[]>; encoding: string }
  | { ok: false; message: string };

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === "Item",
});

const DECL = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_-]+)["']/;

function encodingOf(bytes: Buffer): string {
  const head = bytes.toString("latin1", 0, Math.min(bytes.length, 200));
  return (DECL.exec(head)?.[1] ?? "UTF-8").toUpperCase();
}

/** Decodes by the declared encoding; GB2312 and GBK are read as GB18030, their superset (devices mislabel). */
export function decodeXml(
  bytes: Buffer,
): { ok: true; text: string; encoding: string } | { ok: false; message: string } {
  const encoding = encodingOf(bytes);
  if (encoding === "UTF-8" || encoding === "UTF8") return { ok: true, text: bytes.toString("utf8"), encoding };
  if (encoding === "GB2312" || encoding === "GBK" || encoding === "GB18030")
    return { ok: true, text: iconv.decode(bytes, "gb18030"), encoding };
  if (iconv.encodingExists(encoding)) return { ok: true, text: iconv.decode(bytes, encoding), encoding };
  return { ok: false, message: `unknown XML encoding "${encoding}"` };
}

export function parseXml(bytes: Buffer): XmlParse {
  if (bytes.length > MAX_XML)
    return { ok: false, message: `XML body of ${bytes.length} bytes is over the ${MAX_XML} limit` };
  const decoded = decodeXml(bytes);
  if (!decoded.ok) return decoded;
  if (/<!DOCTYPE|<!ENTITY/i.test(decoded.text))
    return { ok: false, message: "XML with a DOCTYPE or ENTITY declaration is refused" };
  let doc: unknown;
  try {
    doc = parser.parse(decoded.text);
  } catch (err) {
    return { ok: false, message: `XML does not parse: ${err instanceof Error ? err.message.slice(0, 120) : "error"}` };
  }
  if (typeof doc !== "object" || doc === null) return { ok: false, message: "XML has no root element" };
  const entries = Object.entries(doc);
  const root = entries[0];
  if (entries.length !== 1 || !root || typeof root[1] !== "object" || root[1] === null)
    return { ok: false, message: "XML must have exactly one root element with children" };
  return {
    ok: true,
    root: root[0],
    body: unescapeAll(root[1]) as Record<string, XmlNode | XmlNode[]>,
    encoding: decoded.encoding,
  };
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** The five predefined entities and character references, replaced once (no recursion, no declared ones). */
function unescapeText(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/g, (m, e: string) => {
    if (e[0] !== "#") return NAMED[e] ?? m;
    const code = e[1] === "x" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

function unescapeAll(v: unknown): unknown {
  if (typeof v === "string") return unescapeText(v);
  if (Array.isArray(v)) return v.map(unescapeAll);
  if (typeof v === "object" && v !== null)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unescapeAll(x)]));
  return v;
}

const builder = new XMLBuilder({ format: true, indentBy: "", suppressEmptyNode: false, processEntities: true });

/** `<?xml … encoding="GB2312"?>` + the root element, encoded in GB2312 (what devices expect to read). */
export function buildXml(root: string, body: Record<string, unknown>): Buffer {
  const text = `<?xml version="1.0" encoding="GB2312"?>\n${builder.build({ [root]: body }) as string}`;
  return iconv.encode(text, "gb18030");
}
