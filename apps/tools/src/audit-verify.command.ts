import { AuditLog } from '@samenspoor/access';

import { progressBar, rateOf } from './progress';
import type { ToolStore } from './tool-store';

/**
 * `npm run audit:verify`: recomputes the audit log's hash chain from its first entry. Prints how many entries are
 * intact and the last hash (note it: a later run that ends on another hash for the same entry shows tampering);
 * exits with 1, naming the first broken entry, when an entry was altered, removed or reordered.
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
      `audit log intact: ${result.entries} entries in ${tool.description}; last hash ${result.lastHash}\n`,
    );
    return;
  }
  process.stdout.write(
    `audit log BROKEN at entry ${result.brokenAt}: ${result.reason} (${result.entries} entries before it are intact)\n`,
  );
  process.exitCode = 1;
}
