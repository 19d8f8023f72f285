/**
 * At most a few requests to one host at once: several outlets are often feeds of one publisher's server
 * (sections, regions), and a fetcher working outlets concurrently must not hit it with all of them.
 *
 * One gate per process (the local runner, a fetch Lambda's container), keyed on the outlet URL's host and
 * port. A job waits for a free slot of its host; other hosts' jobs go on meanwhile.
 */
export class HostGate {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(readonly perHost: number) {
    if (!Number.isInteger(perHost) || perHost < 1) throw new RangeError(`perHost must be a positive integer, not ${perHost}`);
  }

  /** Runs `task` once fewer than `perHost` tasks for `url`'s host are running. */
  async run<T>(url: string, task: () => Promise<T>): Promise<T> {
    const host = hostOf(url);
    await this.acquire(host);
    try {
      return await task();
    } finally {
      this.release(host);
    }
  }

  private acquire(host: string): Promise<void> {
    const n = this.active.get(host) ?? 0;
    if (n < this.perHost) {
      this.active.set(host, n + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = this.waiting.get(host) ?? [];
      queue.push(resolve);
      this.waiting.set(host, queue);
    });
  }

  private release(host: string): void {
    const queue = this.waiting.get(host);
    const next = queue?.shift();
    if (next) {
      // The slot passes straight to the next waiter: the count stays.
      if (queue!.length === 0) this.waiting.delete(host);
      next();
      return;
    }
    const n = (this.active.get(host) ?? 1) - 1;
    if (n === 0) this.active.delete(host);
    else this.active.set(host, n);
  }
}

/** Host and port, lower-cased; a URL that does not parse is its own key (its fetch fails anyway). */
function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}
