// /audit (audit.view: administrators, commanders, bureau chiefs): the event log as sentences — who did
// what to which camera, alarm or order, when (bureau time) — with filters by person, prison, camera,
// action and dates (names in every picker), a link to what a row concerns, a CSV download of the same
// filters, and "load more". The model is useAudit; this file only draws it.
import type { AuditEvent, AuditNames } from "@cw/protocol";
import { useStore } from "zustand";
import { useT } from "../i18n/useT";
import { navigate } from "../router";
import { sessionStore } from "../session/sessionStore";
import { canOpen } from "../shell/routes";
import { useBureauFormat } from "../time/clockStore";
import { type AuditSentence, durationParts, nameBook, sentence, verbKey } from "./auditModel";
import { type AuditModel, useAudit } from "./useAudit";
import "./audit.css";

export function AuditPage() {
  const t = useT();
  const model = useAudit();
  return (
    <div className="page audit-page" data-testid="audit-page">
      <div className="audit-head">
        <h1 className="audit-title">{t("audit.title")}</h1>
        <a className="btn audit-csv" href={model.csvHref} download data-testid="audit-csv">
          {t("audit.csv")}
        </a>
      </div>
      <AuditFilterBar model={model} />
      {model.error && (
        <p className="audit-error" role="alert" data-testid="audit-error">
          {model.error}
        </p>
      )}
      <AuditRows rows={model.rows} names={model.names} />
      <div className="audit-foot">
        {model.rows.length === 0 && !model.loading && <p className="muted">{t("audit.empty")}</p>}
        {model.more && (
          <button
            type="button"
            className="btn"
            onClick={model.loadMore}
            disabled={model.loading}
            data-testid="audit-more"
          >
            {t("audit.more")}
          </button>
        )}
      </div>
    </div>
  );
}

function AuditFilterBar({ model }: { model: AuditModel }) {
  const t = useT();
  const f = model.filters;
  const n = model.names;
  const cameras = (n?.cameras ?? []).filter((c) => f.prisonId === "" || c.prisonId === f.prisonId);
  return (
    <div className="audit-filters" data-testid="audit-filters">
      <label>
        <span>{t("audit.f.person")}</span>
        <select value={f.actor} onChange={(e) => model.setFilter("actor", e.target.value)} data-testid="audit-f-actor">
          <option value="">{t("audit.f.all")}</option>
          {(n?.actors ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.name === a.id ? a.id : `${a.name}（${a.id}）`}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("audit.f.prison")}</span>
        <select
          value={f.prisonId}
          onChange={(e) => model.setFilter("prisonId", e.target.value)}
          data-testid="audit-f-prison"
        >
          <option value="">{t("audit.f.all")}</option>
          {(n?.prisons ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label className="audit-f-wide">
        <span>{t("audit.f.camera")}</span>
        <select
          value={f.cameraId}
          onChange={(e) => model.setFilter("cameraId", e.target.value)}
          data-testid="audit-f-camera"
        >
          <option value="">{t("audit.f.all")}</option>
          {cameras.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label.split(" / ").join(" · ")}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("audit.f.action")}</span>
        <select value={f.type} onChange={(e) => model.setFilter("type", e.target.value)} data-testid="audit-f-type">
          <option value="">{t("audit.f.all")}</option>
          {(n?.types ?? []).map((type) => {
            const key = verbKey(type);
            return (
              <option key={type} value={type}>
                {key === null ? type : t(key)}
              </option>
            );
          })}
        </select>
      </label>
      <label>
        <span>{t("audit.f.from")}</span>
        <input
          type="date"
          value={f.fromDate}
          onChange={(e) => model.setFilter("fromDate", e.target.value)}
          data-testid="audit-f-from"
        />
      </label>
      <label>
        <span>{t("audit.f.to")}</span>
        <input
          type="date"
          value={f.toDate}
          onChange={(e) => model.setFilter("toDate", e.target.value)}
          data-testid="audit-f-to"
        />
      </label>
      <button type="button" className="btn audit-clear" onClick={model.clear} data-testid="audit-clear">
        {t("audit.f.clear")}
      </button>
    </div>
  );
}

function AuditRows({ rows, names }: { rows: AuditEvent[]; names: AuditNames | null }) {
  const book = nameBook(names);
  const fmt = useBureauFormat();
  return (
    <ol className="audit-rows" data-testid="audit-rows">
      {rows.map((e) => (
        <li key={e.seq} className="audit-row" data-testid="audit-row" data-type={e.type}>
          <time className="audit-time" dateTime={new Date(e.at).toISOString()}>
            {fmt.dateTime(e.at)}
          </time>
          <Sentence s={sentence(e, book)} />
        </li>
      ))}
    </ol>
  );
}

function Sentence({ s }: { s: AuditSentence }) {
  const t = useT();
  const role = useStore(sessionStore, (st) => st.info?.role);
  const who = "text" in s.who ? s.who.text : t(s.who.key, s.who.vars);
  const verb = "text" in s.verb ? s.verb.text : t(s.verb.key);
  const link = s.link !== null && canOpen(role, s.link.route) ? s.link : null;
  return (
    <span className="audit-sentence" data-testid="audit-sentence">
      <b className="audit-who">{who}</b> <span className="audit-verb">{verb}</span>
      {s.what !== "" && (
        <>
          {" "}
          {link === null ? (
            <span className="audit-what">{s.what}</span>
          ) : (
            <a
              className="audit-what audit-link"
              href={link.href}
              data-testid="audit-link"
              onClick={(ev) => {
                ev.preventDefault();
                navigate(link.href);
              }}
            >
              {s.what}
            </a>
          )}
        </>
      )}
      {s.what === "" && link !== null && (
        <>
          {" "}
          <a
            className="audit-link"
            href={link.href}
            data-testid="audit-link"
            onClick={(ev) => {
              ev.preventDefault();
              navigate(link.href);
            }}
          >
            {t("audit.open")}
          </a>
        </>
      )}
      {s.seconds !== null && (
        <span className="audit-duration" data-testid="audit-duration" data-seconds={s.seconds}>
          {" "}
          {t("audit.duration", { d: durationText(t, s.seconds) })}
        </span>
      )}
    </span>
  );
}

function durationText(t: ReturnType<typeof useT>, seconds: number): string {
  const { h, m, s } = durationParts(seconds);
  if (h > 0) return t("audit.hm", { h, m });
  if (m > 0) return t("audit.ms", { m, s });
  return t("audit.s", { s });
}
