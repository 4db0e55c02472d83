/**
 * A job pool: at most `size` jobs run at once (one per core: every job here is CPU-bound).
 * Waiting jobs start lowest `priority` first, then in the order they were queued.
 */
export class Pool {
  private running = 0;
  private seq = 0;
  private readonly queue: { priority: number; seq: number; start: () => void }[] = [];
  constructor(readonly size: number) {}

  run<T>(job: () => Promise<T>, priority = 0): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.running++;
        job().then(resolve, reject).finally(() => {
          this.running--;
          this.next();
        });
      };
      this.queue.push({ priority, seq: this.seq++, start });
      this.next();
    });
  }

  private next(): void {
    while (this.running < this.size && this.queue.length) {
      this.queue.sort((a, b) => a.priority - b.priority || a.seq - b.seq);
      this.queue.shift()!.start();
    }
  }
}
