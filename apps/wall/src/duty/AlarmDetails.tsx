// The selected alarm: what, where, when, its trail (acknowledged / resolved by whom, with notes), the
// snapshot the source sent and its camera playing live (one <HlsPlayer>, destroyed when the selection
// changes), with the acknowledge and resolve actions.

import { isActive } from "@cw/alerts";
import type { AlarmView } from "@cw/protocol";
import { useT } from "../i18n/useT";
import { ALARM_LEAD_MS, playbackPath } from "../playback/links";
import { HlsPlayer } from "../player/HlsPlayer";
import { useCan } from "../session/useCan";
import { NavLink } from "../ui/NavLink";
import type { Names } from "../ui/names";
import { dutyApi } from "./dutyApi";
import { clock, handledVia, label } from "./labels";

export interface AlarmDetailsProps {
  alarm: AlarmView;
  names: Names;
  canAck: boolean;
  canResolve: boolean;
  onAction(action: "ack" | "resolve"): void;
}

export function AlarmDetails({ alarm: a, names, canAck, canResolve, onAction }: AlarmDetailsProps) {
  const t = useT();
  const canPlayback = useCan("recordings.view");
  return (
    <section className="alarm-details" data-testid="alarm-details" data-alarm={a.id}>
      <h2>
        <span className={`chip sev-${a.severity}`}>{t(`sev.${a.severity}` as "sev.1")}</span>{" "}
        {a.title ?? label(t, "alarmType", a.type)}
      </h2>
      <dl className="alarm-facts">
        <dt>{t("duty.type")}</dt>
        <dd>{label(t, "alarmType", a.type)}</dd>
        <dt>{t("duty.place")}</dt>
        <dd title={[a.prisonId, a.blockId, a.subBlockId, a.cameraId].filter(Boolean).join(" / ")}>
          {names.place(a.prisonId, a.blockId, a.subBlockId, a.cameraId)}
          {a.cameraWithheld && ` · ${t("camera.withheld")}`}
        </dd>
        <dt>{t("duty.raisedAt")}</dt>
        <dd>{clock(a.raisedAt)}</dd>
        <dt>{t("duty.source")}</dt>
        <dd>
          {a.sourceId}
          {a.count > 1 ? ` (${t("duty.count", { n: a.count })})` : ""}
        </dd>
        <dt>{t("duty.stateLabel")}</dt>
        <dd data-testid="alarm-details-state">
          {label(t, "alarmState", a.state)} ·{" "}
          <span className={`light-text light-${a.light}`}>{label(t, "light", a.light)}</span>
        </dd>
        {a.description !== null && (
          <>
            <dt>{t("duty.description")}</dt>
            <dd>{a.description}</dd>
          </>
        )}
        {a.ack !== null && (
          <>
            <dt>{t("duty.ackBy")}</dt>
            <dd data-testid="alarm-details-ack">
              {handledVia(t, names, a.ack.via) ?? a.ack.by.replace(/^user:/, "")} · {clock(a.ack.at)} {a.ack.note}
            </dd>
          </>
        )}
        {a.resolution !== null && (
          <>
            <dt>{t("duty.resolvedBy")}</dt>
            <dd>
              {handledVia(t, names, a.resolution.via) ?? a.resolution.by.replace(/^user:/, "")} ·{" "}
              {clock(a.resolution.at)} · {label(t, "disposition", a.resolution.disposition)} · {a.resolution.note}
            </dd>
          </>
        )}
      </dl>
      {(canAck || canResolve) && isActive(a) && (
        <div className="alarm-actions">
          {canAck && a.state === "open" && (
            <button type="button" className="btn btn-primary" data-testid="details-ack" onClick={() => onAction("ack")}>
              {t("duty.ack")}
            </button>
          )}
          {canResolve && (
            <button
              type="button"
              className="btn"
              data-testid={`alarm-resolve-${a.id}`}
              onClick={() => onAction("resolve")}
            >
              {t("duty.resolve")}
            </button>
          )}
        </div>
      )}
      {a.cameraId !== null && canPlayback && (
        <NavLink
          to={playbackPath([a.cameraId], a.occurredAt - ALARM_LEAD_MS)}
          id="alarm-playback"
          label={t("pb.openAtAlarm")}
        />
      )}
      <div className="alarm-media">
        {a.hasSnapshot ? (
          <img
            className="alarm-snapshot"
            data-testid="alarm-snapshot"
            src={dutyApi.snapshotUrl(a.id)}
            alt={t("duty.snapshot")}
          />
        ) : (
          <p className="muted">{t("duty.noSnapshot")}</p>
        )}
        {a.cameraId !== null ? (
          <div className="alarm-player">
            <HlsPlayer key={a.cameraId} cameraId={a.cameraId} variant="sub" />
          </div>
        ) : (
          <p className="muted" data-testid="alarm-camera-none">
            {t(a.cameraWithheld ? "camera.withheld" : "duty.noCamera")}
          </p>
        )}
      </div>
    </section>
  );
}
