// A realistic event journal for the replay benchmark and the snapshot tests, written straight to DATA_DIR/journal/events.jsonl
// in the gateway's format (one {seq, at, type, actor, data} JSON line each, seq from 1). It builds the
// events with the domain's own constructors (raiseAlarm, rollCallSpec, open, makeEvent), so every payload
// is one the gateway would have appended, and the projections really fold them:
// - alarms over `days` days of the demo province: raised (+ its acknowledge obligation), 0–3 repeats,
//   some a yellow light first, acknowledged (+ obligation fulfilled), resolved; the last few stay open;
// - roll calls: every block at every checkpoint reports; about a third late (obligation opened first,
//   then fulfilled by the report).
// Deterministic (seeded). It writes one file and never starts anything.
import { closeSync, createWriteStream, fstatSync, openSync, readSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import {
  type Actor,
  type AlarmType,
  type DomainEvent,
  defaultPolicy,
  defaultRollCallConfig,
  makeEvent,
  open,
  raiseAlarm,
  rollCallSpec,
  type Severity,
  SYSTEM_ACTOR,
  slotsOn,
} from "@cw/alerts";
import { demoProvince } from "../features/catalogue/demo";
import { mulberry32 } from "./rng";

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const types: AlarmType[] = ["fighting", "gathering", "climbing", "fall", "absence_from_post", "perimeter_intrusion"];
const dispositions = ["real", "false_alarm", "handled"] as const;

export interface JournalStats {
  events: number;
  bytes: number;
  alarms: number;
  rollcalls: number;
}

/** The seq of the last line of a journal file (0 when empty). */
function lastSeqOf(path: string): number {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    const tail = Buffer.alloc(Math.min(size, 1 << 20));
    readSync(fd, tail, 0, tail.length, size - tail.length);
    const lines = tail.toString("utf8").trimEnd().split("\n");
    return Number(/^\{"seq":(\d+)/.exec(lines[lines.length - 1] ?? "")?.[1] ?? 0);
  } finally {
    closeSync(fd);
  }
}

export interface JournalWriteOptions {
  /** Append after the file's last event (seq continues) instead of writing a new file: alarms only,
   *  over the day before `now`, ids prefixed so they never meet the first write's. */
  append?: boolean;
}

/** Writes about `target` events (whole days, so a little over) ending an hour before `now`. */
export async function writeAlarmJournal(
  dataDir: string,
  target: number,
  now = Date.now(),
  opts: JournalWriteOptions = {},
): Promise<JournalStats> {
  await mkdir(join(dataDir, "journal"), { recursive: true });
  const path = join(dataDir, "journal", "events.jsonl");
  const firstSeq = opts.append ? lastSeqOf(path) : 0;
  const out = createWriteStream(path, { flags: opts.append ? "a" : "w" });
  const rand = mulberry32(opts.append ? 7 : 20_250_601); // seeded: two runs write the same journal
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const prisons = demoProvince().prisons;
  const blocks = prisons.flatMap((p) => p.blocks.map((b) => ({ prisonId: p.id, blockId: b.id, block: b })));
  const policy = defaultPolicy;
  const days = opts.append ? 1 : 30;
  const slotsPerDay = opts.append ? 0 : blocks.length * defaultRollCallConfig.schedule.length;
  const alarmsPerDay = Math.max(1, Math.round((target / days - slotsPerDay * 2) / 6.55));
  const end = now - 60 * MIN;
  const stats: JournalStats = { events: 0, bytes: 0, alarms: 0, rollcalls: 0 };
  const idPrefix = opts.append ? `al-t${firstSeq}` : "al";

  const write = async (events: DomainEvent[]) => {
    events.sort((x, y) => x.at - y.at); // stable: a lifecycle keeps its order at equal instants
    const lines = events.map((e) =>
      JSON.stringify({
        seq: firstSeq + ++stats.events,
        at: e.at,
        type: e.type,
        actor: e.actor,
        data: e.data,
      }),
    );
    const chunk = `${lines.join("\n")}\n`;
    stats.bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
  };

  const alarmLife = (day: number, k: number, at: number, closed: boolean): DomainEvent[] => {
    const b = pick(blocks);
    const sub = pick(b.block.subBlocks);
    const severity = pick([1, 2, 2, 3, 3, 3, 3, 4, 4, 4] as const) as Severity;
    const id = `${idPrefix}-${day}-${k}`;
    const data = {
      id,
      prisonId: b.prisonId,
      sourceId: `${b.prisonId}-vms-${idPrefix}-${day}-${k}`,
      origin: "feed" as const,
      type: pick(types),
      severity,
      occurredAt: at - 1500,
      blockId: b.blockId,
      subBlockId: sub.id,
      cameraId: pick(sub.cameras).id,
      title: null,
      description: rand() < 0.3 ? "智能分析：检测到异常行为" : null,
      snapshot: null,
    };
    const actor: Actor = `feed:${b.prisonId}`;
    const ev = raiseAlarm(data, policy.obligations, at, actor);
    stats.alarms++;
    const repeats = Math.floor(rand() * 4);
    for (let r = 0; r < repeats; r++) {
      ev.push(
        makeEvent("alarm.repeated", at + (r + 1) * 5000, actor, {
          id,
          sourceId: data.sourceId,
          count: r + 2,
          occurredAt: at + (r + 1) * 5000,
        }),
      );
    }
    if (!closed) return ev;
    const ob = ev[1]?.type === "obligation.opened" ? ev[1].data.obligation : null;
    if (ob === null) return ev;
    const ref = { id: ob.id, kind: ob.kind, subject: ob.subject, owner: ob.owner, prisonId: ob.prisonId };
    const late = rand() < 0.05;
    if (late) ev.push(makeEvent("deadline.yellow", ob.yellowAt, SYSTEM_ACTOR, ref));
    const ackAt = late ? ob.yellowAt + 30_000 : at + Math.min(ob.yellowAt - at - 1000, (1 + rand() * 7) * MIN);
    const duty = pick<Actor>(["user:duty", "user:commander", `user:operator-${b.prisonId}`]);
    ev.push(makeEvent("alarm.acknowledged", ackAt, duty, { id, note: severity <= 2 ? "已派人到场查看" : "" }));
    ev.push(makeEvent("obligation.fulfilled", ackAt, duty, ref));
    ev.push(
      makeEvent("alarm.resolved", ackAt + (2 + rand() * 20) * MIN, duty, {
        id,
        disposition: pick(dispositions),
        note: "现场核实完毕",
      }),
    );
    return ev;
  };

  const rollCalls = (date: string): DomainEvent[] => {
    const ev: DomainEvent[] = [];
    for (const s of slotsOn(defaultRollCallConfig, blocks, date)) {
      if (s.scheduledAt > end) continue;
      const late = rand() < 0.33;
      const reportedAt = s.scheduledAt + (late ? (11 + rand() * 15) * MIN : rand() * 5 * MIN);
      const actor: Actor = `feed:${s.prisonId}`;
      let ref = null;
      if (late) {
        const ob = open(
          rollCallSpec(policy.obligations, {
            ...s,
            graceMin: s.checkpoint.graceMin,
            redAfterMin: s.checkpoint.redAfterMin,
          }),
          s.scheduledAt,
        );
        ev.push(makeEvent("obligation.opened", s.scheduledAt, SYSTEM_ACTOR, { obligation: ob }));
        ev.push(
          makeEvent("deadline.yellow", ob.yellowAt, SYSTEM_ACTOR, {
            id: ob.id,
            kind: ob.kind,
            subject: ob.subject,
            owner: ob.owner,
            prisonId: ob.prisonId,
          }),
        );
        ref = { id: ob.id, kind: ob.kind, subject: ob.subject, owner: ob.owner, prisonId: ob.prisonId };
      }
      const expected = 80 + Math.floor(rand() * 60);
      ev.push(
        makeEvent("rollcall.reported", reportedAt, actor, {
          id: `rc-${s.key}`,
          prisonId: s.prisonId,
          sourceId: `${s.prisonId}-roll-${s.key}`,
          date: s.date,
          blockId: s.blockId,
          subBlockId: null,
          checkpoint: s.checkpoint.id,
          scheduledAt: s.scheduledAt,
          reportedAt,
          expected,
          present: expected,
          absentees: [],
        }),
      );
      if (ref) ev.push(makeEvent("obligation.fulfilled", reportedAt, actor, ref));
      stats.rollcalls++;
    }
    return ev;
  };

  const firstDay = end - days * DAY;
  for (let d = 0; d < days; d++) {
    const dayStart = firstDay + d * DAY;
    const last = d === days - 1;
    const ev: DomainEvent[] = [];
    for (let k = 0; k < alarmsPerDay; k++) {
      const at = dayStart + Math.floor((k / alarmsPerDay) * DAY);
      // The newest few of the last day stay open: raised minutes before `now`, green, as on a live system.
      const keepOpen = last && k >= alarmsPerDay - 20;
      ev.push(...alarmLife(d, k, keepOpen ? now - (alarmsPerDay - k) * 2000 : at, !keepOpen));
    }
    const date = new Date(dayStart + 8 * 60 * MIN).toISOString().slice(0, 10);
    if (!opts.append) ev.push(...rollCalls(date));
    await write(ev);
  }
  await new Promise<void>((r, j) => out.end((err?: Error | null) => (err ? j(err) : r())));
  return stats;
}
