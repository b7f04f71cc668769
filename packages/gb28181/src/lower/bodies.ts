// The MANSCDP bodies a lower platform sends upward (GB/T 28181-2016 Annex A): Keepalive, the Catalog
// answer in pages (each with SumNum, the total, so the upper collects them), the catalogue NOTIFY of a
// change (items with Event ADD/DEL/UPDATE), DeviceInfo, DeviceStatus and Alarm. Bodies only (the SIP
// envelope is the agent's); GB2312 like every body this package writes. Pure.
import { buildXml } from "../manscdp/xml";

/** One entry of our catalogue: the platform's business groups, virtual organisations and camera channels. */
export interface LowerItem {
  /** 20 digits; digits 11–13: 215 business group, 216 virtual organisation, 131/132 camera. */
  id: string;
  name: string;
  /** The item above: the platform's own id for top-level items. */
  parentId: string;
  kind: "group" | "org" | "camera";
  /** Cameras: whether the stream is healthy (ON) or not (OFF). */
  status?: "ON" | "OFF";
  ptz?: boolean;
}

export type CatalogEvent = "ADD" | "DEL" | "UPDATE" | "ON" | "OFF";

function itemXml(it: LowerItem, platformId: string, event?: CatalogEvent): Record<string, unknown> {
  const common = { DeviceID: it.id, Name: it.name, ...(event ? { Event: event } : {}) };
  if (it.kind === "group") return { ...common, ParentID: it.parentId };
  if (it.kind === "org") return { ...common, ParentID: it.parentId, BusinessGroupID: it.parentId };
  return {
    ...common,
    Manufacturer: "CommandWall",
    Model: "edge",
    Owner: "0",
    CivilCode: platformId.slice(0, 6),
    Parental: "0",
    ParentID: it.parentId,
    SafetyWay: "0",
    RegisterWay: "1",
    Secrecy: "0",
    Status: it.status ?? "ON",
    Info: { PTZType: it.ptz ? "1" : "3" },
  };
}

/** The Catalog answer to query `sn`, `pageSize` items a MESSAGE (a UDP datagram stays well under 64 KB). */
export function catalogPages(platformId: string, sn: number, items: LowerItem[], pageSize: number): Buffer[] {
  const pages: Buffer[] = [];
  for (let i = 0; i < items.length || (i === 0 && pages.length === 0); i += pageSize) {
    const slice = items.slice(i, i + pageSize);
    pages.push(
      buildXml("Response", {
        CmdType: "Catalog",
        SN: sn,
        DeviceID: platformId,
        SumNum: items.length,
        DeviceList: slice.length > 0 ? { Item: slice.map((it) => itemXml(it, platformId)) } : "",
      }),
    );
    if (items.length === 0) break;
  }
  return pages;
}

/** A catalogue change (§9.11 notify): the items with what happened to them. */
export function catalogNotifyBody(
  platformId: string,
  sn: number,
  changes: { item: LowerItem; event: CatalogEvent }[],
): Buffer {
  return buildXml("Notify", {
    CmdType: "Catalog",
    SN: sn,
    DeviceID: platformId,
    SumNum: changes.length,
    DeviceList: { Item: changes.map((c) => itemXml(c.item, platformId, c.event)) },
  });
}

export function keepaliveBody(platformId: string, sn: number): Buffer {
  return buildXml("Notify", { CmdType: "Keepalive", SN: sn, DeviceID: platformId, Status: "OK" });
}

export function deviceInfoBody(platformId: string, sn: number, name: string, channels: number): Buffer {
  return buildXml("Response", {
    CmdType: "DeviceInfo",
    SN: sn,
    DeviceID: platformId,
    DeviceName: name,
    Result: "OK",
    Manufacturer: "CommandWall",
    Model: "edge gateway",
    Firmware: "1",
    Channel: channels,
  });
}

export function deviceStatusBody(platformId: string, sn: number): Buffer {
  return buildXml("Response", {
    CmdType: "DeviceStatus",
    SN: sn,
    DeviceID: platformId,
    Result: "OK",
    Online: "ONLINE",
    Status: "OK",
  });
}

/** An alarm of one of our channels (A.2.6.8): method/type as the camera's device reported them. */
export interface UplinkAlarm {
  channelId: string;
  priority: number;
  method: number;
  alarmType: number | null;
  /** Local time, "YYYY-MM-DDTHH:MM:SS" (GB/T 28181 times carry no offset). */
  time: string;
  description: string;
}

export function alarmBody(sn: number, a: UplinkAlarm): Buffer {
  return buildXml("Notify", {
    CmdType: "Alarm",
    SN: sn,
    DeviceID: a.channelId,
    AlarmPriority: a.priority,
    AlarmMethod: a.method,
    AlarmTime: a.time,
    AlarmDescription: a.description.slice(0, 200),
    ...(a.alarmType !== null ? { Info: { AlarmType: a.alarmType } } : {}),
  });
}
