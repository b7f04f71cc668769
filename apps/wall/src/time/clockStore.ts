// The wall's view of the gateway's clock and the bureau's calendar, taken from the session (tzOffsetMin,
// the gateway's now when it answered). Owns: the clock skew and offset, and "now"/"today" as the bureau
// reads them. Every page asks here instead of `new Date()`, so a wall PC in another time zone, or with a
// wrong clock, shows the bureau's day.
import type { SessionInfo } from "@cw/protocol";
import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";
import { bureauDate, bureauDateTime, bureauShort, bureauTime } from "./bureauTime";

export interface BureauClock {
  tzOffsetMin: number;
  /** gateway clock − this browser's clock, ms. */
  skewMs: number;
}

/** China's offset until the session says otherwise (the gateway's default too). */
export const clockStore = createStore<BureauClock>(() => ({ tzOffsetMin: 480, skewMs: 0 }));

/** Adopts the gateway's calendar and clock from a session answer received at `receivedAt` (this clock). */
export function adoptClock(info: Pick<SessionInfo, "tzOffsetMin" | "now">, receivedAt = Date.now()): void {
  clockStore.setState({ tzOffsetMin: info.tzOffsetMin, skewMs: info.now - receivedAt });
}

/** Now on the gateway's clock (ms since the epoch). */
export const bureauNow = (): number => Date.now() + clockStore.getState().skewMs;
/** Today in the bureau's calendar. */
export const bureauToday = (): string => bureauDate(bureauNow(), clockStore.getState().tzOffsetMin);

/** Formatters bound to the bureau's offset, for React components. */
export function useBureauFormat() {
  const off = useStore(clockStore, (s) => s.tzOffsetMin);
  return {
    tzOffsetMin: off,
    date: (ms: number) => bureauDate(ms, off),
    time: (ms: number, seconds = true) => bureauTime(ms, off, seconds),
    dateTime: (ms: number, seconds = true) => bureauDateTime(ms, off, seconds),
    short: (ms: number) => bureauShort(ms, off),
  };
}

/** Plain formatters for non-React modules (labels, CSV names). */
export const formatBureau = {
  date: (ms: number) => bureauDate(ms, clockStore.getState().tzOffsetMin),
  time: (ms: number, seconds = true) => bureauTime(ms, clockStore.getState().tzOffsetMin, seconds),
  dateTime: (ms: number, seconds = true) => bureauDateTime(ms, clockStore.getState().tzOffsetMin, seconds),
};
