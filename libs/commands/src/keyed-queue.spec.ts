import { KeyedQueue } from './keyed-queue';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeyedQueue', () => {
  it('runs tasks of one key one after the other, in order', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    await Promise.all(
      [30, 10, 0].map((ms, i) =>
        queue.run('family-a', async () => {
          log.push(`start ${i}`);
          await tick(ms);
          log.push(`end ${i}`);
        }),
      ),
    );
    expect(log).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('runs tasks of different keys side by side', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    await Promise.all([
      queue.run('a', async () => {
        log.push('a start');
        await tick(30);
        log.push('a end');
      }),
      queue.run('b', async () => {
        log.push('b start');
        await tick(0);
        log.push('b end');
      }),
    ]);
    expect(log).toEqual(['a start', 'b start', 'b end', 'a end']);
  });

  it('goes on after a failed task and hands each caller its own outcome', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('a', () => Promise.reject(new Error('refused')));
    const next = queue.run('a', () => Promise.resolve(42));
    await expect(failed).rejects.toThrow('refused');
    await expect(next).resolves.toBe(42);
  });
});
