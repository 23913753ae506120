import {
  AccessDeniedError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import fc from 'fast-check';

import { EventStoreUnavailableError, InvalidEventError, InvalidPositionError } from '../errors';
import { START } from '../position';
import { connectKurrentDb, describeKurrentDbUrl, isKurrentDbUrl } from './kurrentdb-client';
import * as mapping from './kurrentdb-mapping';

const MAX_U64 = (1n << 64n) - 1n;
const u64 = fc.bigInt({ min: 0n, max: MAX_U64 });
const edges = [
  0n,
  1n,
  255n,
  256n,
  (1n << 32n) - 1n,
  1n << 32n,
  (1n << 63n) - 1n,
  1n << 63n,
  MAX_U64 - 1n,
  MAX_U64,
];

describe('positions ⇄ tokens', () => {
  it('orders tokens as strings exactly as $all orders log positions: by commit, then prepare', () => {
    const position = fc.oneof(
      fc.record({ commit: u64, prepare: u64 }),
      fc.record({ commit: fc.constantFrom(...edges), prepare: fc.constantFrom(...edges) }),
    );
    fc.assert(
      fc.property(position, position, (a, b) => {
        const byLog =
          a.commit !== b.commit
            ? a.commit < b.commit
              ? -1
              : 1
            : a.prepare < b.prepare
              ? -1
              : a.prepare > b.prepare
                ? 1
                : 0;
        const ta = mapping.positionToken(a);
        const tb = mapping.positionToken(b);
        expect(ta < tb ? -1 : ta > tb ? 1 : 0).toBe(byLog);
      }),
      { numRuns: 2_000 },
    );
  });

  it('round-trips every unsigned 64-bit pair exactly, the extremes included', () => {
    for (const commit of edges) {
      for (const prepare of edges) {
        const token = mapping.positionToken({ commit, prepare });
        expect(token).toMatch(/^[0-9a-f]{32}$/);
        if (commit === 0n && prepare === 0n) expect(mapping.readPositionOf(token)).toBe('start');
        else expect(mapping.readPositionOf(token)).toEqual({ commit, prepare });
      }
    }
    fc.assert(
      fc.property(u64, u64, (commit, prepare) => {
        fc.pre(commit !== 0n || prepare !== 0n);
        expect(mapping.readPositionOf(mapping.positionToken({ commit, prepare }))).toEqual({
          commit,
          prepare,
        });
      }),
    );
  });

  it('writes the commit position in the first half: a later commit sorts after any prepare', () => {
    expect(mapping.positionToken({ commit: 0x1234n, prepare: MAX_U64 })).toBe(
      '0000000000001234ffffffffffffffff',
    );
    expect(
      mapping.positionToken({ commit: 0x1235n, prepare: 0n }) >
        mapping.positionToken({ commit: 0x1234n, prepare: MAX_U64 }),
    ).toBe(true);
  });

  it('reads the start token as the start of $all, and refuses values it cannot encode', () => {
    expect(mapping.readPositionOf(START)).toBe('start');
    expect(() => mapping.positionToken({ commit: -1n, prepare: 0n })).toThrow(RangeError);
    expect(() => mapping.positionToken({ commit: 0n, prepare: MAX_U64 + 1n })).toThrow(RangeError);
    expect(() => mapping.readPositionOf('0123')).toThrow(InvalidPositionError);
    expect(() => mapping.readPositionOf('G'.repeat(32))).toThrow(InvalidPositionError);
  });

  it('insists on a position the server really reported', () => {
    expect(mapping.requirePosition({ commit: 10n, prepare: 12n }, 'x').token).toBe(
      mapping.positionToken({ commit: 10n, prepare: 12n }),
    );
    expect(() => mapping.requirePosition(undefined, 'event e')).toThrow(
      /no log position for event e: Samenspoor needs KurrentDB, or EventStoreDB 22\.10 or later/,
    );
    expect(() => mapping.requirePosition({ commit: MAX_U64, prepare: MAX_U64 }, 'x')).toThrow(
      /no log position/,
    );
  });
});

describe('versions ⇄ revisions and stream states', () => {
  it('maps 0-based revisions to 1-based versions exactly, as far as a number is exact', () => {
    expect(mapping.versionOfRevision(0n)).toBe(1);
    expect(mapping.versionOfRevision(41n)).toBe(42);
    expect(mapping.versionOfRevision(BigInt(Number.MAX_SAFE_INTEGER) - 1n)).toBe(
      Number.MAX_SAFE_INTEGER,
    );
    expect(() => mapping.versionOfRevision(BigInt(Number.MAX_SAFE_INTEGER))).toThrow(RangeError);
    expect(() => mapping.versionOfRevision(-1n)).toThrow(RangeError);
    expect(mapping.revisionOfVersion(1)).toBe(0n);
    expect(mapping.revisionOfVersion(Number.MAX_SAFE_INTEGER)).toBe(
      BigInt(Number.MAX_SAFE_INTEGER) - 1n,
    );
    for (const bad of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => mapping.revisionOfVersion(bad)).toThrow(RangeError);
    }
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (version) => {
        expect(mapping.versionOfRevision(mapping.revisionOfVersion(version))).toBe(version);
      }),
    );
  });

  it('maps an expected version to the stream state the server checks', () => {
    expect(mapping.streamStateFor('no-stream')).toBe('no_stream');
    expect(mapping.streamStateFor(0)).toBe('no_stream');
    expect(mapping.streamStateFor(1)).toBe(0n);
    expect(mapping.streamStateFor(7)).toBe(6n);
    expect(mapping.streamStateOfVersion(0)).toBe('no_stream');
    expect(mapping.streamStateOfVersion(3)).toBe(2n);
  });

  it('reads the version a stream is at from a wrong-expected-version error', () => {
    expect(mapping.versionOfState('no_stream')).toBe(0);
    expect(mapping.versionOfState(0n)).toBe(1);
    expect(mapping.versionOfState(9n)).toBe(10);
    expect(mapping.versionOfState('any')).toBeUndefined();
    expect(mapping.versionOfState(-5n)).toBeUndefined();
    expect(mapping.versionOfState(undefined)).toBeUndefined();
  });
});

describe('stream names and the $all filter', () => {
  it('maps streams one-to-one without a prefix, and filters out KurrentDB’s own events by type', () => {
    const names = new mapping.StreamNames();
    expect(names.toServer('family-1')).toBe('family-1');
    expect(names.fromServer('family-1')).toBe('family-1');
    expect(names.fromServer('$stats-127.0.0.1:2113')).toBeUndefined();
    expect(names.filter()).toEqual({
      filterOn: 'eventType',
      regex: '^[^$]',
      checkpointInterval: 1,
    });
    const regex = new RegExp((names.filter() as { regex: string }).regex);
    expect(
      ['FamilyRegistered', '$statsCollected', '$>', '$metadata'].map((t) => regex.test(t)),
    ).toEqual([true, false, false, false]);
    expect(names.isOwnEvent('family-1', 'FamilyRegistered')).toBe(true);
    expect(names.isOwnEvent('family-1', '$streamDeleted')).toBe(false);
    expect(names.isOwnEvent('$projections-$all', 'ProjectionCheckpoint')).toBe(false);
  });

  it('keeps the streams of a prefix apart from every other stream', () => {
    const names = new mapping.StreamNames('groningen/');
    expect(names.toServer('family-1')).toBe('groningen/family-1');
    expect(names.fromServer('groningen/family-1')).toBe('family-1');
    expect(names.fromServer('drenthe/family-1')).toBeUndefined();
    expect(names.fromServer('family-1')).toBeUndefined();
    expect(names.filter()).toEqual({
      filterOn: 'streamName',
      prefixes: ['groningen/'],
      checkpointInterval: 1,
    });
    expect(names.isOwnEvent('drenthe/family-1', 'FamilyRegistered')).toBe(false);
    expect(() => new mapping.StreamNames('$all')).toThrow(/must not start with \$/);
  });
});

describe('events and metadata', () => {
  const read = (overrides: Partial<mapping.ReadEvent>): mapping.ReadEvent => ({
    id: 'D6E0A6B0-8F36-4C7A-9B8E-1F2A3B4C5D6E',
    streamId: 'family-1',
    revision: 4n,
    type: 'CareRequested',
    isJson: true,
    data: {},
    metadata: {},
    created: new Date('2026-03-01T10:00:00.123Z'),
    position: { commit: 100n, prepare: 100n },
    ...overrides,
  });

  it('stores the caller’s metadata untouched beside the schema version, and reads both back exactly', () => {
    const metadata = {
      correlationId: 'c-1',
      causationId: 'k-1',
      // keys that look like the envelope's own stay the caller's
      schemaVersion: 'mine',
      metadata: { nested: [1, null, { deep: 'é' }] },
      $correlationId: 'also mine',
      actor: { id: 'p-1', role: 'professional', organisation: null },
    };
    const data = { careForm: 'foster-care', text: 'Zoë\u0000\u2028👨‍👩‍👧', n: 1.5, list: [] };
    const sent = mapping.toEventData({
      eventId: 'D6E0A6B0-8F36-4C7A-9B8E-1F2A3B4C5D6E',
      type: 'CareRequested',
      schemaVersion: 3,
      data,
      metadata,
    });
    expect(sent).toEqual({
      id: 'd6e0a6b0-8f36-4c7a-9b8e-1f2a3b4c5d6e',
      contentType: 'application/json',
      type: 'CareRequested',
      data,
      metadata: { schemaVersion: 3, metadata, $correlationId: 'c-1', $causationId: 'k-1' },
    });

    // What comes back from the server has been through JSON.
    const overTheWire = JSON.parse(JSON.stringify(sent)) as typeof sent;
    const record = mapping.toEventRecord(
      read({ data: overTheWire.data, metadata: overTheWire.metadata }),
      'family-1',
      mapping.positionToken({ commit: 100n, prepare: 100n }),
    );
    expect(record).toEqual({
      eventId: 'd6e0a6b0-8f36-4c7a-9b8e-1f2a3b4c5d6e',
      streamId: 'family-1',
      version: 5,
      position: mapping.positionToken({ commit: 100n, prepare: 100n }),
      type: 'CareRequested',
      schemaVersion: 3,
      data,
      metadata,
      recordedAt: new Date('2026-03-01T10:00:00.123Z'),
    });
  });

  it('adds the $correlationId and $causationId copies only for string ids', () => {
    const sent = mapping.toEventData({
      eventId: 'd6e0a6b0-8f36-4c7a-9b8e-1f2a3b4c5d6e',
      type: 'X',
      schemaVersion: 1,
      data: {},
      metadata: { correlationId: 42 },
    });
    expect(sent.metadata).toEqual({ schemaVersion: 1, metadata: { correlationId: 42 } });
  });

  it('reads events that another program wrote: schema version 1, their metadata, object data only', () => {
    const position = mapping.positionToken({ commit: 1n, prepare: 1n });
    expect(
      mapping.toEventRecord(read({ data: { a: 1 }, metadata: { by: 'script' } }), 'f', position),
    ).toMatchObject({
      schemaVersion: 1,
      data: { a: 1 },
      metadata: { by: 'script' },
    });
    for (const [data, metadata, isJson] of [
      [[1, 2], 'text', true],
      [new Uint8Array([1, 2]), new Uint8Array([3]), false],
      ['a string', undefined, true],
      [null, null, true],
    ] as const) {
      expect(mapping.toEventRecord(read({ data, metadata, isJson }), 'f', position)).toMatchObject({
        schemaVersion: 1,
        data: {},
        metadata: {},
      });
    }
    // An envelope with a wrong field is not an envelope: the whole object is the metadata.
    expect(
      mapping.toEventRecord(read({ metadata: { schemaVersion: 0, metadata: {} } }), 'f', position),
    ).toMatchObject({ schemaVersion: 1, metadata: { schemaVersion: 0, metadata: {} } });
    expect(
      mapping.toEventRecord(read({ metadata: { schemaVersion: 2, metadata: [] } }), 'f', position),
    ).toMatchObject({ schemaVersion: 1 });
  });
});

describe('client errors', () => {
  const server = 'KurrentDB at node1:2113';

  it('recognises the errors the adapter acts on', () => {
    const conflict = new WrongExpectedVersionError(undefined, {
      streamName: 'family-1',
      expected: 1n,
      current: 3n,
    });
    expect(mapping.isWrongExpectedVersion(conflict)).toBe(true);
    expect(conflict.actualState).toBe(3n);
    expect(mapping.isWrongExpectedVersion(new UnavailableError())).toBe(false);
    expect(mapping.isStreamNotFound(new StreamNotFoundError(undefined, 'family-1'))).toBe(true);
    expect(mapping.isStreamNotFound(new Error('family-1 not found'))).toBe(false);
  });

  it('treats an unreachable server, a lost leader, a deadline and a broken connection as transient', () => {
    const grpc = (code: number, message: string) => Object.assign(new Error(message), { code });
    for (const error of [
      new UnavailableError(),
      new DeadlineExceededError(),
      { type: 'not-leader', message: 'Not leader' },
      { type: 'timeout' },
      grpc(
        14,
        '14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 127.0.0.1:1',
      ),
      grpc(4, '4 DEADLINE_EXCEEDED: Deadline exceeded'),
      grpc(1, '1 CANCELLED: Cancelled'),
      grpc(13, '13 INTERNAL: Received RST_STREAM with code 2'),
      new EventStoreUnavailableError('cannot reach'),
    ]) {
      expect(mapping.isTransient(error)).toBe(true);
    }
    for (const error of [
      new AccessDeniedError(),
      new UnknownError(),
      grpc(13, '13 INTERNAL: serialization failure'),
      grpc(3, '3 INVALID_ARGUMENT'),
      new Error('boom'),
      'a string',
      null,
    ]) {
      expect(mapping.isTransient(error)).toBe(false);
    }
  });

  it('translates unreachable and refusing servers into EventStoreUnavailableError naming the server', () => {
    const unreachable = mapping.translateError(
      Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 }),
      server,
    );
    expect(unreachable).toBeInstanceOf(EventStoreUnavailableError);
    expect((unreachable as Error).message).toBe(
      'cannot reach KurrentDB at node1:2113 (unavailable: 14 UNAVAILABLE: No connection established)',
    );
    expect((mapping.translateError(new UnavailableError(), server) as Error).message).toMatch(
      /^cannot reach KurrentDB at node1:2113 \(unavailable/,
    );
    const denied = mapping.translateError(new AccessDeniedError(), server);
    expect(denied).toBeInstanceOf(EventStoreUnavailableError);
    expect((denied as Error).message).toMatch(/refused access: check the user and password/);
  });

  it('translates appends the server cannot take into InvalidEventError', () => {
    const tooLarge = mapping.translateError(
      MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576),
      server,
      'family-1',
    );
    expect(tooLarge).toBeInstanceOf(InvalidEventError);
    expect((tooLarge as Error).message).toBe(
      'the append to family-1 is larger than KurrentDB at node1:2113 accepts (1048576 bytes)',
    );
    const deleted = mapping.translateError(
      StreamDeletedError.fromStreamName('family-1'),
      server,
      'family-1',
    );
    expect(deleted).toBeInstanceOf(InvalidEventError);
    expect((deleted as Error).message).toMatch(/family-1 was deleted in KurrentDB at node1:2113/);
  });

  it('leaves other errors as they are, and its own errors too', () => {
    const bug = new TypeError('bug');
    expect(mapping.translateError(bug, server)).toBe(bug);
    const own = new InvalidEventError('bad');
    expect(mapping.translateError(own, server)).toBe(own);
  });
});

describe('connection strings', () => {
  it('names the server without credentials, and knows the schemes of KurrentDB and EventStoreDB', () => {
    expect(describeKurrentDbUrl('kurrentdb://admin:changeit@localhost:2113?tls=false')).toBe(
      'KurrentDB at localhost:2113',
    );
    expect(
      describeKurrentDbUrl(
        'kurrentdb+discover://admin:changeit@node1:2113,node2:2113,node3:2113?tlsCAFile=/certs/ca/ca.crt',
      ),
    ).toBe('KurrentDB at node1:2113,node2:2113,node3:2113 (cluster discovery)');
    for (const url of [
      'esdb://h:2113',
      'esdb+discover://h',
      'kdb://h',
      'kurrent://h:1/',
      'kurrentdb://h?tls=false',
    ]) {
      expect(isKurrentDbUrl(url)).toBe(true);
    }
    for (const url of [
      'http://h:2113',
      'postgres://h/db',
      'kurrentdb://',
      'kurrentdb://a b',
      'h:2113',
      '',
    ]) {
      expect(isKurrentDbUrl(url)).toBe(false);
    }
  });

  it('refuses a malformed connection string without repeating it', async () => {
    const attempts = [
      connectKurrentDb('https://admin:s3cret@node1:2113'),
      connectKurrentDb('kurrentdb://admin:s3cret@node1:2113?tls=maybe'),
      connectKurrentDb(
        'kurrentdb://admin:s3cret@node1:2113?tls=true&tlsCAFile=/nonexistent/ca.crt',
      ),
    ];
    for (const attempt of attempts) {
      await expect(attempt).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(attempt).rejects.toThrow(/cannot use/);
      await expect(attempt).rejects.not.toThrow(/s3cret/);
    }
    await expect(attempts[2]).rejects.toThrow(/certificate file/i);
  });

  it('creates a client without contacting the server', async () => {
    const client = await connectKurrentDb('kurrentdb://127.0.0.1:1?tls=false');
    await client.dispose();
  });
});
