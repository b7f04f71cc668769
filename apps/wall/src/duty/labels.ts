// Message keys for the control plane's enumerations (alarm types, states, lights, dispositions), with
// a fallback for values a newer gateway may send.
import { hasKey, type MessageKey } from "../i18n/i18n";

export function enumKey(prefix: string, value: string): MessageKey | null {
  const key = `${prefix}.${value}`;
  return hasKey(key) ? key : null;
}

export function label(t: (k: MessageKey) => string, prefix: string, value: string): string {
  const key = enumKey(prefix, value);
  return key === null ? value : t(key);
}

export function clock(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
