// A bureau and one edge as real gateway processes on 127.0.0.1 (the edge's UPPER_URL is the bureau),
// and what the uplink tests read: the edge's GET /api/v1/uplink, the bureau's journal (the order and the
// count of what it recorded). Every start has its stop: close() stops both and removes their data.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { type GatewayProcess, removeDataDir, startGateway } from "../../../../e2e/support/gateway";
import { login } from "../control/burst";
import { alarmBody, demoKey, postFeed } from "../feeds-http/signed";

export { login };

export const quiet = { SIM: "0", FEED_SIM: "0" };

export interface Province {
  bureau: GatewayProcess;
  edge: GatewayProcess;
  close(): Promise<void>;
}

/** The edge forwards to the bureau as pj (its feed key); `edgeEnv` adds to the edge's environment. */
export async function startProvince(edgeEnv: Record<string, string> = {}): Promise<Province> {
  const bureau = await startGateway(quiet);
  const edge = await startGateway({ ...quiet, UPPER_URL: bureau.url, UPPER_FEED_KEY: demoKey("pj"), ...edgeEnv }).catch(
    async (err: unknown) => {
      await bureau.stop();
      removeDataDir(bureau);
      throw err;
    },
  );
  const p: Province = {
    bureau,
    edge,
    async close() {
      await Promise.all([p.edge.stop(), p.bureau.stop()]);
      removeDataDir(p.edge);
      removeDataDir(p.bureau);
    },
  };
  return p;
}

const cookies = new Map<string, string>();

export async function uplinkState(
  edgeUrl: string,
): Promise<Record<string, unknown> & { queued: number; delivered: number }> {
  for (let attempt = 0; ; attempt++) {
    const cookie = cookies.get(edgeUrl) ?? (await login(edgeUrl));
    cookies.set(edgeUrl, cookie);
    const res = await fetch(`${edgeUrl}/api/v1/uplink`, { headers: { cookie } });
    if (res.status === 401 && attempt === 0) {
      cookies.delete(edgeUrl); // the edge restarted: its sessions are its own
      continue;
    }
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown> & { queued: number; delivered: number };
  }
}

/** Waits until f() is true (generous: the machine is shared); fails with what it last saw. */
export async function until(f: () => Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await f())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function drained(edgeUrl: string): Promise<void> {
  await until(async () => (await uplinkState(edgeUrl)).queued === 0, "the edge's uplink queue to drain");
}

/** Posts alarms to the edge's own feed (pj), one after the other; returns the edge's alarm ids in order. */
export async function raiseAtEdge(edgeUrl: string, sourceIds: readonly string[], extra: Record<string, unknown> = {}) {
  const ids: string[] = [];
  for (const sourceId of sourceIds) {
    const res = await postFeed(edgeUrl, "pj", "alarms", JSON.stringify(alarmBody(sourceId, { severity: 3, ...extra })));
    expect(res.status).toBe(202);
    ids.push(((await res.json()) as { id: string }).id);
  }
  return ids;
}

export interface Recorded {
  sourceId: string;
  prisonId: string;
  type: string;
  cameraId: string | null;
  occurredAt: number;
}

/** Posts one roll-call report to the edge's own feed (pj, block pj-b1, wake-up); returns the edge's report id. */
export async function reportAtEdge(edgeUrl: string, sourceId: string): Promise<string> {
  const now = Date.now();
  const body = {
    sourceId,
    blockId: "pj-b1",
    checkpoint: "wake_up",
    scheduledAt: now - 60_000,
    reportedAt: now - 1_000,
  };
  const res = await postFeed(edgeUrl, "pj", "rollcalls", JSON.stringify({ ...body, expected: 12, present: 12 }));
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

/** The roll-call reports a gateway's journal holds: `at` (when it recorded it) and the report. */
export function journalReports(g: GatewayProcess): Array<{ at: number; data: Record<string, unknown> }> {
  const text = readFileSync(join(g.dataDir, "journal", "events.jsonl"), "utf8");
  return text
    .split("\n")
    .filter((line) => line.includes('"rollcall.reported"'))
    .map((line) => JSON.parse(line) as { type: string; at: number; data: Record<string, unknown> })
    .filter((row) => row.type === "rollcall.reported");
}

/** The alarms the bureau's journal holds, in the order it recorded them (its own log: the ground truth). */
export function bureauAlarms(bureau: GatewayProcess): Recorded[] {
  const text = readFileSync(join(bureau.dataDir, "journal", "events.jsonl"), "utf8");
  const out: Recorded[] = [];
  for (const line of text.split("\n")) {
    if (!line.includes('"alarm.raised"')) continue;
    const row = JSON.parse(line) as { type: string; data: Recorded };
    if (row.type === "alarm.raised") out.push(row.data);
  }
  return out;
}

/** Each expected edge alarm id recorded exactly once at the bureau, in this order. */
export function expectOnceInOrder(bureau: GatewayProcess, edgeIds: readonly string[]): void {
  const recorded = bureauAlarms(bureau).map((a) => a.sourceId);
  const wanted = new Set(edgeIds.map((id) => `edge:${id}`));
  const mine = recorded.filter((s) => wanted.has(s));
  expect(new Set(mine).size, "duplicates at the bureau").toBe(mine.length);
  expect(mine).toEqual(edgeIds.map((id) => `edge:${id}`));
}
