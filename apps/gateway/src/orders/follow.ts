// Follows the event log from its start: replays what is there, then every appended event, each exactly
// once and in seq order (what arrives during the replay is buffered and applied after it). For the
// orders' own folds (templates, and the control projection until the core has one).
import type { EventLog, StoredEvent } from "../eventlog/types";

/** Resolves once the replay is applied; the returned function stops following. */
export async function followLog(log: EventLog, apply: (events: readonly StoredEvent[]) => void): Promise<() => void> {
  let appliedSeq = 0;
  let buffered: StoredEvent[] | null = [];
  const applyNew = (events: readonly StoredEvent[]) => {
    const fresh = events.filter((e) => e.seq > appliedSeq);
    const last = fresh.at(-1);
    if (last === undefined) return;
    appliedSeq = last.seq;
    apply(fresh);
  };
  const unsubscribe = log.subscribe((e) => {
    if (buffered !== null) buffered.push(e);
    else applyNew([e]);
  });
  try {
    const replayed: StoredEvent[] = [];
    for await (const e of log.read(0)) replayed.push(e);
    applyNew(replayed);
    const rest = buffered;
    buffered = null;
    applyNew(rest);
  } catch (err) {
    unsubscribe();
    throw err;
  }
  return unsubscribe;
}
