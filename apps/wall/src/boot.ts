// The page's first script (index.html, before the app's bundle): a returning user's session check and, on the
// console, the tree go out at once, while the bundle still loads and compiles; the app adopts them
// (api/http.ts) instead of asking again. Owns: sending those GETs. Never: reading their answers.
import { type EarlyWindow, earlyRequests, hintKey } from "./api/earlyRequests";

let hint: string | null = null;
try {
  hint = localStorage.getItem(hintKey);
} catch {
  // No storage: the app asks the gateway itself.
}
const early = new Map<string, Promise<Response>>();
for (const path of earlyRequests(hint, location.pathname)) {
  const res = fetch(path, { credentials: "same-origin", headers: { accept: "application/json" } });
  // Adopted or not, a failure here must not be an unhandled rejection: the adopter sees it on its own await.
  res.catch(() => {});
  early.set(path, res);
}
(globalThis as EarlyWindow).__cwEarly = early;
