// The `order` topic folded for the live store: the latest view of each order this session may see, and
// a counter of arrivals (a new order, one missed while offline, a reminder of one of this view's units)
// that the terminal turns into a sound. Pure: no store, no React. Views arrive whole, so the newest replaces the old one.
import type { OrderLive, OrderViewWire } from "@cw/protocol";

export interface LiveOrders {
  byId: Record<string, OrderViewWire>;
  /** Increments on every arrival worth a sound (issued, missed, reminded). */
  arrivals: number;
  /** The most recent arrival: which order and why. */
  lastArrival: { orderId: string; reason: OrderLive["reason"] } | null;
  /** serverTime − local time of the last message, so lights can be recomputed against the server clock. */
  clockOffsetMs: number;
}

export function emptyLiveOrders(): LiveOrders {
  return { byId: {}, arrivals: 0, lastArrival: null, clockOffsetMs: 0 };
}

export function applyOrderLive(s: LiveOrders, msg: OrderLive, now: number): LiveOrders {
  const byId = { ...s.byId, [msg.order.id]: msg.order };
  const clockOffsetMs = msg.serverTime - now;
  if (msg.reason === "changed" || (msg.reason === "reminded" && !remindedHere(msg.order))) {
    return { ...s, byId, clockOffsetMs };
  }
  return {
    byId,
    arrivals: s.arrivals + 1,
    lastArrival: { orderId: msg.order.id, reason: msg.reason },
    clockOffsetMs,
  };
}

/** A reminder concerns this view when one of its rows was chased by the latest order.reminded. */
function remindedHere(v: OrderViewWire): boolean {
  const at = v.trail.filter((e) => e.type === "order.reminded").reduce((m, e) => Math.max(m, e.at), -1);
  return at >= 0 && v.rows.some((r) => r.remindedAt.includes(at));
}
