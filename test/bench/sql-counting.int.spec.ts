import { Client } from 'pg';

import { describeWithPostgres, postgresUrl } from '@samenspoor/testing';

import { countingProxy } from './sql-counting';

describeWithPostgres('the benches’ counting proxy', () => {
  it('counts a transaction by its own statements, not by the statement the connection ran before it', async () => {
    const server = new URL(postgresUrl());
    const proxy = await countingProxy({ host: server.hostname, port: Number(server.port || 5432) });
    const via = new URL(server);
    via.host = `127.0.0.1:${proxy.port}`;
    const client = new Client({ connectionString: via.toString() });
    await client.connect();
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
});
