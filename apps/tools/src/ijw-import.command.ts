import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { PersonalDataVault } from '@samenspoor/access';
import { FamilyCommands, MemberIdRegistry } from '@samenspoor/commands';
import { Directory } from '@samenspoor/directory';
import { DEFAULT_REGION, parseRegionConfig, type RegionConfig } from '@samenspoor/domain';
import { IjwInbox, IjwIntake, IjwMessageInvalidError, IJW_OUTCOMES } from '@samenspoor/ijw';
import { ConfigurationError } from '@samenspoor/platform';
import { BlindIndex, DEVELOPMENT_SEARCH_KEY, SearchKeys } from '@samenspoor/search';

import { progressBar, rateOf } from './progress';
import type { ToolStore } from './tool-store';

/** What an import did: how many messages had each outcome, and how many were invalid (with their files). */
export interface IjwImportSummary {
  readonly counts: Readonly<Record<string, number>>;
  readonly invalid: readonly { readonly file: string; readonly fields: readonly string[] }[];
  readonly seconds: number;
}

/** The `.xml` files of the arguments: files as given, folders with every `.xml` file in them (not recursive). */
async function messageFiles(args: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const arg of args) {
    const info = await stat(arg).catch(() => undefined);
    if (!info) throw new ConfigurationError([`${arg}: no such file or folder`]);
    if (info.isDirectory()) {
      const names = (await readdir(arg)).filter((name) => name.toLowerCase().endsWith('.xml'));
      files.push(...names.sort().map((name) => join(arg, name)));
    } else files.push(arg);
  }
  return files;
}

/**
 * The intake on the tool's store, as the API builds it: the same command path, index, directory and vault (the
 * command path answered beside it, for benches and tests that register families first).
 */
export async function openIjwIntake(
  tool: ToolStore,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ intake: IjwIntake; commands: FamilyCommands }> {
  const { database } = tool.opened;
  const keys = SearchKeys.parse(env.SEARCH_KEY?.trim() ? env.SEARCH_KEY : DEVELOPMENT_SEARCH_KEY);
  const region: RegionConfig = env.REGION_CONFIG
    ? parseRegionConfig(JSON.parse(await readFile(env.REGION_CONFIG, 'utf8')), env.REGION_CONFIG)
    : DEFAULT_REGION;
  const vault = await PersonalDataVault.open(database, tool.schema);
  const index = await BlindIndex.open(database, tool.schema, keys);
  const registry = await MemberIdRegistry.open(database, tool.schema);
  const commands = new FamilyCommands(tool.opened.store, vault, { registry, database }, [index]);
  const directory = await Directory.open(database, tool.schema);
  const inbox = await IjwInbox.open(database, tool.schema);
  return { intake: new IjwIntake(commands, index, directory, vault, inbox, region), commands };
}

/**
 * Imports iJw messages from files, as `POST /api/ijw/messages` does (the same intake), `concurrency` at a time:
 * each file one message. Invalid files are counted and named with the element paths at fault, never their content.
 */
export async function importIjwMessages(
  intake: IjwIntake,
  files: readonly string[],
  options: { concurrency: number; onProgress?: (done: number) => void },
): Promise<IjwImportSummary> {
  const started = performance.now();
  const counts: Record<string, number> = Object.fromEntries(IJW_OUTCOMES.map((o) => [o, 0]));
  counts.invalid = 0;
  const invalid: { file: string; fields: string[] }[] = [];
  const sender = {
    actor: { id: 'ijw-import', role: 'integration' as const },
    correlationId: `ijw-import-${Date.now()}`,
  };
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      try {
        const answer = await intake.receive(await readFile(file), sender);
        counts[answer.outcome] = (counts[answer.outcome] ?? 0) + 1;
      } catch (error) {
        if (!(error instanceof IjwMessageInvalidError)) throw error;
        counts.invalid = (counts.invalid ?? 0) + 1;
        invalid.push({ file, fields: error.errors.map((e) => e.field) });
      }
      options.onProgress?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  return { counts, invalid, seconds: (performance.now() - started) / 1000 };
}

/**
 * `npm run ijw:import -- <files or folder> [--concurrency N]`: imports iJw messages into the engine's store
 * (`DATABASE_URL` or `DATA_DIR`, as the engine; stop an engine on the embedded store first), with a progress bar
 * and a summary per outcome.
 */
export async function ijwImportCommand(tool: ToolStore, args: readonly string[]): Promise<void> {
  const at = args.indexOf('--concurrency');
  const concurrency =
    at < 0 ? (tool.opened.database.kind === 'postgres' ? 8 : 1) : Number(args[at + 1]);
  if (!Number.isSafeInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new ConfigurationError(['--concurrency must be a whole number from 1 to 64']);
  const paths = args.filter((arg, i) => arg !== '--concurrency' && args[i - 1] !== '--concurrency');
  if (paths.length === 0)
    throw new ConfigurationError([
      'name the message files or a folder of them: ijw:import -- <files or folder>',
    ]);
  const files = await messageFiles(paths);
  const { intake } = await openIjwIntake(tool);
  const bar = progressBar('importing', 'messages');
  const started = performance.now();
  bar.start(files.length, 0, { rate: '–' });
  const summary = await importIjwMessages(intake, files, {
    concurrency,
    onProgress: (done) => bar.update(done, { rate: rateOf(started, done) }),
  });
  bar.stop();
  process.stdout.write(formatSummary(files.length, summary, tool.description));
  if (summary.counts.invalid) process.exitCode = 1;
}

export function formatSummary(total: number, summary: IjwImportSummary, into: string): string {
  const lines = Object.entries(summary.counts).map(
    ([outcome, n]) => `  ${outcome.padEnd(10)} ${n}`,
  );
  const invalid = summary.invalid
    .slice(0, 20)
    .map((i) => `  invalid: ${i.file} (${[...new Set(i.fields)].join(', ')})`);
  const rate = summary.seconds > 0 ? Math.round(total / summary.seconds) : total;
  return [
    `imported ${total} messages in ${summary.seconds.toFixed(1)} s (${rate} messages/s) into ${into}`,
    ...lines,
    ...invalid,
    '',
  ].join('\n');
}
