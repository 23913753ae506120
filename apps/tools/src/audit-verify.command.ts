import { AuditLog } from '@samenspoor/access';

import { progressBar, rateOf } from './progress';
import type { ToolStore } from './tool-store';

/**
 * `npm run audit:verify`: recomputes every hash chain of the audit log and the seals over them. Prints how many
 * entries and seals are intact and the last seal's hash (note it: a later run that ends on another hash for the
 * same seal shows tampering); exits with 1, naming the first broken entry or seal, when one was altered, removed
 * or reordered.
 */
export async function auditVerifyCommand(tool: ToolStore): Promise<void> {
  const log = await AuditLog.open(tool.opened.database, tool.schema);
  const bar = progressBar('verifying', 'entries');
  const started = performance.now();
  let begun = false;
  const result = await log.verify((checked, total) => {
    if (!begun) bar.start(total, 0, { rate: '–' });
    begun = true;
    bar.update(checked, { rate: rateOf(started, checked) });
  });
  if (begun) bar.stop();
  if (result.intact) {
    process.stdout.write(
      `audit log intact: ${result.entries} entries in ${tool.description}; last hash ${result.lastHash}; ` +
        `${result.seals} seals, last seal ${result.lastSeal ?? 'none'}\n`,
    );
    return;
  }
  const where = 'brokenAt' in result ? `entry ${result.brokenAt}` : `seal ${result.brokenSeal}`;
  process.stdout.write(
    `audit log BROKEN at ${where}: ${result.reason} (${result.entries} entries before it are intact)\n`,
  );
  process.exitCode = 1;
}

/**
 * `npm run audit:seal`: seals the audit log now (the API also seals every few seconds): the heads of every chain
 * that moved since the last seal go into a new seal.
 */
export async function auditSealCommand(tool: ToolStore): Promise<void> {
  const log = await AuditLog.open(tool.opened.database, tool.schema);
  const seal = await log.seal();
  process.stdout.write(
    seal
      ? `audit log sealed: seal ${seal.seq} names ${seal.heads.length} chains; hash ${seal.hash}\n`
      : 'audit log sealed already: no chain moved since the last seal\n',
  );
}
