// The on-demand stream registry: one entry per (camera, rendition), created by the first playlist request,
// stopped after idleMs without requests (unless held: a recording plan); serves packager output as
// errors-as-data; publishes health and closed segments. Owns one shared housekeeping timer (unref'd,
// cleared in close()). Never parses HTTP and never decides who may watch: the gateway does both before
// calling here. A tap (`tap`) hands a stream's access units to media sent elsewhere, holding it running.
// An H.264 transcode is an entry like any other whose source reads the camera's own entry
// (kept running meanwhile), counted against the TRANSCODE_MAX budget.
import type { ApiError, Rendition, StreamHealth, Variant } from "@cw/protocol";
import { renderMultivariant } from "../hls/multivariant";
import type { CameraSpec, MediaSink, PlaylistQuery, SegmentEvent, Served, StreamRegistry } from "../media/types";
import { attachTap, type Counters, type Entry, entryKey, startEntry, stopEntry } from "./entry";
import { type RegistryOptions, withDefaults } from "./options";
import { renditionOf, transcodeRenditionOf } from "./renditions";

export function createStreamRegistry(opts: RegistryOptions): StreamRegistry {
  const o = withDefaults(opts);
  const entries = new Map<string, Entry>();
  const stopping = new Map<string, Promise<void>>();
  const listeners = new Set<(changed: StreamHealth[]) => void>();
  const segmentListeners = new Set<(e: SegmentEvent) => void>();
  /** Held (camera id, effective variant) → number of holds. */
  const holds = new Map<string, { cameraId: string; variant: Variant; count: number }>();
  /** Sinks tapping (camera id, effective variant), re-attached to each new entry of that key. */
  const taps = new Map<string, Set<ExternalTap>>();
  const counters: Counters = { bytesIn: 0, bytesOut: 0, packagerErrors: 0 };
  let closed = false;

  const emit = (list: StreamHealth[]): void => {
    if (list.length === 0) return;
    for (const l of listeners) {
      try {
        l(list);
      } catch (err) {
        o.log.warn({ err }, "health listener threw");
      }
    }
  };
  const snapshot = (e: Entry, state?: StreamHealth["state"]): StreamHealth =>
    e.health.snapshot(o.now(), e.packager.stats().discontinuities, state, e.source?.pid);
  const changed = (e: Entry): void => emit([snapshot(e)]);
  const segmentClosed = (e: Entry, segment: SegmentEvent["segment"], init: Buffer): void => {
    const ev: SegmentEvent = { cameraId: e.camera.id, variant: e.variant, stream: e.serial, segment, init };
    for (const l of segmentListeners) l(ev);
  };

  const stop = (e: Entry, why: string): Promise<void> => {
    if (entries.get(e.key) === e) entries.delete(e.key);
    if (e.stopped) return stopping.get(e.key) ?? Promise.resolve();
    o.log.info({ camera: e.camera.id, variant: e.variant, why }, "stream stopped");
    emit([snapshot(e, "idle")]);
    const p = stopEntry(e, o).finally(() => {
      if (stopping.get(e.key) === p) stopping.delete(e.key);
    });
    stopping.set(e.key, p);
    return p;
  };

  const tick = (): void => {
    const now = o.now();
    const full: StreamHealth[] = [];
    for (const h of holds.values())
      if (!entries.has(entryKey(h.cameraId, h.variant))) void startHeld(h.cameraId, h.variant);
    // A transcode keeps its source running (before any idle check: the source may come first in the map),
    // and one a request waits for (a cold start) counts as asked for now.
    for (const e of entries.values()) {
      const up = e.upstreamKey === null ? undefined : entries.get(e.upstreamKey);
      if (up && !up.stopped) up.lastRequestAt = Math.max(up.lastRequestAt, e.waiting > 0 ? now : e.lastRequestAt);
    }
    for (const e of [...entries.values()]) {
      if (holds.has(e.key)) e.lastRequestAt = now;
      if (e.upstreamKey !== null) {
        const up = entries.get(e.upstreamKey);
        // A source that stopped (camera edited) ends the transcode.
        if (!up || up.stopped) {
          void stop(e, "its source stopped");
          continue;
        }
      }
      if (e.waiting === 0 && now - e.lastRequestAt >= o.idleMs) {
        void stop(e, "idle");
        continue;
      }
      e.health.tick(now);
      const st = e.packager.stats();
      const fault = e.output.check(now, e.health.lastFrameAt, st.parts, st.discontinuities);
      if (e.health.fault(fault) && fault !== null)
        o.log.warn({ camera: e.camera.id, variant: e.variant, fault }, "stream output is not advancing");
      full.push(snapshot(e));
    }
    emit(full);
  };
  const timer = setInterval(tick, o.tickMs);
  timer.unref();

  /** Finds (and with `start`, creates) the entry serving a request; every request keeps it alive. */
  const acquire = async (
    cameraId: string,
    rendition: Rendition,
    start: boolean,
    clientId?: string,
  ): Promise<Served<Entry>> => {
    if (closed) return err("unavailable", "the stream registry is closed");
    const camera = o.resolve(cameraId);
    if (!camera) return err("not_found", `no camera ${cameraId}`, "cameraId");
    const effective = effectiveRendition(camera, rendition);
    const key = entryKey(camera.id, effective);
    let e = entries.get(key);
    if (!e && start) {
      const pending = stopping.get(key);
      if (pending) await pending; // the same source must not run twice (one RTSP session, one RTMP reader)
      e = entries.get(key);
      if (!e) {
        if (closed) return err("unavailable", "the stream registry is closed");
        if (effective === "main-h264" || effective === "sub-h264") {
          const started = await startTranscode(camera, effective);
          if (!started.ok) return started;
          e = started.value;
        } else e = startEntry(camera, effective, o, counters, changed, segmentClosed);
        entries.set(key, e);
        for (const t of taps.get(key) ?? []) t.detach = attachTap(e, t.sink);
        changed(e);
      }
    }
    if (!e) return err("not_found", `stream ${key} is not running: request its playlist first`);
    e.lastRequestAt = o.now();
    if (clientId !== undefined) e.health.seen(clientId, e.lastRequestAt);
    return { ok: true, value: e };
  };

  /** Runs a wait on `e` (media not there yet): the stream counts as requested until the wait ends. */
  const waitOn = async <T>(e: Entry, wait: Promise<T>): Promise<T> => {
    e.waiting++;
    try {
      return await wait;
    } finally {
      e.waiting--;
      e.lastRequestAt = o.now();
    }
  };

  /** Transcodes running now (every H.264 rendition entry counts against TRANSCODE_MAX). */
  const transcodesRunning = (): number => [...entries.values()].filter((e) => e.upstreamKey !== null).length;

  const startTranscode = async (camera: CameraSpec, rendition: "main-h264" | "sub-h264"): Promise<Served<Entry>> => {
    const t = o.transcode;
    if (!t || t.max <= 0) return err("not_found", "transcoding is not configured on this gateway", "rendition");
    if (transcodesRunning() >= t.max)
      return err("transcode_full", `every transcoder is busy (${t.max} of ${t.max}): ${camera.name}`, "rendition");
    // The sub transcode scales the camera's sub stream when it has one, else its main stream.
    const up = await acquire(camera.id, rendition === "sub-h264" && camera.hasSubStream ? "sub" : "main", true);
    if (!up.ok) return up;
    const upstream = up.value;
    const plan = t.plan(rendition);
    return {
      ok: true,
      value: startEntry(camera, rendition, o, counters, changed, segmentClosed, {
        upstreamKey: upstream.key,
        source: () => t.source(camera, plan, { attach: (sink) => attachTap(upstream, sink) }),
      }),
    };
  };

  const startHeld = async (cameraId: string, variant: Variant): Promise<void> => {
    const got = await acquire(cameraId, variant, true);
    if (!got.ok && !closed) o.log.warn({ camera: cameraId, variant, error: got.error }, "held stream did not start");
  };

  const served = <T extends Buffer | string>(r: Served<T>): Served<T> => {
    if (r.ok) counters.bytesOut += r.value.length;
    return r;
  };

  const hold = (cameraId: string, variant: Variant): (() => void) => {
    const camera = o.resolve(cameraId);
    const key = entryKey(cameraId, camera ? effectiveVariant(camera, variant) : variant);
    const h = holds.get(key) ?? { cameraId, variant: camera ? effectiveVariant(camera, variant) : variant, count: 0 };
    h.count++;
    holds.set(key, h);
    if (!entries.has(key)) void startHeld(h.cameraId, h.variant);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--h.count === 0 && holds.get(key) === h) holds.delete(key);
    };
  };

  return {
    async playlist(cameraId: string, variant: Rendition, query: PlaylistQuery, signal?: AbortSignal) {
      const got = await acquire(cameraId, variant, true, query.clientId ?? "anonymous");
      if (!got.ok) return got;
      const p = got.value.packager;
      if (query.part !== undefined && query.msn === undefined)
        return err("bad_request", "_HLS_part needs _HLS_msn", "_HLS_part");
      if (query.msn === undefined && !p.startable()) {
        // Cold start: hold the player's first request until there is enough media to start from
        // (see Packager.waitForStartable) rather than 404 it or hand it a playlist it cannot start.
        const ready = await waitOn(got.value, p.waitForStartable(signal, o.firstPartWaitMs));
        if (!ready.ok) return ready;
      }
      if (query.msn !== undefined) {
        const r = await waitOn(got.value, p.waitFor(query.msn, query.part, signal));
        if (!r.ok) return r;
      }
      const text = p.playlist();
      return text === null ? err("unavailable", "the stream stopped") : served({ ok: true, value: text });
    },

    async init(cameraId: string, variant: Rendition, signal?: AbortSignal, version?: number) {
      const got = await acquire(cameraId, variant, false);
      if (!got.ok) return got;
      const p = got.value.packager;
      if (p.init(version) === null && !p.hasMedia()) {
        const ready = await waitOn(got.value, p.waitForMedia(signal, o.firstPartWaitMs));
        if (!ready.ok) return ready;
      }
      const bytes = p.init(version);
      return bytes ? served({ ok: true, value: bytes }) : err("not_found", `no init segment version ${version}`);
    },

    async segment(cameraId: string, variant: Rendition, msn: number, signal?: AbortSignal) {
      const got = await acquire(cameraId, variant, false);
      if (!got.ok) return got;
      return served(await waitOn(got.value, got.value.packager.waitForSegment(msn, signal)));
    },

    async part(cameraId: string, variant: Rendition, msn: number, part: number, signal?: AbortSignal) {
      const got = await acquire(cameraId, variant, false);
      if (!got.ok) return got;
      return served(await waitOn(got.value, got.value.packager.waitForPart(msn, part, signal)));
    },

    health: () => [...entries.values()].map((e) => snapshot(e)),

    onHealth(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    stats: () => ({ ...counters, transcodes: { running: transcodesRunning(), max: o.transcode?.max ?? 0 } }),

    async start(cameraId: string, rendition: Rendition) {
      const got = await acquire(cameraId, rendition, true);
      return got.ok ? { ok: true as const, value: true as const } : got;
    },

    onSegment(listener) {
      segmentListeners.add(listener);
      return () => segmentListeners.delete(listener);
    },

    hold,

    async tap(cameraId: string, variant: Variant, sink: MediaSink) {
      const camera = o.resolve(cameraId);
      if (!camera) return err("not_found", `no camera ${cameraId}`, "cameraId");
      const key = entryKey(camera.id, effectiveVariant(camera, variant));
      const got = await acquire(camera.id, variant, true);
      if (!got.ok) return got;
      const release = hold(camera.id, variant);
      const t: ExternalTap = { sink, detach: attachTap(got.value, sink) };
      const set = taps.get(key) ?? new Set<ExternalTap>();
      set.add(t);
      taps.set(key, set);
      let released = false;
      return {
        ok: true as const,
        value: () => {
          if (released) return;
          released = true;
          t.detach();
          set.delete(t);
          if (set.size === 0 && taps.get(key) === set) taps.delete(key);
          release();
        },
      };
    },

    async multivariant(cameraId: string, signal?: AbortSignal) {
      const camera = o.resolve(cameraId);
      if (!camera) return err("not_found", `no camera ${cameraId}`, "cameraId");
      const variants: Variant[] = camera.hasSubStream ? ["main", "sub"] : ["main"];
      const started = await Promise.all(
        variants.map(async (v) => {
          const got = await acquire(cameraId, v, true);
          if (!got.ok) return null;
          const ready = await got.value.packager.waitForMedia(signal, o.firstPartWaitMs);
          return ready.ok ? renditionOf(v, got.value) : null;
        }),
      );
      const renditions = started.filter((r) => r !== null);
      // An H.265 camera also offers H.264 transcodes (started on their first request, not now).
      const hevc = entries.get(entryKey(cameraId, "main"))?.packager.trackSet;
      if (o.transcode && o.transcode.max > 0 && hevc?.video?.codec === "h265")
        for (const r of ["main-h264", "sub-h264"] as const)
          renditions.push(transcodeRenditionOf(o.transcode.plan(r), hevc));
      if (renditions.length === 0) return err("unavailable", `camera ${cameraId} sends no picture`);
      return served({ ok: true, value: renderMultivariant(renditions) });
    },

    async stopCamera(cameraId: string) {
      const mine = [...entries.values()].filter((e) => e.camera.id === cameraId);
      await Promise.all(mine.map((e) => stop(e, "camera stopped")));
    },

    async close() {
      closed = true;
      clearInterval(timer);
      await Promise.all([...entries.values()].map((e) => stop(e, "registry closed")));
      await Promise.all([...stopping.values()]);
      await o.transcode?.close?.();
      listeners.clear();
      segmentListeners.clear();
      holds.clear();
      taps.clear();
    },
  };
}

/** A camera without a sub stream serves its main stream under both names (one entry, one source). */
interface ExternalTap {
  sink: MediaSink;
  /** Detaches from the entry it is attached to now. */
  detach: () => void;
}

function effectiveVariant(camera: CameraSpec, variant: Variant): Variant {
  return variant === "sub" && !camera.hasSubStream ? "main" : variant;
}

function effectiveRendition(camera: CameraSpec, rendition: Rendition): Rendition {
  return rendition === "main" || rendition === "sub" ? effectiveVariant(camera, rendition) : rendition;
}

function err(code: ApiError["code"], message: string, field?: string): { ok: false; error: ApiError } {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}
