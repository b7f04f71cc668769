// The kill -9 scenario for the feeds, shared by the journal and Redis tests: a real gateway process,
// a burst of signed alarms with concurrency, SIGKILL once some are answered, a restart on the same
// data, then: every sourceId answered 2xx before the kill is there exactly once, and re-posting every
// sourceId (answered or in flight) creates no second alarm.
import { expect } from "vitest";
import { type GatewayProcess, removeDataDir, startGateway } from "../../../../e2e/support/gateway";
import { alarmBody, postFeed } from "../feeds-http/signed";

export interface BurstResult {
  acked: Map<string, string>;
  inFlight: string[];
}

async function burst(g: GatewayProcess, total: number, killAfter: number, concurrency: number): Promise<BurstResult> {
  const acked = new Map<string, string>();
  const attempted = new Set<string>();
  let next = 0;
  let killed: Promise<void> | null = null;
  const worker = async () => {
    while (next < total && killed === null) {
      const sourceId = `burst-${next++}`;
      attempted.add(sourceId);
      try {
        const res = await postFeed(g.url, "pj", "alarms", JSON.stringify(alarmBody(sourceId, { severity: 3 })));
        if (res.status === 202) {
          acked.set(sourceId, ((await res.json()) as { id: string }).id);
          if (acked.size >= killAfter) killed ??= g.stop("SIGKILL");
        } else await res.arrayBuffer();
      } catch {
        // The connection died with the process: in flight, unknown outcome.
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await killed;
  return { acked, inFlight: [...attempted].filter((s) => !acked.has(s)) };
}

/** Logs in as the demo duty officer (e2e password); the session cookie. */
export async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "duty", password: "e2e-pass" }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

async function alarmsBySource(url: string, cookie: string): Promise<Map<string, string[]>> {
  const res = await fetch(`${url}/api/v1/alarms?limit=1000`, { headers: { cookie } });
  const { alarms } = (await res.json()) as { alarms: Array<{ id: string; sourceId: string }> };
  const out = new Map<string, string[]>();
  for (const a of alarms) out.set(a.sourceId, [...(out.get(a.sourceId) ?? []), a.id]);
  return out;
}

export async function killDuringBurst(env: Record<string, string>): Promise<void> {
  const g = await startGateway({ SIM: "0", FEED_SIM: "0", ...env });
  let restarted: GatewayProcess | null = null;
  try {
    const { acked, inFlight } = await burst(g, 400, 60, 16);
    expect(acked.size).toBeGreaterThanOrEqual(60);
    restarted = await startGateway({}, g);
    const cookie = await login(restarted.url);
    const before = await alarmsBySource(restarted.url, cookie);
    for (const [sourceId, id] of acked) expect(before.get(sourceId), sourceId).toEqual([id]);
    // Client retries after the kill: the answered ones are duplicates; the in-flight ones at most once.
    for (const sourceId of [...acked.keys(), ...inFlight]) {
      const res = await postFeed(restarted.url, "pj", "alarms", JSON.stringify(alarmBody(sourceId, { severity: 3 })));
      expect(res.status).toBe(202);
      const answer = (await res.json()) as { id: string; duplicate: boolean };
      if (acked.has(sourceId)) expect(answer).toEqual({ id: acked.get(sourceId), duplicate: true });
    }
    const after = await alarmsBySource(restarted.url, cookie);
    for (const sourceId of [...acked.keys(), ...inFlight]) expect(after.get(sourceId), sourceId).toHaveLength(1);
  } finally {
    await (restarted ?? g).stop();
    await g.stop();
    removeDataDir(g);
  }
}
