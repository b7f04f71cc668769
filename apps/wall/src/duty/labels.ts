// Message keys for the control plane's enumerations (alarm types, states, lights, dispositions), with
// a fallback for values a newer gateway may send.
import { hasKey, type MessageKey } from "../i18n/i18n";
import { formatBureau } from "../time/clockStore";

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
