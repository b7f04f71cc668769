// The full trail of an order from the log (全程留痕): issued, delivered, signed, reported back,
// reminded, yellow/red and escalations, each with when, who and which unit.
import type { OrderViewWire } from "@cw/protocol";
import { useLanguage, useT } from "../i18n/useT";
import { formatTime, trailKeys } from "./labels";

export function OrderTrail({ order }: { order: OrderViewWire }) {
  const t = useT();
  const lang = useLanguage();
  const unitName = (id: string | null) =>
    id === null ? "" : (order.rows.find((r) => r.unitId === id)?.path.join(" / ") ?? id);
  return (
    <ol className="trail" data-testid="order-trail">
      {order.trail.map((e) => (
        // The trail is append-only and these fields tell its facts apart (the log dedupes them).
        <li key={`${e.type}|${e.at}|${e.unitId}|${e.obligation}|${e.detail}`} data-type={e.type}>
          <span className="trail-time">{formatTime(e.at, lang)}</span>
          <span className="trail-what">{trailKeys[e.type] ? t(trailKeys[e.type]!) : e.type}</span>
          <span className="trail-unit">{unitName(e.unitId)}</span>
          <span className="muted">{e.actor === "system" ? t("orders.system") : e.actor.replace(/^user:/, "")}</span>
          {e.detail && <span className="muted">{e.detail}</span>}
        </li>
      ))}
    </ol>
  );
}
