/**
 * The machine's reference for bench:api: a bare `node:http` server that stores the body of each POST with one
 * `INSERT` (a prepared statement, autocommit, through a pool of 16 connections) and answers 201 with the new row's
 * id — no framework, no authentication, no validation, no audit, no read models. What commands over HTTP cost at
 * the least on this machine, with the same load generator and PostgreSQL server: the API's figures read against
 * it compare across machines of different speed.
 *
 * Run by api.bench.ts as a process of its own (`REFERENCE_DATABASE_URL`, `REFERENCE_TABLE`); it sends its port to
 * its parent once it listens.
 */
import { createServer } from 'node:http';

import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.REFERENCE_DATABASE_URL, max: 16 });
const insert = {
  name: 'reference_insert',
  text: `insert into ${process.env.REFERENCE_TABLE} (path, body) values ($1, $2::jsonb) returning id`,
};

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const answer = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      response.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
      });
      response.end(text);
    };
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      answer(400, { error: 'the body is no JSON' });
      return;
    }
    pool.query<{ id: string }>({ ...insert, values: [request.url, JSON.stringify(body)] }).then(
      (result) => answer(201, { id: result.rows[0]?.id }),
      () => answer(500, { error: 'not stored' }),
    );
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.(typeof address === 'object' && address ? address.port : 0);
});
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
