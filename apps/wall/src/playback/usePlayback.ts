// The playback page's model: which cameras (up to 4), which bureau day, their timelines (recorded spans
// and alarm markers), and one clock for all players — the first camera leads, the others follow it
// (sync.ts) — with seek, speed, play/pause and ±1 frame. Tiles register their VodController here.
// Owns the page's state and the sync loop (cleared on unmount); never talks to hls.js directly.
import type { RecordingsResponse } from "@cw/protocol";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useStore } from "zustand";
import { HttpError } from "../api/http";
import { bureauDate } from "../time/bureauTime";
import { bureauNow, clockStore } from "../time/clockStore";
import { playbackApi } from "./playbackApi";
import { pickSource } from "./source";
import { syncStep } from "./sync";
import { type DayWindow, dayWindow, nextRecorded } from "./timeline";
import type { VodController, VodWindow } from "./vodController";

export const MAX_CAMERAS = 4;
export const speeds = [1, 2, 4, 8] as const;
const WINDOW_BEFORE_MS = 60_000;
const WINDOW_AFTER_MS = 3600_000;

export interface PlaybackModel {
  cameras: string[];
  date: string;
  day: DayWindow;
  timelines: Record<string, RecordingsResponse>;
  /** Wall time of the leading camera's picture (ms), or the time asked for before it plays. */
  cursor: number;
  playing: boolean;
  rate: number;
  addCamera(id: string): void;
  removeCamera(id: string): void;
  setDate(date: string): void;
  seek(ms: number): void;
  setRate(rate: number): void;
  togglePlay(): void;
  step(frames: number): void;
  register(cameraId: string, c: VodController | null): void;
  /** The playlist window a tile loads for `target`. */
  resolve(cameraId: string, target: number, signal: AbortSignal): Promise<VodWindow | null>;
}

export function usePlayback(initial: { cameras: string[]; at: number | null }): PlaybackModel {
  const tz = useStore(clockStore, (s) => s.tzOffsetMin);
  const [cameras, setCameras] = useState(initial.cameras.slice(0, MAX_CAMERAS));
  const [cursor, setCursor] = useState(initial.at ?? bureauNow() - 60_000);
  const [date, setDateState] = useState(bureauDate(initial.at ?? bureauNow(), tz));
  const [timelines, setTimelines] = useState<Record<string, RecordingsResponse>>({});
  const [playing, setPlaying] = useState(true);
  const [rate, setRateState] = useState(1);
  const controllers = useRef(new Map<string, VodController>());
  const day = useMemo(() => dayWindow(date, tz), [date, tz]);
  const rateRef = useRef(rate);
  rateRef.current = rate;
  /** A new day was picked: play from its first recorded moment once the leader's timeline is known. */
  const dayStartPending = useRef(false);

  // Timelines of the day; today's are refreshed while footage keeps arriving.
  useEffect(() => {
    const ac = new AbortController();
    const load = () => {
      for (const id of cameras)
        playbackApi
          .timeline(id, day.from, day.to, ac.signal)
          .then((t) => setTimelines((all) => ({ ...all, [id]: t })))
          .catch(() => {});
    };
    load();
    const timer = day.to > bureauNow() ? setInterval(load, 15_000) : null;
    return () => {
      ac.abort();
      if (timer) clearInterval(timer);
    };
  }, [cameras, day]);

  // One clock: every 250 ms the followers are brought to the leader's time (and the cursor follows it).
  useEffect(() => {
    const timer = setInterval(() => {
      const [lead, ...rest] = cameras.map((id) => controllers.current.get(id));
      const leadMs = lead?.wallTime() ?? null;
      if (leadMs === null) return;
      setCursor(leadMs);
      for (const c of rest) {
        const ms = c?.wallTime() ?? null;
        if (!c || ms === null) continue;
        const a = syncStep(leadMs, ms, rateRef.current);
        if (a.seekTo !== undefined) c.goto(a.seekTo);
        c.setRate(a.rate);
      }
    }, 250);
    return () => clearInterval(timer);
  }, [cameras]);

  const leadTimeline = cameras[0] === undefined ? undefined : timelines[cameras[0]];
  useEffect(() => {
    if (!dayStartPending.current || !leadTimeline) return;
    dayStartPending.current = false;
    const starts = [nextRecorded(leadTimeline.spans, day.from), nextRecorded(leadTimeline.deviceSpans ?? [], day.from)];
    const first = starts.reduce<number | null>((a, b) => (b === null ? a : a === null ? b : Math.min(a, b)), null);
    const at = first !== null && first < day.to ? first : day.from + 12 * 3600_000;
    setCursor(at);
    for (const c of controllers.current.values()) c.goto(at);
  }, [leadTimeline, day]);

  const all = (f: (c: VodController) => void) => {
    for (const c of controllers.current.values()) f(c);
  };

  const register = useCallback((cameraId: string, c: VodController | null) => {
    if (c) controllers.current.set(cameraId, c);
    else controllers.current.delete(cameraId);
  }, []);

  const seek = useCallback((ms: number) => {
    setCursor(ms);
    for (const c of controllers.current.values()) c.goto(ms);
  }, []);

  const resolve = useCallback(
    async (cameraId: string, target: number, signal: AbortSignal): Promise<VodWindow | null> => {
      // Before the page's timelines arrive (a tile asks at once): ask for this one, or a GB camera's first
      // window would be an empty gateway playlist instead of its device's recording.
      const tl =
        timelines[cameraId] ?? (await playbackApi.timeline(cameraId, day.from, day.to, signal).catch(() => undefined));
      const pick = pickSource(tl?.spans, tl?.deviceSpans, target);
      if (pick.source === "device") {
        // The camera's own recorder (GB NVR): it plays from the asked time, sending at the page's speed.
        const r = await playbackApi.playback(cameraId, pick.from, pick.to, signal, "device", rateRef.current);
        const session = r.session;
        return {
          hls: r.hls,
          from: pick.from,
          to: pick.to,
          source: "device",
          maxRate: r.scale ?? 1,
          ...(session ? { changeSpeed: (rate: number) => playbackApi.deviceSpeed(cameraId, session, rate) } : {}),
        };
      }
      const at = pick.at;
      const from = at - WINDOW_BEFORE_MS;
      const to = Math.max(from + 1000, Math.min(at + WINDOW_AFTER_MS, bureauNow() + WINDOW_AFTER_MS));
      try {
        const r = await playbackApi.playback(cameraId, from, to, signal);
        return { hls: r.hls, from, to };
      } catch (err) {
        if (err instanceof HttpError && err.code === "not_found") return null;
        throw err;
      }
    },
    [timelines, day],
  );

  return {
    cameras,
    date,
    day,
    timelines,
    cursor,
    playing,
    rate,
    addCamera: (id) => setCameras((cs) => (cs.includes(id) || cs.length >= MAX_CAMERAS ? cs : [...cs, id])),
    removeCamera: (id) => setCameras((cs) => cs.filter((c) => c !== id)),
    setDate: (d) => {
      if (d === date) return;
      dayStartPending.current = true;
      setTimelines({});
      setDateState(d);
    },
    seek,
    setRate: (r) => {
      setRateState(r);
      all((c) => c.setRate(r));
    },
    togglePlay: () => {
      setPlaying((p) => {
        all((c) => c.setPlaying(!p));
        return !p;
      });
    },
    step: (frames) => {
      setPlaying(false);
      all((c) => c.step(frames));
    },
    register,
    resolve,
  };
}
