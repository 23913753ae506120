import { PersonalDataVault } from '@samenspoor/access';
import { MemberIdRegistry } from '@samenspoor/commands';
import { DEFAULT_REGION } from '@samenspoor/domain';
import { seedRegion } from '@samenspoor/simulation';

import { progressBar, rateOf } from './progress';
import type { ToolStore } from './tool-store';

/**
 * `npm run seed -- --families N [--seed S] [--years Y]`: appends a synthetic region of N families (realistic
 * routes through the decider: signals, analyses, plans, care with waits, MDOs, outflows, re-entries) to the store.
 */
export async function seedCommand(tool: ToolStore, args: readonly string[]): Promise<void> {
  const option = (name: string, fallback: number): number => {
    const i = args.indexOf(`--${name}`);
    if (i < 0) return fallback;
    const value = Number(args[i + 1]);
    if (!Number.isSafeInteger(value) || value < 0)
      throw new Error(`--${name} must be a whole number ≥ 0, got ${args[i + 1]}`);
    return value;
  };
  const families = option('families', 1_000);
  const seed = option('seed', Date.now() % 1_000_000);
  const years = option('years', 2);
  const bar = progressBar('seeding', 'families');
  const started = performance.now();
  bar.start(families, 0, { rate: '–' });
  const vault = await PersonalDataVault.open(tool.opened.database, tool.schema);
  const result = await seedRegion(tool.opened.store, vault, {
    families,
    seed,
    years,
    region: DEFAULT_REGION,
    concurrency: tool.opened.database.kind === 'postgres' ? 8 : 1,
    onProgress: (done) => bar.update(done, { rate: rateOf(started, done) }),
    memberIds: {
      registry: await MemberIdRegistry.open(tool.opened.database, tool.schema),
      database: tool.opened.database,
    },
  });
  bar.stop();
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `seeded ${result.families} families, ${result.events} events in ${seconds.toFixed(1)} s (${Math.round(result.events / seconds)} events/s), seed ${seed}, into ${tool.description}\n`,
  );
}
