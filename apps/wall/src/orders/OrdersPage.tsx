// The command centre's Orders page (/orders, /orders/{id}): compose on the left, the live list of
// orders, and the selected order's command view (receipt matrix, reminder, trail).
import { useEffect } from "react";
import { useStore } from "zustand";
import { catalogueStore, loadCatalogue } from "../console/catalogueStore";
import { useLanguage, useT } from "../i18n/useT";
import { navigate } from "../router";
import { useCan } from "../session/useCan";
import { ComposeForm } from "./ComposeForm";
import { categoryKey, formatTime, statusKeys } from "./labels";
import { OrderDetail } from "./OrderDetail";
import { useOrderList, useOrderView } from "./useOrders";
import "./orders.css";

export function OrdersPage({ selected }: { selected: string | null }) {
  const t = useT();
  const lang = useLanguage();
  const tree = useStore(catalogueStore, (s) => s.tree);
  const { orders, error } = useOrderList();
  const { view, error: viewError } = useOrderView(selected);
  const canIssue = useCan("orders.issue");

  useEffect(() => {
    if (catalogueStore.getState().tree === null) void loadCatalogue();
  }, []);

  return (
    <div className={`page orders-page${canIssue ? "" : " no-compose"}`} data-testid="orders-page">
      {canIssue && (
        <aside className="orders-compose panel">
          <div className="panel-title">{t("orders.compose")}</div>
          <ComposeForm tree={tree} onIssued={(v) => navigate(`/orders/${v.id}`)} />
        </aside>
      )}
      <section className="orders-list panel">
        <div className="panel-title">{t("orders.list")}</div>
        {error && <div className="form-error">{error}</div>}
        {orders.length === 0 && <div className="muted pad">{t("orders.none")}</div>}
        <ul>
          {orders.map((o) => (
            <li
              key={o.id}
              className={`order-item${o.id === selected ? " order-item-on" : ""}`}
              data-testid={`order-row-${o.id}`}
              data-status={o.status}
              onClick={() => navigate(`/orders/${o.id}`)}
            >
              <div>
                {o.priority === "urgent" && <span className="badge badge-urgent">{t("orders.urgent")}</span>} {o.title}
              </div>
              <div className="muted small">
                {t(categoryKey(o.category))} · {formatTime(o.issuedAt, lang)} ·{" "}
                {t(statusKeys[o.status] ?? "orders.status.open")} · {o.totals.signed}/{o.totals.targets}
              </div>
            </li>
          ))}
        </ul>
      </section>
      <main className="orders-main">
        {viewError && <div className="form-error">{viewError}</div>}
        {view ? <OrderDetail order={view} canRemind={canIssue} /> : <div className="muted pad">{t("orders.pick")}</div>}
      </main>
    </div>
  );
}
