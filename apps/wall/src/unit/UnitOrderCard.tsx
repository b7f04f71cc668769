// One order on a prison's terminal: its text, deadlines, attachment, the state of each of this
// prison's receiving units, sign for (签收, one click for all of them) and report back (反馈: text and
// an optional image, sent for each unit of ours the order reached).
import type { OrderViewWire } from "@cw/protocol";
import { useState } from "react";
import { useLanguage, useT } from "../i18n/useT";
import { detailedError } from "../orders/errors";
import { readImageFile } from "../orders/imageFile";
import { categoryKey, formatTime, stateKeys } from "../orders/labels";
import { attachmentUrl, ordersApi } from "../orders/ordersApi";

const order = ["overdue", "pending", "delivered", "signed", "fed_back"] as const;

/** The card's state: its most pressing row (overdue first, all reported back last). */
export function cardState(o: OrderViewWire): string {
  return order.find((s) => o.rows.some((r) => r.state === s)) ?? "pending";
}

export function UnitOrderCard({ o }: { o: OrderViewWire }) {
  const t = useT();
  const lang = useLanguage();
  const [text, setText] = useState("");
  const [image, setImage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const unsigned = o.rows.filter((r) => r.signedAt === null);
  const wantsFeedback = o.feedbackDeadline !== null || o.rows.some((r) => r.feedback.length > 0);

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(detailedError(err));
    } finally {
      setBusy(false);
    }
  };
  const sign = () => act(() => Promise.all(unsigned.map((r) => ordersApi.sign(o.id, r.unitId))));
  const report = () =>
    act(async () => {
      await Promise.all(o.rows.map((r) => ordersApi.feedback(o.id, r.unitId, text, image)));
      setText("");
      setImage(null);
    });

  return (
    <article className="unit-order" data-testid={`order-${o.id}`} data-state={cardState(o)}>
      <h3>
        {o.priority === "urgent" && <span className="badge badge-urgent">{t("orders.urgent")}</span>} {o.title}
      </h3>
      <div className="muted small">
        {t(categoryKey(o.category))} · {t("orders.issuedAt", { at: formatTime(o.issuedAt, lang) })} ·{" "}
        {t("orders.signBy", { at: formatTime(o.signDeadline, lang) })}
        {o.feedbackDeadline !== null && ` · ${t("orders.feedbackBy", { at: formatTime(o.feedbackDeadline, lang) })}`}
      </div>
      {o.body && <p className="order-body">{o.body}</p>}
      {o.hasAttachment && <img className="order-image" src={attachmentUrl(o.id)} alt={t("orders.attachment")} />}
      {o.rows.map((r) => (
        <div key={r.unitId} className="unit-target" data-testid={`order-unit-${o.id}-${r.unitId}`} data-state={r.state}>
          <span>{r.path.join(" / ")}</span>
          <span className={`badge badge-${r.state}`}>{t(stateKeys[r.state] ?? "orders.state.pending")}</span>
          {r.remindedAt.length > 0 && <span className="badge badge-urgent">{t("orders.reminded")}</span>}
          {r.feedback.map((f) => (
            <span key={f.at} className="muted">
              {f.text}
            </span>
          ))}
        </div>
      ))}
      <div className="unit-target">
        {unsigned.length > 0 && (
          <button
            type="button"
            className="btn btn-primary"
            data-testid={`order-sign-${o.id}`}
            disabled={busy}
            onClick={() => void sign()}
          >
            {t("orders.sign")}
          </button>
        )}
        {unsigned.length === 0 && wantsFeedback && (
          <form
            className="compose-row"
            data-testid={`order-feedback-${o.id}`}
            onSubmit={(e) => {
              e.preventDefault();
              void report();
            }}
          >
            <input
              className="input"
              data-testid={`order-feedback-text-${o.id}`}
              aria-label={t("orders.feedbackText")}
              placeholder={t("orders.feedbackText")}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
            <input
              type="file"
              accept="image/jpeg,image/png"
              data-testid={`order-feedback-image-${o.id}`}
              aria-label={t("orders.imageLabel")}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (!file) return setImage(null);
                void readImageFile(file).then((r) =>
                  r.ok
                    ? setImage(r.dataUrl)
                    : setError(t(r.reason === "size" ? "orders.image.tooLarge" : "orders.image.type")),
                );
              }}
            />
            <button
              type="submit"
              className="btn btn-accent"
              data-testid={`order-feedback-submit-${o.id}`}
              disabled={busy || text.trim() === ""}
            >
              {t("orders.feedback")}
            </button>
          </form>
        )}
      </div>
      {error && <div className="form-error">{error}</div>}
    </article>
  );
}
