// The uplink's Prometheus gauges and counters on the gateway's registry, read from the forwarder's
// status at scrape time (no bookkeeping of its own). Returns what removes them (a test's gateway stops).
import { Gauge, type Registry } from "prom-client";
import type { UplinkStatus } from "./forwarder";

export function uplinkMetrics(registry: Registry, status: () => UplinkStatus): () => void {
  const names: string[] = [];
  const gauge = (name: string, help: string, read: (s: UplinkStatus) => number) => {
    names.push(name);
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read(status()));
      },
    });
  };
  gauge("cw_uplink_queued", "Alarms and roll calls waiting to be forwarded to the bureau", (s) => s.queued);
  gauge("cw_uplink_link_up", "1 when the bureau answered the last request or probe, else 0", (s) =>
    s.link === "up" ? 1 : 0,
  );
  gauge("cw_uplink_delivered", "Records the bureau acknowledged since start", (s) => s.delivered);
  gauge("cw_uplink_duplicates", "Of those, re-sends the bureau already had (answered duplicate)", (s) => s.duplicates);
  gauge("cw_uplink_rejected", "Records the bureau refused for good since start (skipped, logged)", (s) => s.rejected);
  gauge("cw_uplink_cursor_seq", "Edge event seq acknowledged by the bureau (the durable cursor)", (s) => s.cursor);
  gauge("cw_uplink_last_contact_seconds", "Unix time the bureau last answered (0: never)", (s) =>
    s.lastContactAt === null ? 0 : s.lastContactAt / 1000,
  );
  return () => {
    for (const n of names) registry.removeSingleMetric(n);
  };
}
