// GB simulator, device recordings: an NVR's answer to RecordInfo — the recordings (spans of unix ms) that
// overlap the asked window, as RecordList items in local time of the bureau's zone, split over two
// MESSAGEs (SumNum the total, as NVRs page), GBK-encoded. Its own time codec: shares no code with the gateway.
import iconv from "iconv-lite";

export interface SimSpan {
  from: number;
  to: number;
}

/** Unix ms → `YYYY-MM-DDTHH:MM:SS` local to a zone `offsetMin` east of UTC. */
export function localTime(ms: number, offsetMin: number): string {
  return new Date(ms + offsetMin * 60_000).toISOString().slice(0, 19);
}

/** `YYYY-MM-DDTHH:MM:SS` local to the zone → unix ms (NaN when it does not parse). */
export function parseLocal(text: string, offsetMin: number): number {
  return Date.parse(`${text.trim().replace(" ", "T")}Z`) - offsetMin * 60_000;
}

export function recordPages(
  deviceId: string,
  channelId: string,
  sn: string,
  spans: readonly SimSpan[],
  window: SimSpan,
  offsetMin: number,
): Buffer[] {
  const hits = spans.filter((s) => s.to > window.from && s.from < window.to);
  const item = (s: SimSpan, i: number) =>
    `<Item>\r\n<DeviceID>${channelId}</DeviceID>\r\n<Name>录像${i + 1}</Name>\r\n<FilePath>/mnt/hdd1/${channelId}/${i + 1}.mp4</FilePath>\r\n<Address>监区录像机</Address>\r\n<StartTime>${localTime(s.from, offsetMin)}</StartTime>\r\n<EndTime>${localTime(s.to, offsetMin)}</EndTime>\r\n<Secrecy>0</Secrecy>\r\n<Type>time</Type>\r\n<RecorderID>${deviceId}</RecorderID>\r\n</Item>`;
  const items = hits.map(item);
  const half = Math.ceil(items.length / 2);
  const pages = items.length === 0 ? [[]] : [items.slice(0, half), items.slice(half)].filter((p) => p.length > 0);
  return pages.map((p) =>
    iconv.encode(
      `<?xml version="1.0" encoding="GBK"?>\r\n<Response>\r\n<CmdType>RecordInfo</CmdType>\r\n<SN>${sn}</SN>\r\n<DeviceID>${channelId}</DeviceID>\r\n<Name>录像通道</Name>\r\n<SumNum>${items.length}</SumNum>\r\n<RecordList Num="${p.length}">\r\n${p.join("\r\n")}\r\n</RecordList>\r\n</Response>`,
      "gbk",
    ),
  );
}
