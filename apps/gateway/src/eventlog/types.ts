// The event log contract: every change of state (logins, camera edits, view starts, later alarms and
// orders) is appended here before it is acknowledged; state is a fold of these events and the log is
// the audit trail. Two implementations share one contract test suite: the file journal (default) and,
// later, Redis Streams. This module declares the interface only; it never does I/O.

export interface StoredEvent<T = unknown> {
  /** 1-based, gap-free, strictly increasing. */
  seq: number;
  /** Unix ms. */
  at: number;
  type: string;
  /** Username of who caused it, or null for the system. */
  actor: string | null;
  data: T;
}

export interface NewEvent {
  type: string;
  actor: string | null;
  data: unknown;
  at?: number;
}

export interface EventLog {
  /** Appends atomically and durably (fsync) before resolving; returns the stored events with seq. */
  append(events: NewEvent[]): Promise<StoredEvent[]>;
  /** Replays from seq (exclusive) in order; starts at that seq directly (no scan of what is before). */
  read(afterSeq: number): AsyncIterable<StoredEvent>;
  /** The events with these seqs (1 ≤ seq ≤ lastSeq), in the order asked; for the audit's pages. */
  get(seqs: readonly number[]): Promise<StoredEvent[]>;
  subscribe(listener: (e: StoredEvent) => void): () => void;
  /** What a state snapshot may keep to reopen this log faster (the journal's line index); opaque. */
  hint?(): unknown;
  readonly lastSeq: number;
  close(): Promise<void>;
}
