// One alarm in the queue, read at a glance: severity (colour and words), the obligation light (colour
// and words), type, where (prison · block · camera by name), when (bureau time), repeats, escalation,
// state (and who handled it where, when that was at the other level); the quick acknowledge button. data-* attributes expose the state to tests.
import type { AlarmView } from "@cw/protocol";
import { useT } from "../i18n/useT";
import type { Names } from "../ui/names";
import { clock, label, stateVia } from "./labels";

export interface AlarmRowProps {
  alarm: AlarmView;
  names: Names;
  selected: boolean;
  canAct: boolean;
  onSelect(): void;
  onAck(): void;
}

export function AlarmRow({ alarm: a, names, selected, canAct, onSelect, onAck }: AlarmRowProps) {
  const t = useT();
  const ids = [a.prisonId, a.blockId, a.cameraId ?? a.subBlockId];
  const state = label(t, "alarmState", a.state);
  const via = stateVia(t, names, a);
  return (
    <li
      className={`alarm-row light-${a.light}${selected ? " selected" : ""}`}
      data-testid={`alarm-row-${a.id}`}
      data-light={a.light}
      data-state={a.state}
      data-severity={a.severity}
      onClick={onSelect}
      onKeyDown={(e) => {
        if (e.key === "Enter") onSelect();
      }}
    >
      <span className={`chip sev-${a.severity} alarm-sev`}>{t(`sev.${a.severity}` as "sev.1")}</span>
      <span className={`chip light-${a.light} alarm-light`}>
        <span className="tone-dot" aria-hidden="true" />
        {label(t, "lightShort", a.light)}
      </span>
      <span className="alarm-main">
        <span className="alarm-type">{a.title ?? label(t, "alarmType", a.type)}</span>
        <span className="alarm-place" title={ids.filter(Boolean).join(" / ")}>
          {names.place(...ids)}
          {a.cameraWithheld && (
            <span className="chip alarm-withheld" data-testid={`alarm-withheld-${a.id}`}>
              {t("camera.withheld")}
            </span>
          )}
        </span>
        {via !== null && (
          <span className="alarm-via" data-testid={`alarm-via-${a.id}`}>
            {t("duty.stateVia", { state, via })}
          </span>
        )}
      </span>
      <span className="alarm-time" title={clock(a.occurredAt)}>
        {clock(a.occurredAt).slice(11)}
      </span>
      <span className="alarm-tags">
        {a.count > 1 && <span className="chip">{t("duty.count", { n: a.count })}</span>}
        {a.escalatedTo.length > 0 && <span className="chip light-escalated">{t("duty.escalated")}</span>}
      </span>
      <span className={`alarm-state state-${a.state}`}>{state}</span>
      <span className="alarm-act">
        {canAct && a.state === "open" && (
          <button
            type="button"
            className="btn btn-small btn-primary"
            data-testid={`alarm-ack-${a.id}`}
            onClick={(e) => {
              e.stopPropagation();
              onAck();
            }}
          >
            {t("duty.ack")}
          </button>
        )}
      </span>
    </li>
  );
}
