import type { ExpectedVersion } from './event-store';

/** Base class of every error the event store throws on purpose. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The stream's version is not the one the caller expected: somebody else appended first. */
export class VersionConflictError extends EventStoreError {
  readonly code = 'version-conflict';

  constructor(
    readonly streamId: string,
    readonly expectedVersion: ExpectedVersion,
    readonly actualVersion: number,
  ) {
    super(
      `version conflict on stream ${streamId}: expected ${String(expectedVersion)}, stream is at ${actualVersion}`,
    );
  }
}

/** Some of the event ids of an append are already stored, but not as this same append. */
export class DuplicateEventIdError extends EventStoreError {
  readonly code = 'duplicate-event-id';

  constructor(
    readonly streamId: string,
    readonly eventIds: readonly string[],
  ) {
    super(
      `event id(s) ${eventIds.join(', ')} already stored, but not as the same append to stream ${streamId}`,
    );
  }
}

/** The append or read request itself is malformed. */
export class InvalidEventError extends EventStoreError {
  readonly code = 'invalid-event';
}

/** The store cannot be reached, refused the connection, or has been closed. */
export class EventStoreUnavailableError extends EventStoreError {
  readonly code = 'store-unavailable';
}

/** A position token that this store did not produce. */
export class InvalidPositionError extends EventStoreError {
  readonly code = 'invalid-position';

  constructor(readonly token: string) {
    super(`invalid position token ${JSON.stringify(token.slice(0, 64))}: expected 32 hex digits`);
  }
}
