// Guaranteed delivery, the terminal's half: every order row of this prison shown here and not yet
// delivered is acknowledged over the live socket (`order.ack`), once per connection. After a reconnect
// the gateway re-sends what is still unacknowledged and we acknowledge again (an ack lost with the old
// socket must not be the end of it); the gateway logs each delivery once.
import type { LiveClientMessage, OrderViewWire } from "@cw/protocol";
import { useEffect, useRef } from "react";
import { useLive, useLiveSend } from "../live/LiveProvider";

export function useDeliveryAcks(orders: readonly OrderViewWire[]): void {
  const send = useLiveSend();
  const conn = useLive((s) => s.conn);
  const sent = useRef(new Set<string>());
  useEffect(() => {
    if (conn !== "connected") sent.current = new Set();
  }, [conn]);
  useEffect(() => {
    if (conn !== "connected") return;
    for (const o of orders) {
      for (const r of o.rows) {
        const key = `${o.id}|${r.unitId}`;
        if (r.deliveredAt !== null || sent.current.has(key)) continue;
        sent.current.add(key);
        const ack: LiveClientMessage = { topic: "order.ack", data: { orderId: o.id, unitId: r.unitId } };
        send(ack);
      }
    }
  }, [orders, conn, send]);
}
