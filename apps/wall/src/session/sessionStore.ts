// Who is logged in. Owns: the session state and the login/logout/restore/change-password actions; a 401
// from any request drops the session so the app shows the login page, and a live socket closed for the
// session (4401) makes it ask again. Never stores credentials.
import { can, type Login, type PasswordChange, type SessionInfo } from "@cw/protocol";
import { createStore } from "zustand/vanilla";
import { hintKey, hintValues } from "../api/earlyRequests";
import { api } from "../api/endpoints";
import { HttpError, onUnauthenticated } from "../api/http";
import { redirect } from "../router";
import { landing } from "../shell/routes";
import { adoptClock } from "../time/clockStore";
import { usersApi } from "../users/usersApi";

export type SessionStatus = "unknown" | "anonymous" | "authenticated";

export interface SessionState {
  status: SessionStatus;
  info: SessionInfo | null;
}

export const sessionStore = createStore<SessionState>(() => ({ status: "unknown", info: null }));

// The cookie is HttpOnly, so the page cannot see it. This non-secret hint remembers that we logged
// in, so a fresh browser goes straight to the login form instead of asking the gateway and logging
// a 401 in the console.
// It also says whether the role sees cameras: then the console's tree is asked for with the session check,
// before the app's bundle runs (boot.ts).
function setHint(info: SessionInfo | null): void {
  try {
    if (info === null) localStorage.removeItem(hintKey);
    else
      localStorage.setItem(
        hintKey,
        can(info.role, "cameras.view") && !info.mustChangePassword ? hintValues.cameras : hintValues.session,
      );
  } catch {
    // No storage: we simply ask the gateway every time.
  }
}
function hasHint(): boolean {
  try {
    const hint = localStorage.getItem(hintKey);
    return hint === hintValues.session || hint === hintValues.cameras;
  } catch {
    return true;
  }
}

function dropSession(): void {
  setHint(null);
  sessionStore.setState({ status: "anonymous", info: null });
}

onUnauthenticated(dropSession);

/** On page load: is the cookie still good? */
export async function restoreSession(): Promise<void> {
  if (!hasHint()) {
    sessionStore.setState({ status: "anonymous", info: null });
    return;
  }
  try {
    const info = await api.session();
    adoptClock(info);
    setHint(info);
    sessionStore.setState({ status: "authenticated", info });
  } catch (err) {
    if (err instanceof HttpError && err.status !== 401) console.warn("session check failed", err.body.code);
    dropSession();
  }
}

export async function login(credentials: Login): Promise<void> {
  const info = await api.login(credentials);
  adoptClock(info);
  setHint(info);
  // A fresh login at the root goes to the role's start page (duty → duty console, chief → inspection …);
  // a login on a deep link stays where the link pointed.
  if (location.pathname === "/") redirect(landing[info.role]);
  sessionStore.setState({ status: "authenticated", info });
}

/** Changes the logged-in user's password; the answer is the session without mustChangePassword. */
export async function changePassword(body: PasswordChange): Promise<void> {
  const info = await usersApi.changePassword(body);
  adoptClock(info);
  setHint(info);
  // Out of a forced change at the root: the role's start page, as after a login.
  if (sessionStore.getState().info?.mustChangePassword && location.pathname === "/") redirect(landing[info.role]);
  sessionStore.setState({ status: "authenticated", info });
}

/**
 * The live socket was closed because the session ended or changed (4401): ask the gateway who we are.
 * A 401 drops the session (the login page); an answer adopts it (a new role redraws the shell).
 */
export async function recheckSession(): Promise<void> {
  try {
    const info = await api.session();
    adoptClock(info);
    setHint(info);
    sessionStore.setState({ status: "authenticated", info });
  } catch (err) {
    if (err instanceof HttpError && err.status === 401) dropSession();
  }
}

export async function logout(): Promise<void> {
  try {
    await api.logout();
  } finally {
    dropSession();
  }
}
