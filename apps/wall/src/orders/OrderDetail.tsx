// One order for the command centre: its text, deadlines and attachment, totals, the live receipt matrix,
// the one-click reminder (催办) to the laggards, and the trail.
import type { OrderViewWire } from "@cw/protocol";
import { useState } from "react";
import { useLanguage, useT } from "../i18n/useT";
import { detailedError } from "./errors";
import { categoryKey, formatTime, statusKeys } from "./labels";
import { OrderTrail } from "./OrderTrail";
import { attachmentUrl, ordersApi } from "./ordersApi";
import { ReceiptMatrix } from "./ReceiptMatrix";

export function OrderDetail({ order, canRemind }: { order: OrderViewWire; canRemind: boolean }) {
  const t = useT();
  const lang = useLanguage();
  const [note, setNote] = useState<string | null>(null);
  const remind = async () => {
    setNote(null);
    try {
      const r = await ordersApi.remind(order.id);
      setNote(r.reminded.length === 0 ? t("orders.remind.nobody") : t("orders.remind.sent", { n: r.reminded.length }));
    } catch (err) {
      setNote(detailedError(err));
    }
  };
  const { totals } = order;
  return (
    <section className="order-detail" data-testid={`order-detail-${order.id}`} data-status={order.status}>
      <h2>
        {order.priority === "urgent" && <span className="badge badge-urgent">{t("orders.urgent")}</span>} {order.title}
      </h2>
      <div className="muted">
        {t(categoryKey(order.category))} · {t("orders.issuedAt", { at: formatTime(order.issuedAt, lang) })} ·{" "}
        {t("orders.signBy", { at: formatTime(order.signDeadline, lang) })}
        {order.feedbackDeadline !== null &&
          ` · ${t("orders.feedbackBy", { at: formatTime(order.feedbackDeadline, lang) })}`}
        {" · "}
        <span data-testid="order-status">{t(statusKeys[order.status] ?? "orders.status.open")}</span>
      </div>
      {order.body && <p className="order-body">{order.body}</p>}
      {order.hasAttachment && (
        <img className="order-image" src={attachmentUrl(order.id)} alt={t("orders.attachment")} />
      )}
      <div className="totals" data-testid="order-totals">
        {t("orders.totals", {
          targets: totals.targets,
          delivered: totals.delivered,
          signed: totals.signed,
          fedBack: totals.fedBack,
          overdue: totals.overdue,
        })}
        {canRemind && (
          <button
            type="button"
            className="btn btn-warn btn-small"
            data-testid="order-remind"
            onClick={() => void remind()}
          >
            {t("orders.remind")}
          </button>
        )}
        {note && (
          <span className="muted" data-testid="order-remind-note">
            {note}
          </span>
        )}
      </div>
      <ReceiptMatrix order={order} />
      <h3>{t("orders.trail")}</h3>
      <OrderTrail order={order} />
    </section>
  );
}
