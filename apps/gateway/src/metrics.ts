// Prometheus metrics on the gateway's own prom-client Registry (no global default registry, so two
// gateways in one test process do not collide). Stream gauges are read from the StreamRegistry at
// scrape time; counters the gateway owns are incremented where the work happens.

import { streamStates } from "@cw/protocol";
import type { StreamRegistry } from "@cw/streams";
import { Counter, Gauge, Histogram, Registry } from "prom-client";

export interface Metrics {
  readonly registry: Registry;
  readonly httpDuration: Histogram<"route" | "method" | "status">;
  readonly bytesOut: Counter;
  readonly eventsAppended: Counter;
  render(): Promise<string>;
  readonly contentType: string;
}

export interface MetricSources {
  streams: () => StreamRegistry;
  wsClients: () => number;
}

export function createMetrics(src: MetricSources): Metrics {
  const registry = new Registry();
  new Gauge({
    name: "cw_streams",
    help: "Active streams by state",
    labelNames: ["state"],
    registers: [registry],
    collect() {
      const counts = new Map<string, number>(streamStates.map((s) => [s, 0]));
      for (const h of src.streams().health()) counts.set(h.state, (counts.get(h.state) ?? 0) + 1);
      for (const [state, n] of counts) this.set({ state }, n);
    },
  });
  new Gauge({
    name: "cw_stream_viewers",
    help: "Viewers across all active streams",
    registers: [registry],
    collect() {
      this.set(
        src
          .streams()
          .health()
          .reduce((n, h) => n + h.viewers, 0),
      );
    },
  });
  // The media plane keeps its own running totals; expose them as counters by adding the difference.
  let lastIn = 0;
  let lastErrors = 0;
  new Counter({
    name: "cw_bytes_in_total",
    help: "Media bytes received from cameras",
    registers: [registry],
    collect() {
      const v = src.streams().stats().bytesIn;
      if (v > lastIn) this.inc(v - lastIn);
      lastIn = Math.max(lastIn, v);
    },
  });
  new Counter({
    name: "cw_packager_errors_total",
    help: "Packager errors (bad access units, codec changes it could not follow)",
    registers: [registry],
    collect() {
      const v = src.streams().stats().packagerErrors;
      if (v > lastErrors) this.inc(v - lastErrors);
      lastErrors = Math.max(lastErrors, v);
    },
  });
  new Gauge({
    name: "cw_transcodes",
    help: "H.264 transcodes running (of H.265 cameras, for browsers without an HEVC decoder)",
    registers: [registry],
    collect() {
      this.set(src.streams().stats().transcodes.running);
    },
  });
  new Gauge({
    name: "cw_transcode_budget",
    help: "Transcodes allowed at once (TRANSCODE_MAX)",
    registers: [registry],
    collect() {
      this.set(src.streams().stats().transcodes.max);
    },
  });
  new Gauge({
    name: "cw_ws_clients",
    help: "Connected live WebSocket clients",
    registers: [registry],
    collect() {
      this.set(src.wsClients());
    },
  });
  const bytesOut = new Counter({
    name: "cw_bytes_out_total",
    help: "HLS bytes sent to viewers (playlists, init, segments, parts)",
    registers: [registry],
  });
  const eventsAppended = new Counter({
    name: "cw_events_appended_total",
    help: "Events appended to the event log",
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: "cw_http_request_duration_seconds",
    help: "HTTP request duration by route pattern",
    labelNames: ["route", "method", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    registry,
    httpDuration,
    bytesOut,
    eventsAppended,
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
