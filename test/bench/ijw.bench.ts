/**
 * `npm run bench:ijw [-- --messages 10000] [-- --concurrency 16] [-- --json]`
 *
 * In a database of its own on the PostgreSQL server:
 * 1. registers one family (a youth with a BSN) per four messages through the one command path;
 * 2. writes a folder of iJw 3.2 messages, for each family a JW315 request, the JW301 allocation that answers it,
 *    the JW305 start and the JW307 end (files named so that each kind comes after the one before);
 * 3. imports the folder as `npm run ijw:import` does (the same intake, `--concurrency` messages at a time) and
 *    prints messages/s and the count per outcome. The bar is 500 messages/s.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PersonalDataVault } from '@samenspoor/access';
import { FamilyCommands, MemberIdRegistry } from '@samenspoor/commands';
import { isValidBsn } from '@samenspoor/domain';
import { openPostgresEventStore } from '@samenspoor/event-store';
import { jw301, jw305, jw307, jw315 } from '@samenspoor/ijw/testing';
import { professionalContext } from '@samenspoor/projections/testing';
import { BlindIndex, SearchKeys } from '@samenspoor/search';
import { PostgresDatabase } from '@samenspoor/sql';

import { importIjwMessages, openIjwIntake } from '../../apps/tools/src/ijw-import.command';
import { asJson, numberOption, say, SERVER_URL } from './bench-args';

const messageCount = numberOption('--messages', 10_000);
const concurrency = numberOption('--concurrency', 16);
const SCHEMA = 'samenspoor';
const SEARCH_KEY = 'ab'.repeat(32);
const BAR = 500;

function* bsns(): Generator<string> {
  for (let n = 100_000_000; ; n++) if (isValidBsn(String(n))) yield String(n);
}

async function main(): Promise<void> {
  const families = Math.ceil(messageCount / 4);
  const databaseName = `bench_ijw_${randomUUID().slice(0, 8)}`;
  const server = new PostgresDatabase({ connectionString: SERVER_URL, maxConnections: 1 });
  await server.query(`create database ${databaseName}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${databaseName}`;
  const folder = mkdtempSync(join(tmpdir(), 'bench-ijw-'));
  const opened = await openPostgresEventStore({ connectionString: url.toString(), schema: SCHEMA });
  try {
    const { database } = opened;
    const env = { SEARCH_KEY };
    const vault = await PersonalDataVault.open(database, SCHEMA);
    const index = await BlindIndex.open(database, SCHEMA, SearchKeys.parse(SEARCH_KEY));
    const registry = await MemberIdRegistry.open(database, SCHEMA);
    const commands = new FamilyCommands(opened.store, vault, { registry, database }, [index]);

    say(`registering ${families.toLocaleString('en')} families`);
    const numbers = bsns();
    const clients = Array.from({ length: families }, () => numbers.next().value as string);
    let next = 0;
    const now = new Date().toISOString();
    const register = async () => {
      while (next < clients.length) {
        const bsn = clients[next++]!;
        await commands.execute({
          command: {
            type: 'RegisterFamily',
            data: {
              municipality: 'Groningen',
              members: [{ role: 'youth', displayName: 'Kind', birthYear: 2012, bsn }],
              registrar: { professionalId: 'p-bench', organisation: 'WIJ Groningen' },
            },
          },
          context: professionalContext('p-bench', now, 'bench'),
        });
      }
    };
    await Promise.all(Array.from({ length: 16 }, register));

    say(`writing ${messageCount.toLocaleString('en')} messages to ${folder}`);
    const files: string[] = [];
    const kinds = [
      (bsn: string, i: number) => jw315({ bsn, messageId: `VOT-${i}`, reference: `R${i}` }),
      (bsn: string, i: number) =>
        jw301({ bsn, messageId: `TOE-${i}`, reference: `R${i}`, allocationNumber: String(i + 1) }),
      (bsn: string, i: number) =>
        jw305({ bsn, messageId: `START-${i}`, allocationNumber: String(i + 1) }),
      (bsn: string, i: number) =>
        jw307({ bsn, messageId: `STOP-${i}`, allocationNumber: String(i + 1) }),
    ];
    for (const [k, make] of kinds.entries()) {
      for (const [i, bsn] of clients.entries()) {
        if (files.length >= messageCount) break;
        const file = join(folder, `${k}-${String(i).padStart(6, '0')}.xml`);
        writeFileSync(file, make(bsn, i));
        files.push(file);
      }
    }

    say(`importing with ${concurrency} at a time`);
    const { intake } = await openIjwIntake(
      { opened, schema: SCHEMA, description: databaseName },
      env,
    );
    const summary = await importIjwMessages(intake, files, { concurrency });
    const rate = Math.round(files.length / summary.seconds);
    const report = {
      messages: files.length,
      seconds: Number(summary.seconds.toFixed(1)),
      messagesPerSecond: rate,
      bar: BAR,
      counts: summary.counts,
    };
    if (asJson) process.stdout.write(`${JSON.stringify(report)}\n`);
    else
      process.stdout.write(
        `iJw import: ${files.length} messages in ${report.seconds} s = ${rate} messages/s (bar ${BAR}/s: ${rate >= BAR ? 'met' : 'NOT met'})\n` +
          `${Object.entries(summary.counts)
            .map(([outcome, n]) => `  ${outcome}: ${n}`)
            .join('\n')}\n`,
      );
  } finally {
    await opened.close();
    rmSync(folder, { recursive: true, force: true });
    await server.query(`drop database if exists ${databaseName} with (force)`);
    await server.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
