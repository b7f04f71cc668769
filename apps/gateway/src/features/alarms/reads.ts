// The control plane's reads for the HTTP routes: alarm lists and details, the roll-call board with its
// drill-down, obligations and snapshot bytes, always within the caller's scope (an operator sees only
// its prison; something outside it does not exist for them: null → 404). Pure over the state apart
// from reading snapshot files.
import {
  type AlarmFilter,
  boardCell,
  type Light,
  type ObligationKind,
  rollCallBoard,
  scheduleFor,
  selectAlarms,
  selectObligations,
  slotOf,
  slotReports,
  today,
} from "@cw/alerts";
import {
  type AlarmView,
  type BoardCellView,
  inScope,
  type ObligationView,
  type PrisonScope,
  type RollCallBoard,
  type SlotReports,
} from "@cw/protocol";
import type { ControlContext } from "./context";
import { alarmView, cellView, obligationView, reportView } from "./views";

/** AlarmFilter as a parsed query gives it (absent keys may be present as undefined). */
export type AlarmListQuery = { [K in keyof AlarmFilter]?: AlarmFilter[K] | undefined };

function definedOnly<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}

export class ControlReads {
  constructor(private readonly ctx: ControlContext) {}

  alarms(q: AlarmListQuery, scope: PrisonScope): AlarmView[] {
    const now = this.ctx.now();
    // An operator asking for another prison gets nothing rather than an error: the filter narrows.
    if (scope !== null && q.prisonId !== undefined && q.prisonId !== scope) return [];
    const filter: AlarmFilter = { ...definedOnly(q), ...(scope === null ? {} : { prisonId: scope }) };
    return selectAlarms(this.ctx.state.alarms, filter, now).map((a) => alarmView(a, now));
  }

  alarm(id: string, scope: PrisonScope): AlarmView | null {
    const a = this.ctx.state.alarms.byId[id];
    return a !== undefined && inScope(scope, a.prisonId) ? alarmView(a, this.ctx.now()) : null;
  }

  async snapshot(id: string, scope: PrisonScope): Promise<Buffer | null> {
    const a = this.ctx.state.alarms.byId[id];
    const ref = this.ctx.state.alarms.snapshots[id];
    if (a === undefined || ref === undefined || !inScope(scope, a.prisonId)) return null;
    return this.ctx.snapshots.get(ref);
  }

  board(q: { date?: string; prisonId?: string }, scope: PrisonScope): RollCallBoard {
    const { ctx } = this;
    const now = ctx.now();
    const date = q.date ?? today(ctx.rollcalls, now);
    const prison = scope ?? q.prisonId;
    const blocks = ctx.blocks.filter((b) => prison === undefined || b.prisonId === prison);
    const cells = rollCallBoard(ctx.rollcalls, blocks, ctx.state.rollcalls, now, date).map((c) => cellView(c, date));
    const checkpoints: RollCallBoard["checkpoints"] = {};
    for (const b of blocks) {
      checkpoints[b.prisonId] ??= scheduleFor(ctx.rollcalls, b.prisonId).map((c) => ({
        id: c.id,
        name: c.name,
        nameEn: c.nameEn,
        time: c.time,
      }));
    }
    return {
      date,
      serverTime: now,
      blocks: blocks.map((b) => ({ prisonId: b.prisonId, blockId: b.blockId, name: b.name })),
      checkpoints,
      cells,
    };
  }

  /** One board cell by slot key (`date.prison.block.checkpoint`), or null when unknown / out of scope. */
  cell(key: string, scope: PrisonScope): BoardCellView | null {
    const [date, prisonId, blockId, checkpointId] = key.split(".");
    if (date === undefined || prisonId === undefined || blockId === undefined || checkpointId === undefined) {
      return null;
    }
    if (!inScope(scope, prisonId)) return null;
    const block = this.ctx.blocks.find((b) => b.blockId === blockId && b.prisonId === prisonId);
    const cp = scheduleFor(this.ctx.rollcalls, prisonId).find((c) => c.id === checkpointId);
    if (block === undefined || cp === undefined) return null;
    const slot = slotOf(block, cp, date, this.ctx.rollcalls.tzOffsetMin);
    return cellView(boardCell(slot, this.ctx.state.rollcalls, this.ctx.now()), date);
  }

  reports(key: string, scope: PrisonScope): SlotReports | null {
    if (this.cell(key, scope) === null) return null;
    const reports = slotReports(this.ctx.state.rollcalls, key).sort((a, b) => a.receivedAt - b.receivedAt);
    return { key, reports: reports.map(reportView) };
  }

  obligations(q: { light?: Light; kind?: ObligationKind; openOnly?: boolean }, scope: PrisonScope): ObligationView[] {
    const now = this.ctx.now();
    const all = selectObligations(this.ctx.state.obligations, {
      ...(q.kind === undefined ? {} : { kind: q.kind }),
      ...(scope === null ? {} : { prisonId: scope }),
      ...(q.openOnly === undefined ? {} : { openOnly: q.openOnly }),
    });
    // The light filter uses the live light (the recorded one lags the tick by up to a second).
    return all.map((o) => obligationView(o, now)).filter((o) => q.light === undefined || o.light === q.light);
  }

  obligation(id: string, scope: PrisonScope): ObligationView | null {
    const o = this.ctx.state.obligations.byId[id];
    return o !== undefined && inScope(scope, o.prisonId) ? obligationView(o, this.ctx.now()) : null;
  }
}
