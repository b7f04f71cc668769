// Building the platform's SIP messages: responses that mirror a request (Via with received/rport for
// devices behind NAT — RFC 3581 — From, To with our tag, Call-ID, CSeq) and new requests from us (MESSAGE,
// SUBSCRIBE, INVITE, ACK, BYE) with fresh branch/tag/Call-ID. Ids come from an injected source, so tests
// and replays are deterministic. Pure.

import { formatVia, parseVia } from "../sip/headers";
import { header, headerList, type SipMessage, type SipRequest, type SipResponse } from "../sip/message";
import type { Endpoint } from "./types";

export interface Local {
  serverId: string;
  domain: string;
  /** Address and port devices reach us at (Via/Contact of our requests). */
  host: string;
  port: number;
}

export type IdSource = () => string;

export const USER_AGENT = "CommandWall-GB28181";

export function response(
  req: SipRequest,
  from: Endpoint,
  status: number,
  reason: string,
  extra: [string, string][] = [],
  body?: { type: string; bytes: Buffer },
  toTag?: string,
): SipResponse {
  const headers: [string, string][] = [];
  const vias = headerList(req, "via");
  vias.forEach((v, i) => {
    if (i > 0) {
      headers.push(["via", v]);
      return;
    }
    const via = parseVia(v);
    if (!via) {
      headers.push(["via", v]);
      return;
    }
    // Answer where the packet came from: a device behind NAT cannot be reached at the address it wrote.
    if (via.params.has("rport")) via.params.set("rport", String(from.port));
    if (via.host !== from.address || via.params.has("rport")) via.params.set("received", from.address);
    headers.push(["via", formatVia(via)]);
  });
  for (const name of ["from", "call-id", "cseq"]) {
    const v = header(req, name);
    if (v !== undefined) headers.push([name, v]);
  }
  const to = header(req, "to") ?? "";
  headers.push(["to", toTag && !/;\s*tag=/i.test(to) ? `${to};tag=${toTag}` : to]);
  headers.push(["user-agent", USER_AGENT], ...extra);
  if (body) headers.push(["content-type", body.type]);
  return { kind: "response", status, reason, headers, body: body?.bytes ?? Buffer.alloc(0) };
}

export interface NewRequest {
  method: string;
  /** Request-URI user (device or channel id). */
  target: string;
  /** Where the request goes (the device's registered source address). */
  to: Endpoint;
  callId: string;
  fromTag: string;
  toTag?: string | undefined;
  cseq: number;
  branch: string;
  body?: { type: string; bytes: Buffer } | undefined;
  extra?: [string, string][];
}

export function request(local: Local, r: NewRequest): SipRequest {
  const transport = r.to.transport.toUpperCase();
  const headers: [string, string][] = [
    ["via", `SIP/2.0/${transport} ${local.host}:${local.port};rport;branch=${r.branch}`],
    ["from", `<sip:${local.serverId}@${local.domain}>;tag=${r.fromTag}`],
    ["to", `<sip:${r.target}@${local.domain}>${r.toTag ? `;tag=${r.toTag}` : ""}`],
    ["call-id", r.callId],
    ["cseq", `${r.cseq} ${r.method}`],
    ["max-forwards", "70"],
    ["contact", `<sip:${local.serverId}@${local.host}:${local.port}>`],
    ["user-agent", USER_AGENT],
    ...(r.extra ?? []),
  ];
  if (r.body) headers.push(["content-type", r.body.type]);
  return {
    kind: "request",
    method: r.method,
    uri: `sip:${r.target}@${r.to.address}:${r.to.port}`,
    headers,
    body: r.body?.bytes ?? Buffer.alloc(0),
  };
}

/** The top Via's branch: what matches a response to the request we sent. */
export function branchOf(m: SipMessage): string | null {
  const v = headerList(m, "via")[0];
  const via = v ? parseVia(v) : null;
  const b = via?.params.get("branch");
  return b ?? null;
}

export const MANSCDP = "Application/MANSCDP+xml";
