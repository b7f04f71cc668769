// The receipt matrix of one order (回执): a row per receiving unit with its state (pending, delivered,
// signed, fed back, overdue), the lights of its sign-for and report-back duties, where an overdue duty
// has escalated to, reminders and the reports back. Pure rendering of the view the gateway pushed.
import type { OrderViewWire, ReceiptRowWire } from "@cw/protocol";
import { useLanguage, useT } from "../i18n/useT";
import { formatTime, stateKeys, worstLight } from "./labels";
import { feedbackImageUrl } from "./ordersApi";

function Light({ light, testId }: { light: string | null; testId: string }) {
  return <span className={`light light-${light ?? "none"}`} data-testid={testId} data-light={light ?? "none"} />;
}

function Row({ order, row }: { order: OrderViewWire; row: ReceiptRowWire }) {
  const t = useT();
  const lang = useLanguage();
  const key = `${order.id}-${row.unitId}`;
  const time = (ms: number | null) => (ms === null ? "—" : formatTime(ms, lang));
  return (
    <tr
      data-testid={`receipt-${key}`}
      data-state={row.state}
      data-light={worstLight(row.signLight, row.feedbackLight)}
      data-escalated={row.escalatedTo.join(",")}
      className={`receipt receipt-${row.state}`}
    >
      <td>{row.path.join(" / ")}</td>
      <td>
        <span className={`badge badge-${row.state}`}>{t(stateKeys[row.state] ?? "orders.state.pending")}</span>
      </td>
      <td>
        <Light light={row.signLight} testId={`receipt-sign-light-${key}`} /> {time(row.signedAt)}
      </td>
      <td>
        {order.feedbackDeadline === null ? (
          "—"
        ) : (
          <>
            <Light light={row.feedbackLight} testId={`receipt-feedback-light-${key}`} />{" "}
            {row.feedback.map((f, n) => (
              <span key={f.at} className="feedback-text">
                {f.text}
                {f.hasImage && (
                  <a href={feedbackImageUrl(order.id, row.unitId, n)} target="_blank" rel="noreferrer">
                    {" "}
                    {t("orders.image")}
                  </a>
                )}
              </span>
            ))}
          </>
        )}
      </td>
      <td>{time(row.deliveredAt)}</td>
      <td>{row.escalatedTo.map((r) => t(r === "chief" ? "role.chief" : "role.commander")).join(" → ")}</td>
      <td>{row.remindedAt.length > 0 ? row.remindedAt.length : ""}</td>
    </tr>
  );
}

export function ReceiptMatrix({ order }: { order: OrderViewWire }) {
  const t = useT();
  return (
    <table className="receipts" data-testid={`receipts-${order.id}`}>
      <thead>
        <tr>
          <th>{t("orders.col.unit")}</th>
          <th>{t("orders.col.state")}</th>
          <th>{t("orders.col.sign")}</th>
          <th>{t("orders.col.feedback")}</th>
          <th>{t("orders.col.delivered")}</th>
          <th>{t("orders.col.escalated")}</th>
          <th>{t("orders.col.reminded")}</th>
        </tr>
      </thead>
      <tbody>
        {order.rows.map((row) => (
          <Row key={row.unitId} order={order} row={row} />
        ))}
      </tbody>
    </table>
  );
}
