// The overview the pages render: the live topic's latest (coalesced by the gateway), else one fetch
// while the socket has not delivered yet; plus the prisons (names, positions) and marker pulses.

import type { Overview, PrisonStatus } from "@cw/protocol";
import { useEffect, useMemo, useRef, useState } from "react";
import { z } from "zod";
import { requestParsed } from "../api/http";
import { useLive } from "../live/LiveProvider";
import { prisonPosition, type XY } from "./geo";
import { overviewApi } from "./overviewApi";
import { nextPulses } from "./pulse";

const zPrisons = z.array(
  z.object({ id: z.string(), name: z.string(), location: z.object({ lng: z.number(), lat: z.number() }).nullable() }),
);

/** What the overview pages hear on the live socket (useLiveTopics). */

export interface MapPrison {
  id: string;
  name: string;
  position: XY;
  status: PrisonStatus;
}

export function useOverview(): Overview | null {
  const live = useLive((s) => s.overview);
  const [fetched, setFetched] = useState<Overview | null>(null);
  const waiting = live === null;
  useEffect(() => {
    if (!waiting) return;
    let alive = true;
    overviewApi
      .overview()
      .then((o) => alive && setFetched(o))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [waiting]);
  return live ?? fetched;
}

/** Retry delays for the prisons' names and positions: a failed fetch must not leave the map empty. */
const PRISONS_RETRY_MS = [1000, 2000, 5000, 10_000];

export function usePrisons(): Array<{ id: string; name: string; position: XY | null }> {
  const [prisons, setPrisons] = useState<Array<{ id: string; name: string; position: XY | null }>>([]);
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = (attempt: number) => {
      requestParsed(zPrisons, "/api/v1/prisons")
        .then(
          (ps) =>
            alive &&
            setPrisons(ps.map((p) => ({ id: p.id, name: p.name, position: prisonPosition(p.id, p.location) }))),
        )
        .catch(() => {
          if (!alive) return;
          const wait = PRISONS_RETRY_MS[Math.min(attempt, PRISONS_RETRY_MS.length - 1)];
          timer = setTimeout(() => load(attempt + 1), wait);
        });
    };
    load(0);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, []);
  return prisons;
}

/** Prisons with a position and a status, in catalogue order. */
export function useMapPrisons(overview: Overview | null): MapPrison[] {
  const prisons = usePrisons();
  return useMemo(() => {
    const byId = new Map((overview?.prisons ?? []).map((s) => [s.prisonId, s]));
    const out: MapPrison[] = [];
    for (const p of prisons) {
      const status = byId.get(p.id);
      if (p.position && status) out.push({ id: p.id, name: p.name, position: p.position, status });
    }
    return out;
  }, [prisons, overview]);
}

/** Pulse start times (performance.now()) for prisons whose newest alarm just changed. */
export function usePulses(overview: Overview | null): Record<string, number> {
  const prev = useRef<PrisonStatus[] | null>(null);
  const [pulses, setPulses] = useState<Record<string, number>>({});
  useEffect(() => {
    if (!overview) return;
    setPulses((p) => nextPulses(p, prev.current, overview.prisons, performance.now()));
    prev.current = overview.prisons;
  }, [overview]);
  return pulses;
}
