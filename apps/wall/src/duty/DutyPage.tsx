// The duty console (/duty): the live alarm queue (severity, then age), filters (prison, type, state,
// light), a sound for new severity 1–2 alarms, acknowledge / resolve dialogs, the selected alarm's
// details with its snapshot and camera, and history search (any state, free text, newest first).
// Fetches once (and on reconnect), then merges the live `alarm` topic over it.
import { alarmTypes } from "@cw/alerts";
import type { AlarmView } from "@cw/protocol";
import { useEffect, useMemo, useRef, useState } from "react";
import { errorText } from "../api/errorText";
import { useT } from "../i18n/useT";
import { useLive } from "../live/LiveProvider";
import { useCan } from "../session/useCan";
import { Legend } from "../ui/Legend";
import { useNames } from "../ui/names";
import { ActionDialog } from "./ActionDialog";
import { AlarmDetails } from "./AlarmDetails";
import { AlarmRow } from "./AlarmRow";
import { armSound, beep } from "./beep";
import { dutyApi } from "./dutyApi";
import { label } from "./labels";
import { emptyFilter, laterOf, mergeAlarms, type QueueFilter, queueOf, soundWorthy } from "./queue";
import "./duty.css";

const states = ["active", "open", "acknowledged", "resolved", "cleared", ""] as const;
const lights = ["", "green", "yellow", "red"] as const;

export function DutyPage() {
  const t = useT();
  const names = useNames();
  const canAck = useCan("alarms.acknowledge");
  const canResolve = useCan("alarms.dispose");
  const live = useLive((s) => s.control.alarms);
  const arrivals = useLive((s) => s.control.arrivals);
  const conn = useLive((s) => s.conn);
  const [fetched, setFetched] = useState<AlarmView[]>([]);
  const [filter, setFilter] = useState<QueueFilter>(emptyFilter);
  const [search, setSearch] = useState("");
  // /duty?alarm=<id> (a link from the audit trail) opens with that alarm selected.
  const [selected, setSelected] = useState<string | null>(() => new URLSearchParams(location.search).get("alarm"));
  const [dialog, setDialog] = useState<{ id: string; action: "ack" | "resolve" } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [acted, setActed] = useState<Record<string, AlarmView>>({});

  useEffect(() => armSound(), []);

  // Fetch on mount, when the socket (re)connects and when the history search changes.
  useEffect(() => {
    if (conn !== "connected") return;
    const ctl = { stop: false };
    const q = search.trim();
    dutyApi
      .alarms(q === "" ? { limit: 500 } : { q, limit: 200 })
      .then((r) => {
        if (!ctl.stop) {
          setFetched(r.alarms);
          setError(null);
        }
      })
      .catch((err: unknown) => {
        if (!ctl.stop) setError(errorText(err));
      });
    return () => {
      ctl.stop = true;
    };
  }, [conn, search]);

  const heard = useRef(new Set<string>());
  useEffect(() => {
    for (const id of soundWorthy(arrivals, live)) {
      if (heard.current.has(id)) continue;
      heard.current.add(id);
      beep(live[id]?.severity ?? 2);
    }
  }, [arrivals, live]);

  const searching = search.trim() !== "";
  const all = useMemo(() => {
    const merged = mergeAlarms(fetched, searching ? {} : live);
    for (const a of Object.values(acted)) merged[a.id] = laterOf(merged[a.id], a);
    return merged;
  }, [fetched, live, acted, searching]);
  const rows = useMemo(
    () => queueOf(all, searching ? { ...filter, state: filter.state === "active" ? "" : filter.state } : filter),
    [all, filter, searching],
  );
  const prisons = useMemo(() => [...new Set(Object.values(all).map((a) => a.prisonId))].sort(), [all]);
  const current = selected === null ? undefined : all[selected];
  const dialogAlarm = dialog === null ? undefined : all[dialog.id];

  const select = (k: keyof QueueFilter) => (e: { target: { value: string } }) =>
    setFilter((f) => ({ ...f, [k]: e.target.value }));

  return (
    <div className="page duty">
      <div className="page-toolbar duty-filters">
        <select
          className="select"
          data-testid="filter-prison"
          aria-label={t("duty.filterPrison")}
          value={filter.prisonId}
          onChange={select("prisonId")}
        >
          <option value="">{t("duty.allPrisons")}</option>
          {prisons.map((p) => (
            <option key={p} value={p}>
              {names.name(p)}
            </option>
          ))}
        </select>
        <select
          className="select"
          data-testid="filter-type"
          aria-label={t("duty.filterType")}
          value={filter.type}
          onChange={select("type")}
        >
          <option value="">{t("duty.allTypes")}</option>
          {alarmTypes.map((ty) => (
            <option key={ty} value={ty}>
              {label(t, "alarmType", ty)}
            </option>
          ))}
        </select>
        <select
          className="select"
          data-testid="filter-state"
          aria-label={t("duty.filterState")}
          value={filter.state}
          onChange={select("state")}
        >
          {states.map((s) => (
            <option key={s} value={s}>
              {s === "" ? t("duty.allStates") : s === "active" ? t("duty.active") : label(t, "alarmState", s)}
            </option>
          ))}
        </select>
        <select
          className="select"
          data-testid="filter-light"
          aria-label={t("duty.filterLight")}
          value={filter.light}
          onChange={select("light")}
        >
          {lights.map((l) => (
            <option key={l} value={l}>
              {l === "" ? t("duty.allLights") : label(t, "light", l)}
            </option>
          ))}
        </select>
        <input
          className="input"
          type="search"
          data-testid="alarm-search"
          placeholder={t("duty.searchPlaceholder")}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <span className="muted" data-testid="alarm-total">
          {t("duty.total", { n: rows.length })}
        </span>
        <div className="spacer" />
        <Legend
          testId="duty-legend"
          title={t("duty.legendLight")}
          items={(["green", "yellow", "red"] as const).map((l) => ({
            tone: `light-${l}`,
            label: t(`lightShort.${l}`),
          }))}
        />
        <Legend
          title={t("duty.legendSeverity")}
          items={([1, 2, 3, 4] as const).map((n) => ({ tone: `sev-${n}`, label: t(`sev.${n}`) }))}
        />
      </div>
      {error !== null && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="page-body duty-main">
        <ul className="alarm-queue" data-testid="alarm-queue">
          {rows.length === 0 && <li className="muted">{t("duty.empty")}</li>}
          {rows.map((a) => (
            <AlarmRow
              key={a.id}
              alarm={a}
              names={names}
              selected={a.id === selected}
              canAct={canAck}
              onSelect={() => setSelected(a.id)}
              onAck={() => setDialog({ id: a.id, action: "ack" })}
            />
          ))}
        </ul>
        {current !== undefined ? (
          <AlarmDetails
            alarm={current}
            names={names}
            canAck={canAck}
            canResolve={canResolve}
            onAction={(action) => setDialog({ id: current.id, action })}
          />
        ) : (
          <section className="alarm-details alarm-details-empty muted">{t("duty.selectHint")}</section>
        )}
      </div>
      {dialog !== null && dialogAlarm !== undefined && (
        <ActionDialog
          alarm={dialogAlarm}
          action={dialog.action}
          onClose={() => setDialog(null)}
          onDone={(view) => {
            setActed((m) => ({ ...m, [view.id]: view }));
            setDialog(null);
          }}
        />
      )}
    </div>
  );
}
