/**
 * What the benches count SQL statements with, and the database of their own that they run on.
 *
 * - {@link countingDatabase}: a SqlDatabase that counts the statements sent through it (a transaction counts its
 *   `begin` and `commit` too), for a bench that holds the database in its own process.
 * - {@link countingProxy}: a TCP proxy in front of PostgreSQL that reads the wire protocol a process sends (simple
 *   queries, and `Execute` of prepared statements) and counts its statements by what they touch, for a bench that
 *   runs the API as a process of its own. `begin`/`commit`/`rollback` count with the statements of their
 *   transaction.
 * - {@link benchDatabase}: `CREATE DATABASE samenspoor_bench_<random>` on the server of a URL, dropped after.
 */
import { randomUUID } from 'node:crypto';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

import { Client } from 'pg';

import type { QueryOptions, SqlDatabase, SqlQueryable, SqlSession } from '@samenspoor/sql';

/** A database that counts the statements run through it. */
export function countingDatabase(database: SqlDatabase): SqlDatabase & { statements(): number } {
  let statements = 0;
  const counted = (queryable: SqlQueryable): SqlQueryable => ({
    query: <R extends object>(
      text: string,
      params?: readonly unknown[],
      options?: QueryOptions,
    ) => {
      statements++;
      return queryable.query<R>(text, params, options);
    },
  });
  const inTransaction = <T>(
    begin: (work: (tx: SqlQueryable) => Promise<T>) => Promise<T>,
    work: (tx: SqlQueryable) => Promise<T>,
  ) => {
    statements += 2;
    return begin((tx) => work(counted(tx)));
  };
  return {
    kind: database.kind,
    description: database.description,
    statements: () => statements,
    query: (text, params, options) => counted(database).query(text, params, options),
    transaction: (work) => inTransaction((w) => database.transaction(w), work),
    session: (work) =>
      database.session((session) =>
        work({
          ...counted(session),
          lost: session.lost,
          transaction: (inner) => inTransaction((w) => session.transaction(w), inner),
        } satisfies SqlSession),
      ),
    close: () => database.close(),
  };
}

/** What a statement is for, as the API bench reports it. */
export type StatementKind = 'command' | 'read-model' | 'other';

/**
 * The kind of a statement by the tables it names: the command path writes and reads the event stream, the audit
 * log and the family keys; the read models' upkeep is the catch-up read of all events and everything else; the
 * audit seals (every few seconds) are neither.
 */
export function statementKind(text: string): StatementKind | undefined {
  const sql = text.toLowerCase();
  if (/^\s*(begin|commit|rollback|start transaction)\b/.test(sql)) return undefined;
  if (/audit_seal/.test(sql)) return 'other';
  if (/pg_snapshot_xmin/.test(sql)) return 'read-model';
  if (/\.events\b|audit_log|audit_chain_head|personal_data_keys|member_id/.test(sql))
    return 'command';
  return 'read-model';
}

export interface StatementCounts {
  command: number;
  'read-model': number;
  other: number;
  /**
   * Appends to the event table: the commands that stored events (a statement that appends several commands' events
   * together counts each of them: the elements of its first parameter, their streams).
   */
  appends: number;
}

/** A proxy to PostgreSQL at `upstream` ("host:port") that counts the statements sent through it. */
export async function countingProxy(upstream: { host: string; port: number }): Promise<{
  readonly port: number;
  counts(): StatementCounts;
  reset(): void;
  close(): Promise<void>;
}> {
  let counts: StatementCounts = { command: 0, 'read-model': 0, other: 0, appends: 0 };
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const server = connect(upstream.port, upstream.host);
    sockets.add(client).add(server);
    client.on('close', () => sockets.delete(client));
    server.on('close', () => sockets.delete(server));
    client.on('error', () => server.destroy());
    server.on('error', () => client.destroy());
    server.pipe(client);
    const reader = frontendReader((kind, text, first) => {
      counts[kind]++;
      if (/^\s*with current_version as .*insert into \S+\.events\b/is.test(text)) counts.appends++;
      else if (/^\s*with input as .*insert into \S+\.events\b/is.test(text))
        counts.appends += arrayLength(first);
    });
    client.on('data', (chunk: Buffer) => {
      reader(chunk);
      server.write(chunk);
    });
    client.on('end', () => server.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    counts: () => ({ ...counts }),
    reset: () => {
      counts = { command: 0, 'read-model': 0, other: 0, appends: 0 };
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * The elements of an array parameter in PostgreSQL's text form (`{"a","b"}`, as `pg` sends a JavaScript array):
 * its commas outside quotes, plus one; 0 for an empty array or none.
 */
function arrayLength(literal: string | undefined): number {
  if (!literal || literal === '{}') return 0;
  let elements = 1;
  let quoted = false;
  for (let i = 1; i < literal.length - 1; i++) {
    const c = literal[i];
    if (c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) elements++;
  }
  return elements;
}

/** The first parameter of a `Bind` message's body, as text; undefined when it has none or it is NULL. */
function firstParameter(body: Buffer): string | undefined {
  let at = body.indexOf(0) + 1; // the portal's name
  at = body.indexOf(0, at) + 1; // the statement's name
  const formats = body.readInt16BE(at);
  at += 2 + 2 * formats;
  if (body.readInt16BE(at) === 0) return undefined;
  const length = body.readInt32BE(at + 2);
  return length < 0 ? undefined : body.toString('utf8', at + 6, at + 6 + length);
}

/**
 * Reads what a client sends (its startup message, then typed messages) and reports each statement run: a simple
 * query (`Q`), or an `Execute` (`E`) of the statement last bound, with its first parameter. Transaction control
 * counts with its transaction.
 */
function frontendReader(
  count: (kind: StatementKind, text: string, first?: string) => void,
): (chunk: Buffer) => void {
  let buffered = Buffer.alloc(0);
  let started = false;
  const named = new Map<string, string>();
  let bound = '';
  let boundFirst: string | undefined;
  let control = 0;
  let transactionKind: StatementKind | undefined;
  const statement = (text: string, first?: string) => {
    const kind = statementKind(text);
    if (kind === undefined) {
      control++;
      if (/^\s*(commit|rollback)/i.test(text)) {
        for (let i = 0; i < control; i++) count(transactionKind ?? 'other', text);
        control = 0;
        transactionKind = undefined;
      }
      return;
    }
    // Only within a transaction: a statement on its own (an append) must not lend its kind to the begin and
    // commit of the next transaction on the connection (a read model's), as it did before.
    if (control > 0) transactionKind ??= kind;
    count(kind, text, first);
  };
  return (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (;;) {
      if (!started) {
        if (buffered.length < 8) return;
        const length = buffered.readInt32BE(0);
        if (buffered.length < length) return;
        const code = buffered.readInt32BE(4);
        buffered = buffered.subarray(length);
        // An SSL or GSS request is answered with one byte and followed by the real startup message.
        if (code !== 80877103 && code !== 80877104) started = true;
        continue;
      }
      if (buffered.length < 5) return;
      const type = String.fromCharCode(buffered[0]!);
      const length = buffered.readInt32BE(1);
      if (buffered.length < 1 + length) return;
      const body = buffered.subarray(5, 1 + length);
      buffered = buffered.subarray(1 + length);
      const strings = () => body.toString('utf8').split('\u0000');
      if (type === 'Q') statement(strings()[0] ?? '');
      else if (type === 'P') {
        const [name = '', text = ''] = strings();
        named.set(name, text);
      } else if (type === 'B') {
        bound = named.get(strings()[1] ?? '') ?? '';
        boundFirst = firstParameter(body);
      } else if (type === 'E') statement(bound, boundFirst);
    }
  };
}

/** A database of its own on the server of `url`, dropped (with its connections) by `drop`. */
export async function benchDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `samenspoor_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    url: own.toString(),
    drop: async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
