// One alarm in the queue: severity, light badge (green/yellow/red by age, from the gateway's thresholds),
// type, place, age and state; the quick acknowledge button. data-* attributes expose the state to tests.
import type { AlarmView } from "@cw/protocol";
import { useT } from "../i18n/useT";
import { clock, label } from "./labels";

export interface AlarmRowProps {
  alarm: AlarmView;
  selected: boolean;
  canAct: boolean;
  onSelect(): void;
  onAck(): void;
}

export function AlarmRow({ alarm: a, selected, canAct, onSelect, onAck }: AlarmRowProps) {
  const t = useT();
  return (
    <li
      className={`alarm-row sev-${a.severity} light-${a.light}${selected ? " selected" : ""}`}
      data-testid={`alarm-row-${a.id}`}
      data-light={a.light}
      data-state={a.state}
      data-severity={a.severity}
      onClick={onSelect}
      onKeyDown={(e) => {
        if (e.key === "Enter") onSelect();
      }}
    >
      <span className={`sev-badge sev-${a.severity}`}>{t("duty.severity", { n: a.severity })}</span>
      <span className={`light-badge light-${a.light}`} title={label(t, "light", a.light)} />
      <span className="alarm-type">{a.title ?? label(t, "alarmType", a.type)}</span>
      <span className="alarm-place">{[a.prisonId, a.blockId, a.cameraId].filter(Boolean).join(" / ")}</span>
      <span className="alarm-time">{clock(a.raisedAt)}</span>
      {a.count > 1 && <span className="alarm-count">{t("duty.count", { n: a.count })}</span>}
      {a.escalatedTo.length > 0 && <span className="alarm-escalated">{t("duty.escalated")}</span>}
      <span className={`alarm-state state-${a.state}`}>{label(t, "alarmState", a.state)}</span>
      {canAct && a.state === "open" && (
        <button
          type="button"
          className="btn btn-small"
          data-testid={`alarm-ack-${a.id}`}
          onClick={(e) => {
            e.stopPropagation();
            onAck();
          }}
        >
          {t("duty.ack")}
        </button>
      )}
    </li>
  );
}
