// The bureau's date and time in the bar (ticks each second), with the zone named: operators in one
// command network read one clock, whatever the PC's own time zone.
import { useEffect, useState } from "react";
import { useStore } from "zustand";
import { useT } from "../i18n/useT";
import { bureauDate, bureauTime, zoneLabel } from "../time/bureauTime";
import { bureauNow, clockStore } from "../time/clockStore";

export function BureauClockView() {
  const t = useT();
  const off = useStore(clockStore, (s) => s.tzOffsetMin);
  const [now, setNow] = useState(bureauNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(bureauNow()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time
      className="shell-clock"
      data-testid="bureau-clock"
      data-date={bureauDate(now, off)}
      title={t("shell.zone", { zone: zoneLabel(off) })}
    >
      <span className="shell-clock-date">{bureauDate(now, off)}</span>{" "}
      <span className="shell-clock-time">{bureauTime(now, off)}</span>
    </time>
  );
}
