import { useT } from "../i18n/useT";
import { useLive } from "../live/LiveProvider";

/** The live socket's state: connected, or reconnecting (data on screen may be stale). */
export function ConnState() {
  const t = useT();
  const conn = useLive((s) => s.conn);
  const shown = conn === "closed" ? "reconnecting" : conn;
  return (
    <span className={`conn conn-${shown}`} data-testid="conn-state" data-state={shown}>
      <span className="dot" />
      {t(`conn.${shown}`)}
    </span>
  );
}
