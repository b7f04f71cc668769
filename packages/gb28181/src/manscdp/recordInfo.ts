// Device recordings (GB/T 28181-2016 A.2.4.5 / A.2.6.8): the RecordInfo query for one channel over a
// time window (`Type` all, times in the device's local time) and its response — RecordList items, in as
// many MESSAGEs as the device likes, `SumNum` the total — as a zod schema, and the items as merged spans
// of unix ms. Pure; errors as data (an item whose times do not parse is counted, not fatal).
import { z } from "zod";
import { fromGbTime, toGbTime } from "./gbTime";
import { buildXml } from "./xml";

export interface RecordQuery {
  channelId: string;
  /** Unix ms. */
  from: number;
  to: number;
  /** The device's zone: minutes east of UTC (the bureau's). */
  offsetMin: number;
}

export function recordInfoQueryBody(sn: number, q: RecordQuery): Buffer {
  return buildXml("Query", {
    CmdType: "RecordInfo",
    SN: sn,
    DeviceID: q.channelId,
    StartTime: toGbTime(q.from, q.offsetMin),
    // The end second is inclusive on devices: ask up to the second that holds `to`.
    EndTime: toGbTime(q.to + 999, q.offsetMin),
    Secrecy: 0,
    Type: "all",
  });
}

const zText = z.string().max(256).optional();

export const zRecordItem = z.object({
  DeviceID: z.string().max(64).optional(),
  Name: zText,
  FilePath: zText,
  Address: zText,
  StartTime: z.string().max(40),
  EndTime: z.string().max(40),
  Secrecy: zText,
  /** time, alarm, manual, all. */
  Type: zText,
  RecorderID: zText,
  FileSize: zText,
});
export type RecordItem = z.infer<typeof zRecordItem>;

/** The RecordList of one MESSAGE; an empty `<RecordList Num="0"/>` parses as "". */
export const zRecordList = z
  .union([z.object({ Item: z.array(zRecordItem).max(5000).optional() }), z.literal("")])
  .optional()
  .transform((l) => (typeof l === "object" ? (l.Item ?? []) : []));

export interface Span {
  from: number;
  to: number;
}

/**
 * Items → sorted spans of unix ms, overlapping or touching ones (within `joinMs`: devices cut files
 * every few minutes, one second apart) merged into one. Items whose times do not parse, or end before
 * they start, are counted in `bad`.
 */
export function recordSpans(
  items: readonly RecordItem[],
  offsetMin: number,
  joinMs = 2000,
): { spans: Span[]; bad: number } {
  const raw: Span[] = [];
  let bad = 0;
  for (const item of items) {
    const from = fromGbTime(item.StartTime, offsetMin);
    const to = fromGbTime(item.EndTime, offsetMin);
    if (from === null || to === null || to <= from) bad++;
    else raw.push({ from, to });
  }
  raw.sort((a, b) => a.from - b.from || a.to - b.to);
  const spans: Span[] = [];
  for (const s of raw) {
    const last = spans[spans.length - 1];
    if (last && s.from <= last.to + joinMs) last.to = Math.max(last.to, s.to);
    else spans.push({ ...s });
  }
  return { spans, bad };
}

/** Spans cut to a window; those outside it are left out. */
export function clipSpans(spans: readonly Span[], from: number, to: number): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const a = Math.max(s.from, from);
    const b = Math.min(s.to, to);
    if (b > a) out.push({ from: a, to: b });
  }
  return out;
}
