/** What a queue does with an event: pass it on, leave it out, or end the stream. */
export type Selection = "YIELD" | "SKIP" | "END";

/**
 * The events of one subscriber, in order, as an async iterator that graphql-js drives.
 *
 * Bounded: a subscriber slower than the changes keeps one copy of each pending event (an update
 * says "read it again", so two of the same say no more than one), and past `capacity` the whole
 * backlog collapses into `overflow` (read everything again). Selection happens as events arrive,
 * not in a generator, so `return()` ends an idle subscription at once.
 */
export class LiveEventQueue<E> implements AsyncIterableIterator<E> {
  private readonly pending: E[] = [];
  private readonly pendingKeys = new Set<string>();
  private waiting: ((result: IteratorResult<E>) => void) | null = null;
  private ended = false;

  constructor(
    private readonly select: (event: E) => Selection,
    private readonly keyOf: (event: E) => string,
    private readonly overflow: E,
    private readonly onEnd: () => void,
    private readonly capacity = 100,
  ) {}

  push(event: E): void {
    if (this.ended) return;
    const selection = this.select(event);
    if (selection === "SKIP") return;
    if (selection === "END") {
      this.finish();
      return;
    }
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: event, done: false });
      return;
    }
    const key = this.keyOf(event);
    if (this.pendingKeys.has(key)) return;
    if (this.pending.length >= this.capacity) {
      this.pending.length = 0;
      this.pendingKeys.clear();
      this.pending.push(this.overflow);
      this.pendingKeys.add(this.keyOf(this.overflow));
      return;
    }
    this.pending.push(event);
    this.pendingKeys.add(key);
  }

  next(): Promise<IteratorResult<E>> {
    const event = this.pending.shift();
    if (event !== undefined) {
      this.pendingKeys.delete(this.keyOf(event));
      return Promise.resolve({ value: event, done: false });
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<E>> {
    this.finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.pending.length = 0;
    this.pendingKeys.clear();
    this.onEnd();
    const resolve = this.waiting;
    this.waiting = null;
    resolve?.({ value: undefined, done: true });
  }
}
