// The overview the pages render: the live topic's latest (coalesced by the gateway), else one fetch
// while the socket has not delivered yet; plus the prisons (names, positions) and marker pulses.

import type { Overview, PrisonStatus } from "@cw/protocol";
import { useEffect, useMemo, useRef, useState } from "react";
import { z } from "zod";
import { requestParsed } from "../api/http";
import { fetchUntilAnswered } from "../api/retry";
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
  // Until the socket delivers, one fetch — tried again if it fails (the live topic may take a while).
  useEffect(() => (waiting ? fetchUntilAnswered(() => overviewApi.overview(), setFetched) : undefined), [waiting]);
  return live ?? fetched;
}

export function usePrisons(): Array<{ id: string; name: string; position: XY | null }> {
  const [prisons, setPrisons] = useState<Array<{ id: string; name: string; position: XY | null }>>([]);
  useEffect(
    () =>
      fetchUntilAnswered(
        () => requestParsed(zPrisons, "/api/v1/prisons"),
        (ps) => setPrisons(ps.map((p) => ({ id: p.id, name: p.name, position: prisonPosition(p.id, p.location) }))),
      ),
    [],
  );
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
