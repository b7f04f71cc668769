// Turns any thrown value into a translated, user-facing sentence.
import { hasKey, type MessageKey, t } from "../i18n/i18n";
import { HttpError } from "./http";

export function errorText(err: unknown): string {
  if (err instanceof HttpError) {
    if (err.status === 0) return t("error.network");
    const key = `error.${err.body.code}`;
    return hasKey(key) ? t(key as MessageKey) : err.body.message;
  }
  return t("error.unknown");
}
