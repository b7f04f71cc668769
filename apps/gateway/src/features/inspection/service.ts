// The inspection service: the daily draw on a timer, the chief's actions (redraw, ad-hoc, checklist,
// findings, completion) and the prison's rectification reports and the chief's reviews, each decided
// by @cw/alerts on the current record and appended to the log. Actions run one at a time (a queue),
// so two requests never decide on the same state. Owns the timer (unref'd; close() clears it) and
// the change listeners of the live topic; never touches HTTP.

import { randomBytes } from "node:crypto";
import {
  type Actor,
  type Checklist,
  type ControlState,
  type Decision,
  type DrawRules,
  decideAdHoc,
  decideChecklist,
  decideComplete,
  decideFinding,
  decideRectificationReport,
  decideRectificationReview,
  decideRedraw,
  drawInspectionId,
  type InspectionState,
  isDate,
  userActor,
} from "@cw/alerts";
import { AppError, type InspectionChange } from "@cw/protocol";
import type { Commit } from "../../events/codec";
import type { LoggedEvent } from "../../events/map";
import type { Logger } from "../../log";
import { inspectionChange } from "./change";
import { catchUp, type DrawDeps, recentAlarmsFor } from "./drawing";
import type { InspectionProjection } from "./projection";
import { type DrawClock, today } from "./schedule";
import type { SecretFile } from "./secrets";
import type { Lookup } from "./views";

export interface InspectionSettings extends DrawClock {
  checklist: Checklist;
  rules: DrawRules;
}

export interface InspectionDeps {
  projection: InspectionProjection;
  secrets: SecretFile;
  lookup: Lookup;
  settings: InspectionSettings;
  commit: Commit;
  onEvent(listener: (e: LoggedEvent) => void): () => void;
  /** The control plane's state (alarms, roll calls, obligations) when wired; null otherwise. */
  control: () => ControlState | null;
  now: () => number;
  log: Logger;
  /** Period of the "is the draw due?" check (default 30 s). */
  checkMs?: number;
  newId?: () => string;
}

/** Who asks: the user and the prison it is bound to (null: the bureau). */
export interface Caller {
  username: string;
  /** The operator's prison, or null for the bureau. */
  scope: string | null;
}

const actorOf = (c: Caller): Actor => userActor(c.username);

export class InspectionService {
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(c: InspectionChange) => void>();
  private readonly unsubscribe: () => void;
  private readonly newId: () => string;
  readonly draws: DrawDeps;

  constructor(private readonly d: InspectionDeps) {
    this.newId = d.newId ?? (() => `f${randomBytes(6).toString("hex")}`);
    this.draws = {
      state: () => d.projection.state,
      secrets: d.secrets,
      blocks: () => d.lookup.blocks(),
      control: d.control,
      append: async (events) => void (await d.commit(events)),
      now: d.now,
      clock: d.settings,
      rules: d.settings.rules,
      log: d.log,
    };
    this.unsubscribe = d.onEvent((e) => {
      const change = inspectionChange(e, this.state);
      if (change !== null) for (const l of this.listeners) l(change);
    });
  }

  get state(): InspectionState {
    return this.d.projection.state;
  }

  get settings(): InspectionSettings {
    return this.d.settings;
  }

  control(): ControlState | null {
    return this.d.control();
  }

  /** Catches up now (draws today if due, commits tomorrow), then checks again every checkMs. */
  async start(): Promise<void> {
    await this.tick();
    this.timer = setInterval(() => {
      this.tick().catch((err) => this.d.log.error({ err }, "inspection: the draw check failed"));
    }, this.d.checkMs ?? 30_000);
    this.timer.unref();
  }

  /** One check of the draw (the timer's body; tests call it after moving the clock). */
  tick(): Promise<void> {
    return this.serial(() => catchUp(this.draws));
  }

  onChange(listener: (c: InspectionChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  today(): string {
    return today(this.d.now(), this.d.settings);
  }

  recentAlarms(date: string): Record<string, number> {
    return recentAlarmsFor(this.draws, date);
  }

  redraw(date: string, reason: unknown, by: Caller) {
    return this.act(() =>
      decideRedraw(this.state, date, typeof reason === "string" ? reason : "", {
        now: this.d.now(),
        actor: actorOf(by),
        tzOffsetMin: this.d.settings.tzOffsetMin,
        blocks: this.d.lookup.blocks(),
        recentAlarms: this.recentAlarms(date),
      }),
    );
  }

  adHoc(body: unknown, by: Caller) {
    return this.act(() =>
      decideAdHoc(this.state, body, {
        now: this.d.now(),
        actor: actorOf(by),
        tzOffsetMin: this.d.settings.tzOffsetMin,
        blocks: this.d.lookup.blocks(),
        newId: () => randomBytes(4).toString("hex"),
      }),
    );
  }

  checklist(date: string, inspectionId: string | undefined, body: unknown, by: Caller) {
    return this.act(() => decideChecklist(this.state, this.inspectionOn(date, inspectionId), body, this.recordCtx(by)));
  }

  finding(date: string, body: unknown, by: Caller) {
    return this.act(() =>
      decideFinding(this.state, this.inspectionOn(date, idIn(body)), body, {
        now: this.d.now(),
        actor: actorOf(by),
        newId: this.newId,
      }),
    );
  }

  complete(date: string, body: unknown, by: Caller) {
    return this.act(() => decideComplete(this.state, this.inspectionOn(date, idIn(body)), body, this.recordCtx(by)));
  }

  report(findingId: string, body: unknown, by: Caller) {
    return this.act(() =>
      decideRectificationReport(this.state, findingId, body, {
        now: this.d.now(),
        actor: actorOf(by),
        prisonScope: by.scope,
      }),
    );
  }

  review(findingId: string, body: unknown, by: Caller) {
    return this.act(() =>
      decideRectificationReview(this.state, findingId, body, {
        now: this.d.now(),
        actor: actorOf(by),
        prisonScope: by.scope,
      }),
    );
  }

  close(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe();
    this.listeners.clear();
  }

  private recordCtx(by: Caller) {
    return { now: this.d.now(), actor: actorOf(by), checklist: this.d.settings.checklist };
  }

  /** The inspection a date route acts on: the given id (it must be of that date) or the day's draw. */
  private inspectionOn(date: string, inspectionId: string | undefined): string {
    if (!isDate(date)) throw new AppError("validation", "date: must be YYYY-MM-DD (a real calendar day)", "date");
    const id = inspectionId ?? drawInspectionId(date);
    const ins = this.state.byId[id];
    if (ins === undefined || ins.date !== date) throw new AppError("not_found", `No inspection ${id} on ${date}.`);
    return id;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Decides on the current record and appends the events; a refusal becomes an AppError (4xx). */
  private act<R>(decide: () => Decision<R>): Promise<R> {
    return this.serial(async () => {
      const decision = decide();
      if (!decision.ok) throw new AppError(decision.error.code, decision.error.message, decision.error.field);
      if (decision.events.length > 0) await this.d.commit(decision.events);
      return decision.result;
    });
  }
}

function idIn(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const id = (body as { inspectionId?: unknown }).inspectionId;
  return typeof id === "string" ? id : undefined;
}
