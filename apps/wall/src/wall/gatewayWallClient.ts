// The output screens kept by the gateway: a WallClient over GET/PUT /api/v1/wall/screens/{n} and the
// `wall.screen` live topic. Owns: the last version seen per screen (sent as ifVersion, so a stale
// edit is refused with 409 instead of silently undoing someone else's), one save at a time per screen,
// and holding live echoes back while our own saves are in flight. Never touches React or fetch
// itself: the HTTP calls and the live feed are injected (the console wires them, tests fake them).
import type { ScreenPut, ScreenState as WireScreen } from "@cw/protocol";
import type { SaveResult, WallClient } from "./wallClient";
import type { ScreenState } from "./wallState";

export interface ScreenApi {
  get(n: number): Promise<WireScreen>;
  put(n: number, body: ScreenPut): Promise<WireScreen>;
}

/** The `wall.screen` topic as the live store holds it. */
export interface ScreenFeed {
  latest(n: number): WireScreen | undefined;
  subscribe(n: number, onScreen: (s: WireScreen) => void): () => void;
}

/** Is this error the gateway's 409 (ifVersion stale)? Injected so this module needs no HTTP types. */
export type IsConflict = (err: unknown) => boolean;

export const fromWire = (s: WireScreen): ScreenState => ({
  layoutId: s.layoutId,
  tiles: [...s.tiles],
  tourId: s.tourId,
});

interface PerScreen {
  version: number | null;
  /** The newest state seen (GET, PUT answer or live), for delivery once saves settle. */
  newest: WireScreen | null;
  chain: Promise<unknown>;
  pending: number;
  /** A live change arrived while saving: deliver `newest` when the last save settles. */
  held: boolean;
  listeners: Set<(s: ScreenState) => void>;
  /** One feed subscription per screen, however many listeners. */
  unfeed: (() => void) | null;
}

export function gatewayWallClient(api: ScreenApi, feed: ScreenFeed, isConflict: IsConflict): WallClient {
  const screens = new Map<number, PerScreen>();
  const of = (n: number): PerScreen => {
    let s = screens.get(n);
    if (!s) {
      s = {
        version: null,
        newest: null,
        chain: Promise.resolve(),
        pending: 0,
        held: false,
        listeners: new Set(),
        unfeed: null,
      };
      screens.set(n, s);
    }
    return s;
  };
  /** Keeps the newest state; tour pages keep the version, so an equal version is newer news. */
  const note = (s: PerScreen, wire: WireScreen): boolean => {
    if (s.newest && s.newest.version > wire.version) return false;
    s.newest = wire;
    s.version = wire.version;
    return true;
  };
  const deliver = (s: PerScreen) => {
    s.held = false;
    const newest = s.newest;
    if (newest) for (const l of s.listeners) l(fromWire(newest));
  };

  return {
    load: async (n) => {
      const s = of(n);
      const cached = feed.latest(n);
      if (cached) note(s, cached);
      const wire = await api.get(n);
      note(s, wire);
      return s.newest ? fromWire(s.newest) : null;
    },

    save: (n, state) => {
      const s = of(n);
      s.pending += 1;
      const run = async (): Promise<SaveResult> => {
        const body: ScreenPut = { layoutId: state.layoutId, tiles: state.tiles, tourId: state.tourId };
        if (s.version !== null) body.ifVersion = s.version;
        try {
          note(s, await api.put(n, body));
          return { status: "saved" };
        } catch (err) {
          if (!isConflict(err)) throw err;
          note(s, await api.get(n));
          return { status: "conflict", latest: fromWire(s.newest!) };
        }
      };
      // One save at a time per screen: each PUT carries the version the previous one produced.
      const result = s.chain.then(run, run);
      s.chain = result.catch(() => {});
      return result.finally(() => {
        s.pending -= 1;
        if (s.pending === 0 && s.held) deliver(s);
      });
    },

    subscribe: (n, onChange) => {
      const s = of(n);
      s.listeners.add(onChange);
      s.unfeed ??= feed.subscribe(n, (wire) => {
        if (!note(s, wire)) return;
        // While our own PUTs are in flight their echoes would briefly undo the later local edits.
        if (s.pending > 0) s.held = true;
        else deliver(s);
      });
      return () => {
        s.listeners.delete(onChange);
        if (s.listeners.size > 0) return;
        s.unfeed?.();
        s.unfeed = null;
      };
    },
  };
}
