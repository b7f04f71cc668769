// The demo's alarm mix, as a prison's video analytics and alarm systems send it: mostly severity 3-4
// (a post left unattended, people gathering, a covered lens), rarely severity 1-2 (perimeter intrusion,
// fighting, the emergency button). Titles and descriptions in Chinese, as the source systems write
// them. Pure: randomness and time are arguments.
import type { AlarmFeedInput, AlarmType, Severity } from "@cw/alerts";
import type { SimCamera, SimPrison } from "./model";
import { between, pick, type Rng, weighted } from "./rng";

interface MixEntry {
  type: AlarmType;
  severity: Severity;
  weight: number;
  /** Camera kinds this alarm comes from; empty = any camera. */
  kinds: readonly string[];
  title: string;
  describe(rng: Rng): string;
}

export const alarmMix: readonly MixEntry[] = [
  {
    type: "absence_from_post",
    severity: 3,
    weight: 28,
    kinds: ["corridor", "cell", "gate", "workshop"],
    title: "民警离岗",
    describe: (r) => `值班岗位无人已超过${between(r, 3, 12)}分钟`,
  },
  {
    type: "gathering",
    severity: 3,
    weight: 24,
    kinds: ["yard", "canteen", "workshop", "cell"],
    title: "人员聚集",
    describe: (r) => `检测到${between(r, 6, 15)}人聚集，持续${between(r, 2, 6)}分钟`,
  },
  {
    type: "video_tamper",
    severity: 4,
    weight: 18,
    kinds: [],
    title: "视频遮挡",
    describe: (r) => pick(r, ["画面被遮挡", "镜头移位，画面偏离监控区域", "画面亮度异常"]) ?? "画面被遮挡",
  },
  {
    type: "other",
    severity: 4,
    weight: 11,
    kinds: ["workshop", "canteen", "corridor"],
    title: "物品遗留",
    describe: (r) => `检测到物品遗留超过${between(r, 5, 20)}分钟`,
  },
  {
    type: "fall",
    severity: 3,
    weight: 9,
    kinds: ["cell", "yard", "workshop", "corridor"],
    title: "人员倒地",
    describe: (r) => `检测到人员倒地超过${between(r, 20, 90)}秒`,
  },
  {
    type: "fighting",
    severity: 2,
    weight: 3,
    kinds: ["yard", "cell", "workshop", "canteen"],
    title: "疑似打架斗殴",
    describe: (r) => `检测到${between(r, 2, 4)}人剧烈肢体冲突`,
  },
  {
    type: "door_forced",
    severity: 2,
    weight: 2,
    kinds: ["gate", "corridor", "cell"],
    title: "门禁异常开启",
    describe: () => "门禁未经授权开启",
  },
  {
    type: "emergency_button",
    severity: 1,
    weight: 2,
    kinds: ["cell", "workshop", "corridor"],
    title: "一键报警",
    describe: () => "现场民警触发一键报警",
  },
  {
    type: "perimeter_intrusion",
    severity: 1,
    weight: 2,
    kinds: ["perimeter"],
    title: "周界入侵",
    describe: (r) => `周界${pick(r, ["东", "南", "西", "北"]) ?? "东"}侧电子围栏报警`,
  },
  {
    type: "climbing",
    severity: 1,
    weight: 1,
    kinds: ["perimeter", "yard"],
    title: "攀爬报警",
    describe: () => "检测到人员攀爬围墙",
  },
];

function cameraFor(rng: Rng, prison: SimPrison, kinds: readonly string[]): SimCamera | undefined {
  const fitting = kinds.length === 0 ? prison.cameras : prison.cameras.filter((c) => kinds.includes(c.kind));
  return pick(rng, fitting.length > 0 ? fitting : prison.cameras);
}

/** One realistic alarm from `prison`, with ids from its catalogue. */
export function makeAlarm(rng: Rng, prison: SimPrison, sourceId: string, now: number): AlarmFeedInput {
  const entry = weighted(rng, alarmMix) ?? alarmMix[0];
  if (entry === undefined) throw new Error("empty alarm mix");
  const camera = cameraFor(rng, prison, entry.kinds);
  const block = camera === undefined ? pick(rng, prison.blocks) : undefined;
  return {
    sourceId,
    type: entry.type,
    severity: entry.severity,
    // Analytics report a few seconds after the fact.
    occurredAt: now - between(rng, 1_000, 20_000),
    blockId: camera?.blockId ?? block?.id ?? null,
    subBlockId: camera?.subBlockId ?? null,
    cameraId: camera?.id ?? null,
    title: entry.title,
    description: entry.describe(rng),
  };
}
