import { readFileSync, renameSync, writeFileSync } from 'node:fs';

import {
  isPosition,
  START,
  type EventRecord,
  type EventStore,
  type Position,
} from '@samenspoor/event-store';

/** One end of a migration: a store, and what it is called in messages and in the checkpoint. */
export interface MigrationEnd {
  readonly store: EventStore;
  /** Where it is, without credentials (e.g. `PostgreSQL at db:5432/samenspoor, schema samenspoor`). */
  readonly description: string;
  /**
   * Sets the stored `recordedAt` of copied events to the source's; absent where the target cannot keep it
   * (KurrentDB sets each event's time itself).
   */
  readonly keepRecordedAt?: (events: readonly EventRecord[]) => Promise<void>;
}

/** What is kept between runs: how far the copy got. Written after every batch. */
export interface MigrationCheckpoint {
  readonly from: string;
  readonly to: string;
  /** Source position of the last event copied. */
  readonly position: Position;
  readonly copied: number;
  readonly updatedAt: string;
}

export interface MigrateOptions {
  /** File of the checkpoint: read to resume, written after every batch. */
  readonly checkpointFile: string;
  /** Source events read (and copied) per batch (default 500). */
  readonly batchSize?: number;
  /** Called after every batch with the number copied so far (all runs) and in this run. */
  readonly onProgress?: (copied: number, copiedNow: number) => void;
  /** Stops after the batch in progress (the checkpoint is written); the next run resumes there. */
  readonly signal?: AbortSignal;
}

export interface MigrationResult {
  /** Events copied in all runs together. */
  readonly copied: number;
  /** Of those, in this run. */
  readonly copiedNow: number;
  /** True when stopped through `signal` before the source's end. */
  readonly interrupted: boolean;
  /** The source position copied up to. */
  readonly position: Position;
  readonly recordedAtKept: boolean;
}

/** A migration that cannot go on, with the reason; nothing has been written to the target after it. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/**
 * Copies every event of `from` into `to`, in `from`'s global order, with its id, stream, version, type, schema
 * version (as stored: no upcasting), data and metadata; `recordedAt` where the target can keep it.
 *
 * Resumable: after each batch the source position reached is written to the checkpoint file, and a new run
 * continues from there. Events a crashed run copied after its last checkpoint are found in the target and not
 * copied again. Each run of consecutive events of one stream is appended with the source's version as the
 * expected version, so a target stream that differs from the source stops the copy with a version conflict. A first run needs an empty target. At the end the counts are compared: the target must hold exactly
 * as many events as the source up to the position copied, and the last event copied must be where it belongs.
 *
 * @throws MigrationError when the target is not empty at the start, the checkpoint belongs to another pair of
 *   stores, or the counts differ at the end.
 */
export async function migrateStore(
  from: MigrationEnd,
  to: MigrationEnd,
  options: MigrateOptions,
): Promise<MigrationResult> {
  const batchSize = options.batchSize ?? 500;
  const checkpoint = readCheckpoint(options.checkpointFile);
  if (checkpoint && (checkpoint.from !== from.description || checkpoint.to !== to.description)) {
    throw new MigrationError(
      `checkpoint ${options.checkpointFile} is of a migration from ${checkpoint.from} to ${checkpoint.to}, not from ${from.description} to ${to.description}: name another --checkpoint file`,
    );
  }
  if (!checkpoint && (await to.store.headPosition()) !== START) {
    throw new MigrationError(
      `the target (${to.description}) already holds events: migrate into an empty store, or resume an interrupted migration with its --checkpoint file`,
    );
  }

  let position = checkpoint?.position ?? START;
  let copied = checkpoint?.copied ?? 0;
  let copiedNow = 0;
  let last: EventRecord | undefined;
  // After a checkpoint, the batch that was in progress may have been copied, wholly or in part, before the
  // interruption. Until the first run of events that is not in the target, each run is compared with it.
  let catchingUp = checkpoint !== undefined;
  while (!options.signal?.aborted) {
    const page = await from.store.readAll({ after: position, limit: batchSize });
    if (page.events.length === 0) break;
    for (const run of runsOfOneStream(page.events)) {
      const pending = catchingUp ? await notYetCopied(to.store, run) : run;
      if (pending.length === 0) continue;
      catchingUp = false;
      await to.store.appendToStream(
        pending[0]!.streamId,
        pending.map((e) => ({
          eventId: e.eventId,
          type: e.type,
          schemaVersion: e.schemaVersion,
          data: e.data,
          metadata: e.metadata,
        })),
        { expectedVersion: pending[0]!.version - 1 },
      );
    }
    await to.keepRecordedAt?.(page.events);
    position = page.position;
    copied += page.events.length;
    copiedNow += page.events.length;
    last = page.events[page.events.length - 1];
    writeCheckpoint(options.checkpointFile, {
      from: from.description,
      to: to.description,
      position,
      copied,
      updatedAt: new Date().toISOString(),
    });
    options.onProgress?.(copied, copiedNow);
  }
  const interrupted = options.signal?.aborted ?? false;
  if (!interrupted) await verify(from, to, position, last);
  return {
    copied,
    copiedNow,
    interrupted,
    position,
    recordedAtKept: to.keepRecordedAt !== undefined,
  };
}

/**
 * The events of a run (consecutive events of one stream) that the target does not hold yet. Those it holds must
 * be the same events, at the same versions.
 */
async function notYetCopied(target: EventStore, run: EventRecord[]): Promise<EventRecord[]> {
  const first = run[0]!;
  const have = await target.streamVersion(first.streamId);
  if (have < first.version) return run;
  const stored = await target.readStream(first.streamId, {
    fromVersion: first.version,
    maxCount: run.length,
  });
  run.forEach((event, i) => {
    if (event.version <= have && stored[i]?.eventId !== event.eventId) {
      throw new MigrationError(
        `the target's stream ${event.streamId} differs from the source at version ${event.version}: it holds event ${stored[i]?.eventId ?? 'none'}, the source ${event.eventId}`,
      );
    }
  });
  return run.filter((event) => event.version > have);
}

/** How long verification waits for copied events to become readable in the target's global order. */
const VERIFY_WAIT_MS = 30_000;

/** The target holds exactly the source's events up to `position`, and the last one copied is in its place. */
async function verify(
  from: MigrationEnd,
  to: MigrationEnd,
  position: Position,
  last: EventRecord | undefined,
): Promise<void> {
  const [sourceTotal, sourceAfter] = await Promise.all([
    from.store.countEvents(),
    from.store.countEvents({ after: position }),
  ]);
  const expected = sourceTotal - sourceAfter;
  // A PostgreSQL target counts only events below its oldest running transaction (anyone's on that server): fewer
  // than copied may be a moment's lag, so it is counted again for a while before it is called a failure.
  let target = await to.store.countEvents();
  for (const until = Date.now() + VERIFY_WAIT_MS; target < expected && Date.now() < until;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    target = await to.store.countEvents();
  }
  if (target !== expected) {
    throw new MigrationError(
      `verification failed: the source holds ${expected} events up to the position copied, the target ${target}`,
    );
  }
  if (last) {
    const [there] = await to.store.readStream(last.streamId, {
      fromVersion: last.version,
      maxCount: 1,
    });
    if (there?.eventId !== last.eventId) {
      throw new MigrationError(
        `verification failed: event ${last.eventId} is not at version ${last.version} of ${last.streamId} in the target`,
      );
    }
  }
}

/** Splits a page into runs of consecutive events of one stream: each run is one append. */
export function runsOfOneStream(events: readonly EventRecord[]): EventRecord[][] {
  const runs: EventRecord[][] = [];
  for (const event of events) {
    const current = runs[runs.length - 1];
    const previous = current?.[current.length - 1];
    if (
      current &&
      previous?.streamId === event.streamId &&
      previous.version + 1 === event.version
    ) {
      current.push(event);
    } else {
      runs.push([event]);
    }
  }
  return runs;
}

export function readCheckpoint(file: string): MigrationCheckpoint | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new MigrationError(
      `cannot read checkpoint ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let value: Partial<MigrationCheckpoint>;
  try {
    value = JSON.parse(text) as Partial<MigrationCheckpoint>;
  } catch {
    throw new MigrationError(`checkpoint ${file} is not valid JSON`);
  }
  if (
    typeof value.from !== 'string' ||
    typeof value.to !== 'string' ||
    !isPosition(value.position) ||
    !Number.isSafeInteger(value.copied) ||
    (value.copied ?? -1) < 0
  ) {
    throw new MigrationError(
      `checkpoint ${file} is not a checkpoint of migrate:store (from, to, position, copied)`,
    );
  }
  return value as MigrationCheckpoint;
}

/** Replaces the file in one step (write beside it, then rename), so a crash never leaves half a checkpoint. */
function writeCheckpoint(file: string, checkpoint: MigrationCheckpoint): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(checkpoint, null, 2)}\n`);
  renameSync(temporary, file);
}
