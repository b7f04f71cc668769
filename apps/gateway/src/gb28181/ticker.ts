// One timer for every GB stream's jitter buffer (40 ms: half the buffer's 80 ms wait), instead of one
// timer per stream; runs only while some stream is registered. Owns the interval.
export class SharedTick {
  private readonly tasks = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly everyMs = 40) {}

  add(task: () => void): () => void {
    this.tasks.add(task);
    this.timer ??= setInterval(() => {
      for (const t of this.tasks) t();
    }, this.everyMs);
    return () => {
      this.tasks.delete(task);
      if (this.tasks.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  stop(): void {
    this.tasks.clear();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
