// How long each live view lasted, for the audit trail ("who viewed which camera when and for how long"):
// a view starts at its play URL's first playlist request (view.started) and ends when the URL has not been
// used for `quietMs` (players fetch parts several times a second and sub-stream playlists every couple of
// seconds; a closed tile goes quiet). Pure state with an injected clock; the feature sweeps it on a timer
// and logs each ended view (view.ended).

export interface ViewMeta {
  username: string;
  cameraId: string;
  prisonId: string;
  variant: "main" | "sub";
}

export interface EndedView extends ViewMeta {
  startedAt: number;
  /** The view's last request. */
  endedAt: number;
}

interface Open extends ViewMeta {
  startedAt: number;
  lastAt: number;
}

export class ViewTracker {
  private readonly open = new Map<string, Open>();

  constructor(
    private readonly quietMs: number,
    private readonly now: () => number,
  ) {}

  /** A view began (the play URL `key`'s first playlist). */
  started(key: string, meta: ViewMeta): void {
    const at = this.now();
    this.open.set(key, { ...meta, startedAt: at, lastAt: at });
  }

  /** Any request of the play URL `key` (a view not started is ignored). */
  seen(key: string): void {
    const v = this.open.get(key);
    if (v) v.lastAt = this.now();
  }

  /** The views quiet for `quietMs`, removed; each ends at its last request. */
  sweep(): EndedView[] {
    const now = this.now();
    const ended: EndedView[] = [];
    for (const [key, v] of this.open) {
      if (now - v.lastAt < this.quietMs) continue;
      this.open.delete(key);
      const { lastAt, ...rest } = v;
      ended.push({ ...rest, endedAt: lastAt });
    }
    return ended;
  }

  /** Every open view, ended now (the gateway is stopping). */
  endAll(): EndedView[] {
    const ended = [...this.open.values()].map(({ lastAt, ...rest }) => ({ ...rest, endedAt: lastAt }));
    this.open.clear();
    return ended;
  }

  get size(): number {
    return this.open.size;
  }
}
