// GB simulator, catalogue: what a prison's NVR/platform lists — business groups (type 215) for its blocks,
// virtual organisations (216) for sub-blocks under them, and cameras (132) under those — written as
// GB2312-declared XML pages of a few items each (devices split big catalogues over many MESSAGEs).
import iconv from "iconv-lite";

export interface SimChannel {
  id: string;
  name: string;
  parentId: string;
  kind: "group" | "org" | "camera";
  ptz?: boolean;
}

/** `blocks` business groups × `subBlocks` organisations × `cameras` cameras; ids in the device's domain. */
export function prisonCatalog(domain: string, blocks = 4, subBlocks = 2, cameras = 8): SimChannel[] {
  const id = (type: string, n: number) => `${domain}${type}${String(n).padStart(7, "0")}`;
  const out: SimChannel[] = [];
  let org = 0;
  let cam = 0;
  const blockNames = ["一监区", "二监区", "三监区", "四监区", "五监区", "六监区"];
  for (let b = 0; b < blocks; b++) {
    const group = id("215", b + 1);
    out.push({ id: group, name: blockNames[b] ?? `${b + 1}监区`, parentId: domain, kind: "group" });
    for (let s = 0; s < subBlocks; s++) {
      const o = id("216", ++org);
      out.push({ id: o, name: `${s + 1}分监区`, parentId: group, kind: "org" });
      for (let c = 0; c < cameras; c++) {
        cam++;
        out.push({
          id: id("132", cam),
          name: `${blockNames[b] ?? ""}${s + 1}分监区监舍${c + 1}`,
          parentId: o,
          kind: "camera",
          ptz: c === 0,
        });
      }
    }
  }
  return out;
}

function item(ch: SimChannel, deviceId: string, event?: string): string {
  const common = `<DeviceID>${ch.id}</DeviceID><Name>${ch.name}</Name>${event ? `<Event>${event}</Event>` : ""}`;
  if (ch.kind === "group") return `<Item>${common}<ParentID>${deviceId}</ParentID></Item>`;
  if (ch.kind === "org")
    return `<Item>${common}<ParentID>${ch.parentId}</ParentID><BusinessGroupID>${ch.parentId}</BusinessGroupID></Item>`;
  return `<Item>${common}<Manufacturer>Hikvision</Manufacturer><Model>DS-2CD</Model><Owner>0</Owner><CivilCode>${deviceId.slice(0, 6)}</CivilCode><Parental>0</Parental><ParentID>${ch.parentId}</ParentID><SafetyWay>0</SafetyWay><RegisterWay>1</RegisterWay><Secrecy>0</Secrecy><Status>ON</Status><Info><PTZType>${ch.ptz ? 1 : 3}</PTZType></Info></Item>`;
}

/** The catalogue response to query SN, as GBK-encoded XML bodies of `pageSize` items each. */
export function catalogPages(deviceId: string, sn: string, channels: SimChannel[], pageSize: number): Buffer[] {
  const pages: Buffer[] = [];
  for (let i = 0; i < channels.length; i += pageSize) {
    const slice = channels.slice(i, i + pageSize);
    const xml = `<?xml version="1.0" encoding="GB2312"?>\r\n<Response>\r\n<CmdType>Catalog</CmdType>\r\n<SN>${sn}</SN>\r\n<DeviceID>${deviceId}</DeviceID>\r\n<SumNum>${channels.length}</SumNum>\r\n<DeviceList Num="${slice.length}">\r\n${slice.map((c) => item(c, deviceId)).join("\r\n")}\r\n</DeviceList>\r\n</Response>\r\n`;
    pages.push(iconv.encode(xml, "gb2312"));
  }
  return pages;
}

export function gbkXml(xml: string): Buffer {
  return iconv.encode(`<?xml version="1.0" encoding="GB2312"?>\r\n${xml}`, "gb2312");
}
