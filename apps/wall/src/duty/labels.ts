// Message keys for the control plane's enumerations (alarm types, states, lights, dispositions), with
// a fallback for values a newer gateway may send.
import type { AlarmView } from "@cw/protocol";
import { hasKey, type MessageKey, type Vars } from "../i18n/i18n";
import { formatBureau } from "../time/clockStore";
import type { Names } from "../ui/names";

export function enumKey(prefix: string, value: string): MessageKey | null {
  const key = `${prefix}.${value}`;
  return hasKey(key) ? key : null;
}

export function label(t: (k: MessageKey) => string, prefix: string, value: string): string {
  const key = enumKey(prefix, value);
  return key === null ? value : t(key);
}

/** Date and time on the bureau's clock (never the browser's time zone). */
export const clock = (ms: number): string => formatBureau.dateTime(ms);

type Via = NonNullable<AlarmView["ack"]>["via"];

/**
 * Where and by whom an alarm was handled at the other level (issue 18) — "盘锦监狱指挥中心，值班员" at the
 * bureau, "省局指挥中心，值班员" at an edge — or null when it was handled here.
 */
export function handledVia(t: (k: MessageKey, v?: Vars) => string, names: Names, via: Via | undefined): string | null {
  if (via === null || via === undefined) return null;
  const centre =
    via.prisonId === null ? t("duty.centreBureau") : t("duty.centrePrison", { prison: names.name(via.prisonId) });
  return t("duty.via", { centre, name: via.name });
}

/** The handling at the other level behind the alarm's state (its ack, or its resolution), or null. */
export function stateVia(t: (k: MessageKey, v?: Vars) => string, names: Names, a: AlarmView): string | null {
  if (a.state === "acknowledged") return handledVia(t, names, a.ack?.via);
  if (a.state === "resolved") return handledVia(t, names, a.resolution?.via);
  return null;
}
