// The upper platform's INVITE offer as the lower side reads it (GB/T 28181-2016 Annex F): where it wants
// the PS stream (c=, m= port), over which transport (RTP/AVP = UDP; TCP/RTP/AVP with a=setup: passive =
// it listens and we connect, active = it connects to us), the SSRC (y=), live or playback (s=); and our
// answer: PS/90000 on 96, sendonly, from our address and port, the same SSRC. Pure; never throws.
import type { MediaTransport } from "../sdp/sdp";

export interface Offer {
  ip: string;
  port: number;
  transport: MediaTransport;
  setup: "active" | "passive" | "actpass" | null;
  ssrc: string | null;
  playback: boolean;
  /** Payload types offered; PS (96 or as mapped) must be among them. */
  ps: boolean;
}

export function parseOffer(text: string): Offer | null {
  let ip: string | null = null;
  let port: number | null = null;
  let tcp = false;
  let setup: Offer["setup"] = null;
  let ssrc: string | null = null;
  let playback = false;
  let payloads: number[] = [];
  const rtpmap = new Map<number, string>();
  for (const l of text.split(/\r?\n/).map((x) => x.trim())) {
    const c = /^c=IN IP4 (\S+)/.exec(l);
    if (c) ip = c[1]!;
    const m = /^m=video (\d{1,5}) (\S+)((?: \d{1,3})*)/.exec(l);
    if (m) {
      port = Number(m[1]);
      tcp = m[2]!.toUpperCase().startsWith("TCP");
      payloads = m[3]!.trim().split(/\s+/).filter(Boolean).map(Number);
    }
    const a = /^a=rtpmap:(\d{1,3}) (\S+)/.exec(l);
    if (a) rtpmap.set(Number(a[1]), a[2]!);
    const s = /^a=setup:(active|passive|actpass)/i.exec(l);
    if (s) setup = s[1]!.toLowerCase() as Offer["setup"];
    if (/^s=Playback/i.test(l)) playback = true;
    const y = /^y=(\d{1,10})$/.exec(l);
    if (y) ssrc = y[1]!;
  }
  if (ip === null || port === null) return null;
  const ps = payloads.some((pt) => /^PS\/90000$/i.test(rtpmap.get(pt) ?? (pt === 96 ? "PS/90000" : "")));
  const transport: MediaTransport = !tcp ? "udp" : setup === "active" ? "tcp-active" : "tcp-passive";
  return { ip, port, transport, setup, ssrc, playback, ps };
}

export function buildLowerAnswer(o: {
  channelId: string;
  ip: string;
  port: number;
  transport: MediaTransport;
  ssrc: string;
}): string {
  const proto = o.transport === "udp" ? "RTP/AVP" : "TCP/RTP/AVP";
  const lines = [
    "v=0",
    `o=${o.channelId} 0 0 IN IP4 ${o.ip}`,
    "s=Play",
    `c=IN IP4 ${o.ip}`,
    "t=0 0",
    `m=video ${o.port} ${proto} 96`,
    "a=sendonly",
    "a=rtpmap:96 PS/90000",
  ];
  // The upper listens (passive): we are the active side; it connects (active): we listen.
  if (o.transport === "tcp-passive") lines.push("a=setup:active", "a=connection:new");
  if (o.transport === "tcp-active") lines.push("a=setup:passive", "a=connection:new");
  lines.push(`y=${o.ssrc}`);
  return `${lines.join("\r\n")}\r\n`;
}
