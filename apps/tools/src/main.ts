import 'reflect-metadata';

import { ConfigurationError } from '@samenspoor/platform';

import { auditSealCommand, auditVerifyCommand } from './audit-verify.command';
import { deadLettersCommand } from './dead-letters.command';
import { ijwImportCommand } from './ijw-import.command';
import { MIGRATE_USAGE, migrateStoreCommand } from './migrate-store.command';
import { rebuildCommand } from './rebuild.command';
import { retentionReportCommand } from './retention-report.command';
import { seedCommand } from './seed.command';
import { openToolStore } from './tool-store';

/** The engine's command-line tools: `node dist/apps/tools/main.js <command> [arguments]`. */
const COMMANDS: Record<
  string,
  (tool: Awaited<ReturnType<typeof openToolStore>>, args: string[]) => Promise<void>
> = {
  'audit:seal': auditSealCommand,
  'audit:verify': auditVerifyCommand,
  'projections:rebuild': rebuildCommand,
  'projections:dead-letters': deadLettersCommand,
  'retention:report': retentionReportCommand,
  seed: seedCommand,
  'ijw:import': ijwImportCommand,
};

/** Commands that open their stores themselves, from their own arguments. */
const STANDALONE: Record<string, { run: (args: string[]) => Promise<void>; usage: string }> = {
  'migrate:store': { run: migrateStoreCommand, usage: MIGRATE_USAGE },
};

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const standalone = name ? STANDALONE[name] : undefined;
  if (standalone) {
    try {
      await standalone.run(args);
    } catch (error) {
      if (error instanceof ConfigurationError) {
        process.stderr.write(
          `Invalid arguments:\n${error.problems.map((p) => `  - ${p}`).join('\n')}\n${standalone.usage}\n`,
        );
        process.exit(2);
      }
      throw error;
    }
    return;
  }
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(
      `usage: tools <command> [arguments]; commands: ${[...Object.keys(COMMANDS), ...Object.keys(STANDALONE)].join(', ')}\n`,
    );
    process.exit(2);
  }
  const tool = await openToolStore();
  try {
    await command(tool, args);
  } finally {
    await tool.opened.close();
  }
}

main().catch((error: unknown) => {
  const prefix = error instanceof ConfigurationError ? 'Invalid configuration' : 'Failed';
  process.stderr.write(`${prefix}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
