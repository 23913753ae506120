import { careEndedAt, retentionExpired, type RegisteredFamilyState } from '@samenspoor/domain';
import { familyListProjection, ProjectionTables } from '@samenspoor/projections';

import type { ToolStore } from './tool-store';

interface Candidate {
  readonly familyId: string;
  readonly municipality: string;
  readonly careEndedAt: string;
  readonly yearsSince: number;
}

const PAGE = 5_000;
const YEAR_MS = 365.2425 * 86_400_000;

/**
 * `npm run retention:report [-- --years 20] [-- --as-of 2046-01-01] [-- --json]`: the families whose care ended
 * more than the retention period ago (the Jeugdwet's 20 years by default), oldest first: candidates for
 * destruction (`DELETE /api/families/{id}/personal-data`). Read from the family list read model; shows ids,
 * municipalities and dates only.
 */
export async function retentionReportCommand(
  tool: ToolStore,
  args: readonly string[],
): Promise<void> {
  const years = wholeNumber(valueOf(args, '--years') ?? '20', '--years');
  const asOfText = valueOf(args, '--as-of');
  const asOf = asOfText === undefined ? new Date() : new Date(asOfText);
  if (Number.isNaN(asOf.getTime()))
    throw new Error(`--as-of must be an ISO-8601 date, got ${asOfText}`);
  const { database } = tool.opened;
  const tables = await ProjectionTables.open(database, tool.schema);
  const table = tables.live(familyListProjection).fl_families;

  const candidates: Candidate[] = [];
  let families = 0;
  for (let after = ''; ;) {
    const rows = await database.query<{ family_id: string; state: RegisteredFamilyState }>(
      `select family_id, state from ${table} where family_id > $1 order by family_id limit ${PAGE}`,
      [after],
    );
    for (const { family_id: familyId, state } of rows) {
      families += 1;
      if (!retentionExpired(state, years, asOf)) continue;
      const ended = careEndedAt(state)!;
      candidates.push({
        familyId,
        municipality: state.municipality,
        careEndedAt: ended,
        yearsSince: Math.floor((asOf.getTime() - Date.parse(ended)) / YEAR_MS),
      });
    }
    if (rows.length < PAGE) break;
    after = rows.at(-1)!.family_id;
  }
  candidates.sort((a, b) => a.careEndedAt.localeCompare(b.careEndedAt));

  if (args.includes('--json')) {
    process.stdout.write(
      `${JSON.stringify({ asOf: asOf.toISOString(), years, families, candidates }, null, 2)}\n`,
    );
    return;
  }
  process.stdout.write(
    `Retention report for ${tool.description}, as of ${asOf.toISOString()}: ${candidates.length} of ${families} families ended care more than ${years} years ago\n`,
  );
  if (candidates.length === 0) return;
  process.stdout.write(
    `${'family'.padEnd(36)}  ${'municipality'.padEnd(18)}  care ended   years\n`,
  );
  for (const c of candidates) {
    process.stdout.write(
      `${c.familyId}  ${c.municipality.padEnd(18)}  ${c.careEndedAt.slice(0, 10)}  ${String(c.yearsSince).padStart(5)}\n`,
    );
  }
}

function valueOf(args: readonly string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

function wholeNumber(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`${flag} must be a whole number ≥ 0, got ${text}`);
  return value;
}
