// Demo alarms: a morning's worth of alarms across the province, some handled by the duty officer, the
// rest open in every light. Owns: the alarm list, the alert policy that gives each severity a light that
// holds still for hours (so pages and screenshots are stable), and posting + handling through the API.
// An acknowledgement obligation runs from when the gateway RAISED the alarm (not the feed's occurredAt),
// so a past occurredAt only dates the alarm; the lights come from the thresholds below.
// Never: touches the gateway but through the signed feed and the duty routes.
import { type AlertsPolicy, HOUR_MS, MINUTE_MS, type Severity } from "@cw/alerts";
import { zAlarmList, zAlarmView } from "@cw/protocol";
import { inBatches, postFeed, type Session } from "./client";

const toCommander = [{ afterMs: 0, to: "commander" as const }];

/**
 * Severity 1 escalates (red + the commander's queue) within 2 s, 2 goes red but escalates only after
 * 12 h, 3 stays yellow, 4 green: after a 2 s wait the queue shows every light and keeps it all day.
 */
export const demoAlertPolicy: AlertsPolicy["obligations"]["alarmAck"] = {
  1: { yellowMs: 1000, redMs: 2000, escalation: toCommander },
  2: { yellowMs: 1000, redMs: 2000, escalation: [{ afterMs: 12 * HOUR_MS, to: "commander" }] },
  3: { yellowMs: 1000, redMs: 12 * HOUR_MS, escalation: toCommander },
  4: { yellowMs: 12 * HOUR_MS, redMs: 24 * HOUR_MS, escalation: toCommander },
};

type Handling = { ack: string } | { resolve: "real" | "false_alarm" | "handled"; note: string } | null;

interface DemoAlarm {
  prisonId: string;
  /** Block / sub-block / camera suffixes under the prison: "b1", "b1-s2", "b1-s2-cell", or "gate". */
  at: string;
  type: string;
  severity: Severity;
  title: string;
  minutesAgo: number;
  handling: Handling;
}

const a = (
  prisonId: string,
  at: string,
  type: string,
  severity: Severity,
  title: string,
  minutesAgo: number,
  handling: Handling = null,
): DemoAlarm => ({ prisonId, at, type, severity, title, minutesAgo, handling });

const handled = (note: string): Handling => ({ resolve: "handled", note });

// Oldest first: the last severity 1–2 alarm with a camera takes screen 1's alarm tile.
export const demoAlarms: DemoAlarm[] = [
  a("sy2", "b2-s1-workshop", "absence_from_post", 4, "车间民警离岗", 190, handled("已到岗")),
  a("as", "b1-s1-canteen", "gathering", 3, "食堂人员聚集", 170, { resolve: "false_alarm", note: "正常就餐排队" }),
  a("wfd", "perimeter-n", "perimeter_intrusion", 1, "北周界入侵报警", 150, handled("巡逻组确认为飞鸟")),
  a("lnnv", "b2-s2-cell", "video_tamper", 3, "监舍摄像机遮挡", 140, { ack: "已通知监区处理" }),
  a("yk", "b3-s1-yard", "fall", 2, "操场人员跌倒", 120, { ack: "医务人员已到场" }),
  a("cy", "b1-s2-cell", "fighting", 2, "监舍打架斗殴", 95, handled("已制止，涉事人员隔离")),
  a("tl", "b2", "emergency_button", 1, "一键报警", 80, { ack: "监区长已到现场" }),
  a("dlngl", "b1-s1-workshop", "fire_smoke", 2, "习艺车间烟雾报警", 70, { resolve: "false_alarm", note: "焊接作业" }),
  a("fs", "b4-s1-yard", "gathering", 3, "出操队列聚集", 60),
  a("ly1", "gate-ab", "door_forced", 2, "AB门强行开启", 55),
  a("jz", "b2-s1-canteen", "absence_from_post", 4, "食堂值守民警离岗", 50),
  a("sy1", "b3-s2-cell", "climbing", 2, "监舍攀爬报警", 45),
  a("dd", "b1", "video_loss", 3, "摄像机信号中断", 40),
  a("ly2", "perimeter-w", "perimeter_intrusion", 1, "西周界入侵报警", 34),
  a("as", "b2-s2-workshop", "absence_from_post", 4, "习艺车间民警离岗", 30),
  a("yk", "b1-s1-cell", "gathering", 3, "监舍人员聚集", 26),
  a("fx", "b2-s1-yard", "fighting", 2, "操场打架斗殴", 22),
  a("wfd", "b3-s2-canteen", "other", 4, "就餐秩序异常", 18),
  a("lnnv", "b1-s1-cell", "fall", 3, "监舍人员倒地", 15),
  a("sy2", "b4-s2-cell", "emergency_button", 1, "监舍一键报警", 12),
  a("cy", "b2-s1-workshop", "absence_from_post", 4, "习艺车间民警离岗", 9),
  a("tl", "b1-s2-yard", "gathering", 3, "操场人员聚集", 6),
  a("jz", "b1-s1-yard", "climbing", 1, "操场攀爬周界网", 4),
  a("pj", "b1-s1-cell", "fighting", 2, "监舍打架斗殴", 2),
];

function placeOf(prisonId: string, at: string): Record<string, string> {
  const parts = at.split("-");
  const id = (n: number) => `${prisonId}-${parts.slice(0, n).join("-")}`;
  if (!/^b\d+$/.test(parts[0] ?? "")) return { cameraId: `${prisonId}-${at}` };
  if (parts.length === 1) return { blockId: id(1) };
  if (parts.length === 2) return { blockId: id(1), subBlockId: id(2) };
  return { blockId: id(1), subBlockId: id(2), cameraId: id(3) };
}

/** Posts the demo alarms (in order), then has the duty officer handle some. Returns the alarm ids. */
export async function postAlarms(baseUrl: string, duty: Session, now: number, clockOffsetMs = 0): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, d] of demoAlarms.entries()) {
    const record = {
      sourceId: `demo-alarm-${now}-${i}`,
      type: d.type,
      severity: d.severity,
      occurredAt: now - d.minutesAgo * MINUTE_MS,
      title: d.title,
      ...placeOf(d.prisonId, d.at),
    };
    ids.push((await postFeed(baseUrl, d.prisonId, "alarms", record, clockOffsetMs)).id);
  }
  await inBatches(
    demoAlarms.map((d, i) => ({ d, id: ids[i]! })),
    4,
    async ({ d, id }) => {
      if (d.handling === null) return;
      if ("ack" in d.handling) await duty.post(`/api/v1/alarms/${id}/ack`, { note: d.handling.ack }, zAlarmView);
      else {
        const body = { disposition: d.handling.resolve, note: d.handling.note };
        await duty.post(`/api/v1/alarms/${id}/resolve`, body, zAlarmView);
      }
    },
  );
  return ids;
}

/** Resolves when every open alarm shows the light its severity is meant to hold (a few seconds). */
export async function settleAlarmLights(duty: Session, timeoutMs = 30_000): Promise<void> {
  const want = new Map([
    [1, { light: "red", escalated: true }],
    [2, { light: "red", escalated: false }],
    [3, { light: "yellow", escalated: false }],
    [4, { light: "green", escalated: false }],
  ]);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { alarms } = await duty.get("/api/v1/alarms?state=open&limit=1000", zAlarmList);
    const behind = alarms.filter((x) => {
      const w = want.get(x.severity);
      return w !== undefined && (x.light !== w.light || x.escalatedTo.length > 0 !== w.escalated);
    });
    if (behind.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`alarm lights did not settle: ${behind.map((x) => `${x.id} ${x.light}`).join(", ")}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
