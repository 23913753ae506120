/**
 * Runs tasks one after the other per key, and tasks of different keys side by side. Commands on one family in
 * this process queue here instead of racing each other to the store and retrying on version conflicts; writers
 * in other processes are still caught by the store's optimistic concurrency.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
