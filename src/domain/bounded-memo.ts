/**
 * Answers worked out once per key, in a plain Map (cheaper to ask than an LRU, for memos asked many
 * times a request whose keys are few in practice); past `max` the answer remembered first is
 * forgotten, so a stream of new keys cannot grow it without end.
 */
export class BoundedMemo<K, V> {
  private readonly answers = new Map<K, V>();

  constructor(private readonly max: number) {}

  answer(key: K, workOut: () => V): V {
    let known = this.answers.get(key);
    if (known === undefined) {
      known = workOut();
      if (this.answers.size >= this.max) this.answers.delete(this.answers.keys().next().value!);
      this.answers.set(key, known);
    }
    return known;
  }
}
