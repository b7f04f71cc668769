// The prison operator's terminal (/unit, 监狱指挥中心): its prison's orders as they arrive (with a
// chime), sign for, report back, and the history. Orders missed while offline arrive on reconnect;
// every one shown is acknowledged (useDeliveryAcks), which is what makes delivery guaranteed.
import { useEffect, useRef, useState } from "react";
import { useT } from "../i18n/useT";
import { RectificationInbox } from "../inspection/RectificationInbox";
import { useLive } from "../live/LiveProvider";
import { useTerminalOrders } from "../orders/useOrders";
import { chime, closeChime } from "./arrivalSound";
import { UnitOrderCard } from "./UnitOrderCard";
import { useDeliveryAcks } from "./useDeliveryAcks";
import "../orders/orders.css";

export function UnitTerminal() {
  const t = useT();
  const { orders, error } = useTerminalOrders();
  const arrivals = useLive((s) => s.orders.arrivals);
  const last = useLive((s) => s.orders.lastArrival);
  const byId = useLive((s) => s.orders.byId);
  const [sounds, setSounds] = useState(0);
  const heard = useRef(arrivals);
  useDeliveryAcks(orders);

  useEffect(() => {
    if (arrivals === heard.current) return;
    heard.current = arrivals;
    const urgent = last !== null && byId[last.orderId]?.priority === "urgent";
    chime(urgent);
    setSounds((n) => n + 1);
  }, [arrivals, last, byId]);
  useEffect(() => closeChime, []);

  // Open: some unit of ours has not signed, or not reported back when a report is asked.
  const open = orders.filter((o) =>
    o.rows.some((r) => r.signedAt === null || (o.feedbackDeadline !== null && r.feedback.length === 0)),
  );
  const history = orders.filter((o) => !open.includes(o));
  return (
    <div className="page unit-page" data-testid="unit-terminal" data-sounds={sounds}>
      <main className="unit-main">
        {error && <div className="form-error">{error}</div>}
        <h2>{t("unit.open", { n: open.length })}</h2>
        <div data-testid="unit-open">
          {open.length === 0 && <div className="muted">{t("unit.none")}</div>}
          {open.map((o) => (
            <UnitOrderCard key={o.id} o={o} />
          ))}
        </div>
        <h2>{t("unit.history")}</h2>
        <div data-testid="unit-history">
          {history.map((o) => (
            <UnitOrderCard key={o.id} o={o} />
          ))}
        </div>
        <RectificationInbox />
      </main>
    </div>
  );
}
