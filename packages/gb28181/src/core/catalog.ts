// Catalogue responses arrive in many MESSAGEs (GB/T 28181-2016 A.2.6.6: each carries SumNum, the total,
// and a DeviceList page). This collects one query's pages per device until SumNum distinct items are in,
// or until the device goes quiet (then what arrived is reported as incomplete). Pure state.
//
// Two queries can be answered at once (a re-registration or a requery while the first answer is still
// coming): their pages interleave, told apart by SN. Each SN collects its own pages; the first to complete
// wins and drops the older ones; a quiet device reports only its newest incomplete answer.
import type { Catalog, CatalogItem } from "../manscdp/messages";
import type { GbEvent } from "./types";

interface Pending {
  sumNum: number;
  items: Map<string, CatalogItem>;
  lastAt: number;
  /** Arrival order of the query's first page (SNs wrap and devices choose them: not an order). */
  order: number;
}

export class CatalogCollector {
  /** deviceId → SN → that answer's pages so far. */
  private readonly pending = new Map<string, Map<number, Pending>>();
  private arrivals = 0;

  constructor(private readonly quietMs = 10_000) {}

  page(deviceId: string, msg: Catalog, now: number): GbEvent[] {
    let answers = this.pending.get(deviceId);
    if (!answers) {
      answers = new Map();
      this.pending.set(deviceId, answers);
    }
    let p = answers.get(msg.SN);
    if (!p) {
      p = { sumNum: msg.SumNum, items: new Map(), lastAt: now, order: this.arrivals++ };
      answers.set(msg.SN, p);
    }
    for (const item of msg.DeviceList) p.items.set(item.DeviceID, item);
    p.lastAt = now;
    if (p.items.size < p.sumNum) return [];
    // Complete: this answer and every one begun before it are done; later ones go on.
    for (const [sn, other] of answers) if (other.order <= p.order) answers.delete(sn);
    if (answers.size === 0) this.pending.delete(deviceId);
    return [{ type: "catalog", deviceId, items: [...p.items.values()], sumNum: p.sumNum, complete: true }];
  }

  tick(now: number): GbEvent[] {
    const events: GbEvent[] = [];
    for (const [deviceId, answers] of this.pending) {
      const last = Math.max(...[...answers.values()].map((p) => p.lastAt));
      if (now - last < this.quietMs) continue;
      this.pending.delete(deviceId);
      const newest = [...answers.values()].reduce((a, b) => (b.order > a.order ? b : a));
      events.push({
        type: "catalog",
        deviceId,
        items: [...newest.items.values()],
        sumNum: newest.sumNum,
        complete: false,
      });
    }
    return events;
  }
}
