import { InvalidEventError } from './errors';
import type { AppendOptions, NewEvent, ReadAllOptions, ReadStreamOptions } from './event-store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_STREAM_ID_LENGTH = 200;
/** The page of a global read when the caller names none. */
const DEFAULT_READ_ALL_LIMIT = 1_000;

/** An event ready for storage: ids normalised to lower case, JSON serialised once. */
export interface SerialisedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: string;
  readonly metadata: string;
}

/**
 * Checks an append before it reaches any adapter, so that every adapter refuses the same things with the same
 * message, and serialises the payloads.
 *
 * @throws InvalidEventError naming what is wrong.
 */
export function validateAppend(
  streamId: string,
  events: readonly NewEvent[],
  options: AppendOptions,
): SerialisedEvent[] {
  if (
    typeof streamId !== 'string' ||
    streamId.length === 0 ||
    streamId.length > MAX_STREAM_ID_LENGTH
  ) {
    throw new InvalidEventError(
      `streamId must be a non-empty string of at most ${MAX_STREAM_ID_LENGTH} characters`,
    );
  }
  const expected = options?.expectedVersion;
  if (
    expected !== 'any' &&
    expected !== 'no-stream' &&
    !(typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0)
  ) {
    throw new InvalidEventError(
      `expectedVersion must be a whole number ≥ 0, 'no-stream' or 'any', got ${JSON.stringify(expected)}`,
    );
  }
  const list: unknown = events;
  if (!Array.isArray(list) || list.length === 0) {
    throw new InvalidEventError(`an append to ${streamId} needs at least one event`);
  }
  const seen = new Set<string>();
  return events.map((event, i) => {
    const where = `event ${i} of the append to ${streamId}`;
    if (typeof event?.eventId !== 'string' || !UUID.test(event.eventId)) {
      throw new InvalidEventError(`${where}: eventId must be a UUID`);
    }
    const eventId = event.eventId.toLowerCase();
    if (seen.has(eventId))
      throw new InvalidEventError(`${where}: eventId ${eventId} appears twice`);
    seen.add(eventId);
    if (typeof event.type !== 'string' || event.type.length === 0 || event.type.length > 200) {
      throw new InvalidEventError(
        `${where}: type must be a non-empty string of at most 200 characters`,
      );
    }
    const schemaVersion = event.schemaVersion ?? 1;
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > 2 ** 31 - 1) {
      throw new InvalidEventError(`${where}: schemaVersion must be a whole number ≥ 1`);
    }
    return {
      eventId,
      type: event.type,
      schemaVersion,
      data: serialise(event.data, `${where}: data`),
      metadata: serialise(event.metadata ?? {}, `${where}: metadata`),
    };
  });
}

function serialise(value: unknown, what: string): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidEventError(`${what} must be a JSON object`);
  }
  try {
    return JSON.stringify(value);
  } catch (error) {
    throw new InvalidEventError(`${what} is not serialisable as JSON: ${(error as Error).message}`);
  }
}

/**
 * An event id as the store keeps it (lower case).
 *
 * @throws InvalidEventError when it is not a UUID.
 */
export function validEventId(eventId: string): string {
  if (typeof eventId !== 'string' || !UUID.test(eventId)) {
    throw new InvalidEventError(
      `eventId must be a UUID, got ${JSON.stringify(String(eventId).slice(0, 64))}`,
    );
  }
  return eventId.toLowerCase();
}

/**
 * Checks a stream read's options, the same way in every adapter.
 *
 * @throws InvalidEventError naming the option that is wrong.
 */
export function validateReadStream(options: ReadStreamOptions): void {
  const { maxCount, fromVersion } = options;
  if (
    maxCount !== undefined &&
    maxCount !== null &&
    (!Number.isInteger(maxCount) || maxCount < 0)
  ) {
    throw new InvalidEventError(`maxCount must be a whole number ≥ 0, got ${maxCount}`);
  }
  if (fromVersion !== undefined && fromVersion !== null && !Number.isSafeInteger(fromVersion)) {
    throw new InvalidEventError(`fromVersion must be a whole number, got ${fromVersion}`);
  }
}

/**
 * The page size of a global read (the default when none is asked), checked the same way in every adapter.
 *
 * @throws InvalidEventError when `limit` is not a whole number ≥ 1.
 */
export function readAllLimit(options: ReadAllOptions): number {
  const limit = options.limit ?? DEFAULT_READ_ALL_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new InvalidEventError(`limit must be a whole number ≥ 1, got ${limit}`);
  }
  return limit;
}
