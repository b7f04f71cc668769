// Catalogue responses arrive in many MESSAGEs (GB/T 28181-2016 A.2.6.6: each carries SumNum, the total,
// and a DeviceList page). This collects one query's pages per device until SumNum distinct items are in,
// or until the device goes quiet (then what arrived is reported as incomplete). Pure state.
import type { Catalog, CatalogItem } from "../manscdp/messages";
import type { GbEvent } from "./types";

interface Pending {
  sn: number;
  sumNum: number;
  items: Map<string, CatalogItem>;
  lastAt: number;
}

export class CatalogCollector {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly quietMs = 10_000) {}

  page(deviceId: string, msg: Catalog, now: number): GbEvent[] {
    let p = this.pending.get(deviceId);
    if (!p || p.sn !== msg.SN) {
      p = { sn: msg.SN, sumNum: msg.SumNum, items: new Map(), lastAt: now };
      this.pending.set(deviceId, p);
    }
    for (const item of msg.DeviceList) p.items.set(item.DeviceID, item);
    p.lastAt = now;
    if (p.items.size < p.sumNum) return [];
    this.pending.delete(deviceId);
    return [{ type: "catalog", deviceId, items: [...p.items.values()], sumNum: p.sumNum, complete: true }];
  }

  tick(now: number): GbEvent[] {
    const events: GbEvent[] = [];
    for (const [deviceId, p] of this.pending) {
      if (now - p.lastAt < this.quietMs) continue;
      this.pending.delete(deviceId);
      events.push({ type: "catalog", deviceId, items: [...p.items.values()], sumNum: p.sumNum, complete: false });
    }
    return events;
  }
}
