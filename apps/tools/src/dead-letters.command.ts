import {
  ALL_PROJECTIONS,
  listDeadLetters,
  ProjectionTables,
  projectionNamed,
  replaySetAside,
} from '@samenspoor/projections';

import type { ToolStore } from './tool-store';

export const DEAD_LETTERS_USAGE =
  'usage: projections:dead-letters [--replay] [--projection NAME] [--stream STREAM_ID]';

/**
 * `npm run projections:dead-letters [-- --replay] [--projection P] [--stream S]`: lists the events set aside per
 * read model (ids, types, positions and error codes: no data), or, with `--replay`, re-applies the set-aside
 * streams in order after a fix and removes what applied. On the embedded store, stop the engine first.
 */
export async function deadLettersCommand(tool: ToolStore, args: readonly string[]): Promise<void> {
  const options = parse(args);
  if (options.projection && !projectionNamed(options.projection)) {
    throw new Error(
      `unknown read model ${options.projection}; known: ${ALL_PROJECTIONS.map((p) => p.name).join(', ')}`,
    );
  }
  const { store, database } = tool.opened;
  const tables = await ProjectionTables.open(database, tool.schema);
  const filter = {
    ...(options.projection ? { projection: options.projection } : {}),
    ...(options.stream ? { streamId: options.stream } : {}),
  };
  if (!options.replay) {
    const letters = await listDeadLetters(database, tables.schema, filter);
    for (const l of letters) {
      process.stdout.write(
        `${l.projection}\t${l.streamId}\t${l.version}\t${l.position}\t${l.eventType}\t${l.reason}\t${l.errorCode ?? l.errorClass}\t${l.setAsideAt.toISOString()}\n`,
      );
    }
    process.stderr.write(`${letters.length} events set aside in ${tool.description}\n`);
    return;
  }
  const outcomes = await replaySetAside(database, store, tables, ALL_PROJECTIONS, filter);
  let failed = 0;
  for (const o of outcomes) {
    if (o.failure) failed++;
    process.stdout.write(
      o.failure
        ? `${o.projection}\t${o.streamId}\tfailed again: ${o.failure.code ?? o.failure.errorClass}\n`
        : `${o.projection}\t${o.streamId}\treplayed ${o.replayed} events\n`,
    );
  }
  process.stderr.write(`${outcomes.length - failed} streams replayed, ${failed} failed again\n`);
  if (failed > 0) process.exitCode = 1;
}

function parse(args: readonly string[]): { replay: boolean; projection?: string; stream?: string } {
  const result: { replay: boolean; projection?: string; stream?: string } = { replay: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--replay') result.replay = true;
    else if (arg === '--projection' && args[i + 1]) result.projection = args[++i];
    else if (arg === '--stream' && args[i + 1]) result.stream = args[++i];
    else throw new Error(`unexpected argument ${arg}; ${DEAD_LETTERS_USAGE}`);
  }
  return result;
}
