// The daily draw, run by the gateway: commitments kept a day ahead, the draw at the configured time,
// and the one-time bootstrap. Order matters for durability: a secret is fsync'd to secrets.json before
// its commitment is appended, and deleted from the file only after the draw that reveals it is in the
// log. Bootstrap (no commitment for today: the first start after installation, or a chain broken by
// lost secrets): today's secret is committed and revealed at once — that one draw could have been
// chosen by whoever runs the gateway, and the log shows it (the commitment and the draw are 1 ms
// apart). Every later day's secret is committed the day before.
import {
  type ControlState,
  type DomainEvent,
  type DrawRules,
  decideCommit,
  decideDraw,
  fromHex,
  type InspectionState,
  makeEvent,
  recentAlarmCounts,
  SYSTEM_ACTOR,
  sha256Hex,
} from "@cw/alerts";
import type { Logger } from "../../log";
import { type DrawClock, drawTimePassed, today, tomorrow } from "./schedule";
import { newSecret, type SecretFile } from "./secrets";
import type { BlockRefs } from "./views";

export interface DrawDeps {
  state: () => InspectionState;
  secrets: SecretFile;
  blocks: () => BlockRefs[];
  control: () => ControlState | null;
  append: (events: DomainEvent[]) => Promise<void>;
  now: () => number;
  clock: DrawClock;
  rules: DrawRules;
  log: Logger;
}

export function recentAlarmsFor(d: DrawDeps, date: string): Record<string, number> {
  const control = d.control();
  return control === null ? {} : recentAlarmCounts(control.alarms, date, d.rules.alarmWindowDays, d.clock.tzOffsetMin);
}

/** A secret for `date`: the one on file, or a fresh one written to the file first. */
async function secretFor(d: DrawDeps, date: string): Promise<string> {
  const have = d.secrets.get(date);
  if (have !== null) return have;
  const s = newSecret();
  await d.secrets.update({ [date]: s });
  return s;
}

async function bootstrap(d: DrawDeps, date: string): Promise<void> {
  const secret = await secretFor(d, date);
  const at = d.now();
  const commitment = sha256Hex(fromHex(secret)!);
  await d.append([makeEvent("inspection.committed", at, SYSTEM_ACTOR, { date, commitment })]);
  d.log.warn({ date }, "inspection: no commitment for today — committed and revealed at once (bootstrap draw)");
  await draw(d, date, Math.max(d.now(), at + 1));
}

async function draw(d: DrawDeps, date: string, now: number): Promise<void> {
  const secret = d.secrets.get(date);
  if (secret === null) {
    d.log.error({ date }, "inspection: today's secret is not in secrets.json — today has no draw");
    return;
  }
  const next = tomorrow(now, d.clock);
  const nextSecret = d.state().commitments[next] === undefined ? await secretFor(d, next) : null;
  const decision = decideDraw(
    d.state(),
    { date, secret, nextSecret, blocks: d.blocks(), recentAlarms: recentAlarmsFor(d, date), rules: d.rules },
    { now, actor: SYSTEM_ACTOR, tzOffsetMin: d.clock.tzOffsetMin },
  );
  if (!decision.ok) {
    d.log.error({ date, error: decision.error }, "inspection: the draw was refused");
    return;
  }
  await d.append(decision.events);
  d.log.info({ date, prisonId: decision.result.prisonId, blockId: decision.result.blockId }, "inspection drawn");
}

/**
 * Brings the draw up to date at `now`: draws today when due (or bootstraps), keeps tomorrow
 * committed, and drops secrets that are revealed or belong to days gone by.
 */
export async function catchUp(d: DrawDeps): Promise<void> {
  const now = d.now();
  const date = today(now, d.clock);
  const s = d.state();
  if ((s.draws[date] ?? []).length === 0 && s.byId[`draw-${date}`] === undefined) {
    if (s.commitments[date] === undefined) await bootstrap(d, date);
    else if (drawTimePassed(now, d.clock)) await draw(d, date, now);
  }
  const next = tomorrow(d.now(), d.clock);
  if (d.state().commitments[next] === undefined) {
    const secret = await secretFor(d, next);
    const c = decideCommit(
      d.state(),
      { date: next, secret },
      {
        now: d.now(),
        actor: SYSTEM_ACTOR,
        tzOffsetMin: d.clock.tzOffsetMin,
      },
    );
    if (c.ok) await d.append(c.events);
    else d.log.error({ date: next, error: c.error }, "inspection: committing tomorrow was refused");
  }
  const drawn = d.state().draws;
  const stale = d.secrets.dates().filter((x) => x < date || (drawn[x] ?? []).length > 0);
  if (stale.length > 0) await d.secrets.update({}, stale);
}
