// Who may do what on the wall, as the gateway enforces it (docs/api/http.md): the UI hides what the
// gateway would refuse, so nobody clicks into a 403.
import type { Role } from "@cw/protocol";
import { useStore } from "zustand";
import { sessionStore } from "../session/sessionStore";

const wallEditors: readonly Role[] = ["commander", "chief", "duty"];

/** Edit output screens: push, follow-and-edit, tour controls. */
export const canEditScreens = (role: Role | undefined): boolean => role !== undefined && wallEditors.includes(role);
/** Save and delete presets (layouts and tours). */
export const canEditPresets = (role: Role | undefined): boolean => role === "commander";

export function useRole(): Role | undefined {
  return useStore(sessionStore, (s) => s.info?.role);
}
