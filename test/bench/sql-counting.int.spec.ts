import { Client } from 'pg';

import { describeWithPostgres, postgresUrl } from '@samenspoor/testing';

import { countingProxy } from './sql-counting';

/** A counting proxy to the test server, and a client connected through it. */
async function throughProxy() {
  const server = new URL(postgresUrl());
  const proxy = await countingProxy({ host: server.hostname, port: Number(server.port || 5432) });
  const via = new URL(server);
  via.host = `127.0.0.1:${proxy.port}`;
  const client = new Client({ connectionString: via.toString() });
  await client.connect();
  return { proxy, client };
}

describeWithPostgres('the benches’ counting proxy', () => {
  it('counts a transaction by its own statements, not by the statement the connection ran before it', async () => {
    const { proxy, client } = await throughProxy();
    try {
      proxy.reset();
      // Given a statement on its own that the command path sends (it names the event table)…
      await client.query(`select 1 /* x.events */`);
      // …when a read model's transaction follows on the same connection,
      await client.query('begin');
      await client.query(`select $1::int /* a read model's row */`, [1]);
      await client.query('commit');
      // and then a transaction of the command path,
      await client.query('begin');
      await client.query(`select 2 /* x.audit_log */`);
      await client.query('commit');
      // then each transaction's begin and commit count with its own statements.
      expect(proxy.counts()).toMatchObject({ command: 4, 'read-model': 3 });
    } finally {
      await client.end();
      await proxy.close();
    }
  });

  it("counts each command of a statement that appends several commands' events together", async () => {
    const { proxy, client } = await throughProxy();
    try {
      await client.query('create temporary table events (stream_id text)');
      proxy.reset();
      // Given one command's append, as the store writes it on its own…
      await client.query(
        `with current_version as (select 0 as v) insert into pg_temp.events select $1::text`,
        ['family-1'],
      );
      // …and three commands' appends in one statement, their streams the first parameter (an array: a comma and
      // a quote inside an element are not elements of their own),
      await client.query(
        `with input as (select unnest($1::text[]) as s) insert into pg_temp.events select s from input`,
        [['family-2', 'family-3,x', 'family-"4"']],
      );
      // then each counts as an append: four commands in two statements.
      expect(proxy.counts()).toMatchObject({ appends: 4, command: 2 });
    } finally {
      await client.end();
      await proxy.close();
    }
  });
});
