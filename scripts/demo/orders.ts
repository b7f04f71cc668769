// Demo orders (指令): one half signed (some prisons signed through their own operator sessions, one
// reported back), one already overdue and escalated, one done. Owns the orders' content and who answers.
// Never: signs for a unit through anything but that prison's operator session.
import { HOUR_MS } from "@cw/alerts";
import { zOrderViewWire } from "@cw/protocol";
import { Session } from "./client";

export interface DemoOrders {
  halfSigned: string;
  overdue: string;
  done: string;
}

const OVERDUE_AFTER_MS = 4000;

async function answer(
  baseUrl: string,
  password: string,
  orderId: string,
  unitId: string,
  prisonId: string,
  feedback: string | null,
): Promise<void> {
  const op = await Session.open(baseUrl, `operator-${prisonId}`, password);
  const base = `/api/v1/orders/${orderId}/targets/${unitId}`;
  await op.post(`${base}/sign`, { note: "" }, zOrderViewWire);
  if (feedback !== null) await op.post(`${base}/feedback`, { text: feedback }, zOrderViewWire);
}

export async function postOrders(
  baseUrl: string,
  commander: Session,
  password: string,
  /** The gateway's clock (deadlines are set on it). */
  now: () => number,
): Promise<DemoOrders> {
  const issue = (body: Record<string, unknown>) =>
    commander.post("/api/v1/orders", body, zOrderViewWire).then((o) => o.id);

  const done = await issue({
    title: "春节期间安全稳定工作部署",
    body: "各单位于今日内完成节日期间值班安排并报局指挥中心备案。",
    category: "information",
    targets: ["dd", "cy"],
    signDeadline: now() + 2 * HOUR_MS,
    feedbackDeadline: now() + 8 * HOUR_MS,
  });
  await answer(baseUrl, password, done, "dd", "dd", "值班表已报送，节日期间每日零点报平安。");
  await answer(baseUrl, password, done, "cy", "cy", "已完成值班安排，领导带班到位。");

  const overdue = await issue({
    title: "报送本周安全生产检查情况",
    category: "production_safety",
    targets: ["pj-b2", "ly1", "fs"],
    signDeadline: now() + OVERDUE_AFTER_MS,
  });

  const halfSigned = await issue({
    title: "加强夜间巡查",
    body: "即日起各监区落实夜间双人双岗，每两小时巡查一次，发现异常立即报告。",
    priority: "urgent",
    category: "custody_security",
    targets: ["pj", "sy1", "jz", "as", "yk", "tl"],
    signDeadline: now() + 2 * HOUR_MS,
    feedbackDeadline: now() + 6 * HOUR_MS,
  });
  await answer(baseUrl, password, halfSigned, "pj", "pj", "已部署，今晚起落实双人双岗。");
  await answer(baseUrl, password, halfSigned, "sy1", "sy1", null);
  await answer(baseUrl, password, halfSigned, "jz", "jz", null);

  // The overdue order's deadline passes while the rest is seeded; wait for its red light to be logged.
  const deadline = Date.now() + OVERDUE_AFTER_MS + 20_000;
  for (;;) {
    const o = await commander.get(`/api/v1/orders/${overdue}`, zOrderViewWire);
    if (o.rows.every((r) => r.signLight === "red" && r.escalatedTo.length > 0)) break;
    if (Date.now() > deadline) throw new Error(`order ${overdue} did not turn red: ${JSON.stringify(o.totals)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { halfSigned, overdue, done };
}
