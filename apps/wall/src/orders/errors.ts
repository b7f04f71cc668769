// An order request's failure for the user: the translated sentence for its code plus the gateway's
// own message, which names the field (the compose form has many fields; "invalid value" alone is
// not enough to fix it).
import { errorText } from "../api/errorText";
import { HttpError } from "../api/http";

export function detailedError(err: unknown): string {
  const text = errorText(err);
  return err instanceof HttpError && err.status !== 0 && err.body.message !== text
    ? `${text}：${err.body.message}`
    : text;
}
