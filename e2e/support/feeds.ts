// Signed alarm feeds as a prison system posts them (the demo key of the prison, DEMO_FEED_SECRET "demo").
import { createHmac } from "node:crypto";
import { expect } from "@playwright/test";

let seq = 0;

/** Posts a signed alarm through the public feeds API; returns the alarm id. */
export async function postAlarm(baseUrl: string, prisonId: string, body: Record<string, unknown>): Promise<string> {
  const key = createHmac("sha256", "demo").update(prisonId).digest("hex");
  const raw = JSON.stringify({ sourceId: `e2e-${Date.now()}-${++seq}`, occurredAt: Date.now(), ...body });
  const ts = String(Date.now());
  const sig = `sha256=${createHmac("sha256", key).update(`${ts}.${raw}`).digest("hex")}`;
  const res = await fetch(`${baseUrl}/api/v1/feeds/${prisonId}/alarms`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-feed-timestamp": ts, "x-feed-signature": sig },
    body: raw,
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}
