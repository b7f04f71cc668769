// Serialises work per key: decide-then-append for one alarm source, one alarm or one roll-call source
// runs one at a time, so a retry racing its original sees the first one's events (and answers
// duplicate) instead of deciding "new" twice. Different keys run concurrently, so appends still share
// the journal's group commit. Entries are dropped when their chain drains (memory stays bounded).
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(work, work);
    const tail = next.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }

  /** Resolves when every chain queued so far has settled. */
  async drain(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }

  get size(): number {
    return this.tails.size;
  }
}
