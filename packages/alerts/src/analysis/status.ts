// The map's view of each prison at `now`: open alarms by severity, video losses, obligations red now,
// the newest alarm (the wall pulses a marker when it changes) and the worst of these as one level.
// Pure: `now` is an argument (a deadline turns red by time alone, before any event says so).
import type { PrisonLevel, PrisonLink, PrisonStatus } from "@cw/protocol";
import type { FiguresState } from "./state";

/** Worst first: a severity 1–2 alarm outranks a lost picture, which outranks an overdue duty. */
export function levelOf(openBySeverity: Readonly<Record<string, number>>, videoLoss: number, red: number): PrisonLevel {
  const sev = (k: string) => (openBySeverity[k] ?? 0) > 0;
  if (sev("1")) return "sev1";
  if (sev("2")) return "sev2";
  if (videoLoss > 0) return "video_loss";
  if (red > 0) return "red_obligation";
  if (sev("3")) return "sev3";
  if (sev("4")) return "sev4";
  return "ok";
}

/** Open obligations whose red threshold has passed, per prison. */
export function redNow(s: FiguresState, now: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of s.openDeadlines.values()) {
    if (d.red || d.redAt <= now) out.set(d.prisonId, (out.get(d.prisonId) ?? 0) + 1);
  }
  return out;
}

/** Per prison: the blocks' latest roll calls summed (a whole-block report wins over its sub-blocks'). */
export function headcounts(s: FiguresState): Map<string, { expected: number; present: number; at: number }> {
  const out = new Map<string, { expected: number; present: number; at: number }>();
  for (const b of s.headcount.values()) {
    const parts = b.parts[""] !== undefined ? [b.parts[""]] : Object.values(b.parts);
    const cur = out.get(b.prisonId) ?? { expected: 0, present: 0, at: 0 };
    for (const p of parts) {
      cur.expected += p.expected;
      cur.present += p.present;
    }
    cur.at = Math.max(cur.at, b.reportedAt);
    out.set(b.prisonId, cur);
  }
  return out;
}

/** One status per prison id given (the catalogue's prisons, in its order); `link` tells each prison's edge link. */
export function prisonStatuses(
  s: FiguresState,
  prisonIds: readonly string[],
  now: number,
  link: (prisonId: string) => PrisonLink = () => null,
): PrisonStatus[] {
  const red = redNow(s, now);
  const heads = headcounts(s);
  return prisonIds.map((prisonId) => {
    const live = s.live.get(prisonId);
    const openBySeverity: Record<string, number> = {};
    for (const k of ["1", "2", "3", "4"]) {
      const v = live?.get(`u:${k}`) ?? 0;
      if (v > 0) openBySeverity[k] = v;
    }
    const videoLoss = live?.get("vl") ?? 0;
    const redObligations = red.get(prisonId) ?? 0;
    const last = s.lastAlarm.get(prisonId);
    return {
      prisonId,
      level: levelOf(openBySeverity, videoLoss, redObligations),
      link: link(prisonId),
      openBySeverity,
      redObligations,
      videoLoss,
      pendingOrders: live?.get("op") ?? 0,
      headcount: heads.get(prisonId) ?? null,
      lastAlarmId: last?.id ?? null,
      lastAlarmAt: last?.at ?? null,
    };
  });
}
