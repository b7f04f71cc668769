// The wall's reading of the policy table (@cw/protocol policy.ts) for whoever is logged in: the UI hides
// what the gateway would refuse, so nobody clicks into a 403. Owns no rule of its own: who may do what
// is the table's, shared with every gateway route. Never decides anything the gateway does not check.
import { type Capability, can, type PrisonScope, scopeOf } from "@cw/protocol";
import { useStore } from "zustand";
import { sessionStore } from "./sessionStore";

/** Whether the logged-in user holds `capability` (false while nobody is). */
export function useCan(capability: Capability): boolean {
  return useStore(sessionStore, (s) => can(s.info?.role, capability));
}

/** The logged-in user's prisons: null for the province, a prison id, or undefined while nobody is. */
export function useScope(): PrisonScope | undefined {
  return useStore(sessionStore, (s) => (s.info === null ? undefined : scopeOf(s.info)));
}
