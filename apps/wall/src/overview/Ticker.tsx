// The alarm ticker: the newest alarms, newest first, with prison, type and severity.
import type { AlarmTick } from "@cw/protocol";
import type { MessageKey } from "../i18n/i18n";
import { useT } from "../i18n/useT";
import { useBureauFormat } from "../time/clockStore";

export function Ticker({ ticks, prisonName }: { ticks: AlarmTick[]; prisonName(id: string): string }) {
  const t = useT();
  const when = useBureauFormat();
  return (
    <ol className="ov-ticker" data-testid="alarm-ticker">
      {ticks.map((a) => (
        <li key={a.id} className={`ov-tick sev-${a.severity}`}>
          <time>{when.time(a.at)}</time>
          <span className="ov-tick-prison">{prisonName(a.prisonId)}</span>
          <span>{a.title ?? t(`alarmType.${a.type}` as MessageKey)}</span>
          <span className="ov-tick-sev">{t("ov.sev", { sev: a.severity })}</span>
        </li>
      ))}
    </ol>
  );
}
