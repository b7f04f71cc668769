// RecordInfo answers arrive in several MESSAGEs (SumNum items in all, a RecordList page in each — an NVR
// with a day of 5-minute files sends hundreds). This collects one query's pages, keyed by device and SN,
// until SumNum items are in; a query that goes quiet (no first page, or no next one) is reported with what
// arrived as incomplete. Items become merged spans of unix ms in the device's zone. Pure state.
import type { RecordInfo } from "../manscdp/messages";
import { type RecordItem, recordSpans } from "../manscdp/recordInfo";
import type { GbEvent } from "./types";

interface Pending {
  deviceId: string;
  channelId: string;
  sumNum: number | null;
  items: Map<string, RecordItem>;
  lastAt: number;
}

export class RecordCollector {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly offsetMin: number,
    private readonly quietMs = 10_000,
  ) {}

  /** A query went out: its answer is awaited from now on (silence counts from here). */
  start(deviceId: string, sn: number, channelId: string, now: number): void {
    this.pending.set(`${deviceId}/${sn}`, { deviceId, channelId, sumNum: null, items: new Map(), lastAt: now });
  }

  /** The query could not be sent or was refused: forget it (the failure is reported by the caller). */
  drop(deviceId: string, sn: number): void {
    this.pending.delete(`${deviceId}/${sn}`);
  }

  page(deviceId: string, msg: RecordInfo, now: number): GbEvent[] {
    const key = `${deviceId}/${msg.SN}`;
    const p = this.pending.get(key);
    if (!p) return []; // an answer nobody waits for (late, or never asked)
    p.sumNum = msg.SumNum;
    // A UDP page may come twice (the device resends when our 200 is lost): an item counts once.
    for (const item of msg.RecordList)
      p.items.set(`${item.StartTime}|${item.EndTime}|${item.FilePath ?? ""}|${item.Type ?? ""}`, item);
    p.lastAt = now;
    if (p.items.size < p.sumNum) return [];
    this.pending.delete(key);
    return [this.report(p, msg.SN, true)];
  }

  tick(now: number): GbEvent[] {
    const events: GbEvent[] = [];
    for (const [key, p] of this.pending) {
      if (now - p.lastAt < this.quietMs) continue;
      this.pending.delete(key);
      events.push(this.report(p, Number(key.slice(key.indexOf("/") + 1)), false));
    }
    return events;
  }

  private report(p: Pending, sn: number, complete: boolean): GbEvent {
    const { spans, bad } = recordSpans([...p.items.values()], this.offsetMin);
    return {
      type: "records",
      deviceId: p.deviceId,
      channelId: p.channelId,
      sn,
      spans,
      items: p.items.size,
      sumNum: p.sumNum,
      bad,
      complete,
    };
  }
}
