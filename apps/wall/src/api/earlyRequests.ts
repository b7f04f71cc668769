// Which GETs a returning browser may send before the app's bundle has run (boot.ts sends them, http.ts adopts
// them): the session check, and on the console the tree. Why: the bundle takes ~0.3 s to load and compile,
// and the console asked for its tree only after the session's answer had drawn the page (~0.5 s in).
// Owns: the session hint's key and values and that choice, pure. Imports nothing: boot.ts stays a few hundred bytes.

/** localStorage key of the non-secret "we logged in" hint (the session cookie is HttpOnly). */
export const hintKey = "cw.session";

/** The hint's values: logged in; logged in with a role that sees cameras (the console's tree may be asked). */
export const hintValues = { session: "1", cameras: "cameras" } as const;

export const sessionPath = "/api/v1/session";
export const treePath = "/api/v1/tree?shape=columns";

/** The GETs to send at once for this hint on this page (none without a hint: the login page asks nothing). */
export function earlyRequests(hint: string | null, pathname: string): string[] {
  if (hint !== hintValues.session && hint !== hintValues.cameras) return [];
  const onConsole = pathname === "/" || pathname === "";
  return hint === hintValues.cameras && onConsole ? [sessionPath, treePath] : [sessionPath];
}

/** Where boot.ts leaves the requests it sent, by path; each is taken once. */
export interface EarlyWindow {
  __cwEarly?: Map<string, Promise<Response>>;
}
