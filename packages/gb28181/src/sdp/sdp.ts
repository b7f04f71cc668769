// The SDP of a GB/T 28181 INVITE (GB/T 28181-2016 Annex F): the offer the platform sends — `s=Play` (live),
// `s=Playback` or `s=Download` (a device recording, §9.8/§9.9),
// the receive address and port, PS/90000 on 96 with H264 (98) and MPEG4 (97) offered too, the transport
// (UDP, TCP passive: we listen, TCP active: we connect, RFC 4145 a=setup), and `y=` the 10-digit SSRC —
// and the few fields of the device's answer that matter: where its media comes from (or, for TCP active,
// where we connect), which payload it chose, and the SSRC it will really use. Pure; never throws.

export type MediaTransport = "udp" | "tcp-passive" | "tcp-active";

export interface Offer {
  serverId: string;
  channelId: string;
  mediaIp: string;
  port: number;
  transport: MediaTransport;
  /** 10 decimal digits: "0" (live) or "1" (playback) + 5 domain digits + 4 sequence digits. */
  ssrc: string;
  /**
   * A device recording (§9.8, `s=Playback`): `u=<channel>:0` names it and `t=` its start and end as unix
   * seconds (GB/T 28181 writes epoch seconds there, not RFC 4566's NTP seconds). Absent: live.
   */
  playback?: { from: number; to: number };
  /**
   * Download the recording instead of playing it (§9.9, `s=Download`): the device sends the span at
   * `a=downloadspeed:` times real time, as fast as the platform can store it. Needs `playback`.
   */
  downloadSpeed?: number;
}

export function buildOffer(o: Offer): string {
  const proto = o.transport === "udp" ? "RTP/AVP" : "TCP/RTP/AVP";
  const lines = [
    "v=0",
    `o=${o.channelId} 0 0 IN IP4 ${o.mediaIp}`,
    ...(o.playback ? [o.downloadSpeed ? "s=Download" : "s=Playback", `u=${o.channelId}:0`] : ["s=Play"]),
    `c=IN IP4 ${o.mediaIp}`,
    o.playback ? `t=${o.playback.from} ${o.playback.to}` : "t=0 0",
    `m=video ${o.port} ${proto} 96 98 97`,
    "a=recvonly",
    "a=rtpmap:96 PS/90000",
    "a=rtpmap:98 H264/90000",
    "a=rtpmap:97 MPEG4/90000",
  ];
  if (o.playback && o.downloadSpeed) lines.push(`a=downloadspeed:${o.downloadSpeed}`);
  if (o.transport === "tcp-passive") lines.push("a=setup:passive", "a=connection:new");
  if (o.transport === "tcp-active") lines.push("a=setup:active", "a=connection:new");
  lines.push(`y=${o.ssrc}`);
  return `${lines.join("\r\n")}\r\n`;
}

export interface Answer {
  ip: string | null;
  port: number | null;
  /** The payload types the device listed (its choice first). */
  payloadTypes: number[];
  /** What the device maps each payload type to, e.g. 96 → "PS/90000". */
  rtpmap: Map<number, string>;
  ssrc: string | null;
  tcp: boolean;
}

export function parseAnswer(text: string): Answer | null {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  let ip: string | null = null;
  let port: number | null = null;
  let payloadTypes: number[] = [];
  let ssrc: string | null = null;
  let tcp = false;
  const rtpmap = new Map<number, string>();
  let sawMedia = false;
  for (const l of lines) {
    const c = /^c=IN IP4 (\S+)/.exec(l);
    if (c) ip = c[1]!;
    const m = /^m=video (\d{1,5}) (\S+)((?: \d{1,3})*)/.exec(l);
    if (m) {
      sawMedia = true;
      port = Number(m[1]);
      tcp = m[2]!.toUpperCase().startsWith("TCP");
      payloadTypes = m[3]!.trim().split(/\s+/).filter(Boolean).map(Number);
    }
    const a = /^a=rtpmap:(\d{1,3}) (\S+)/.exec(l);
    if (a) rtpmap.set(Number(a[1]), a[2]!);
    const y = /^y=(\d{1,10})$/.exec(l);
    if (y) ssrc = y[1]!;
  }
  if (!sawMedia) return null;
  return { ip, port, payloadTypes, rtpmap, ssrc, tcp };
}

/** The payload type the answer carries PS on (96 unless the device renumbered it), or null: no PS. */
export function psPayloadType(a: Answer): number | null {
  for (const pt of a.payloadTypes)
    if (/^PS\/90000$/i.test(a.rtpmap.get(pt) ?? (pt === 96 ? "PS/90000" : ""))) return pt;
  return null;
}
