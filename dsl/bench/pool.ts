/** A FIFO job pool: at most `size` jobs run at once (one per core: every job here is CPU-bound). */
export class Pool {
  private running = 0;
  private readonly queue: (() => void)[] = [];
  constructor(readonly size: number) {}

  run<T>(job: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.running++;
        job().then(resolve, reject).finally(() => {
          this.running--;
          this.queue.shift()?.();
        });
      };
      if (this.running < this.size) start();
      else this.queue.push(start);
    });
  }
}
