import { randomUUID } from 'node:crypto';

import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';

import { APP_CONFIG, type AppConfig } from '../../apps/api/src/config/app-config';
import { describeOnEachStore, useTestApp } from '../support/app';
import { familyOnRoute } from '../support/route';

/**
 * Issue 11, item 7: every refusal of a command is audited. 403, a broken domain rule (422) and bad input (400) are
 * checked in `audit.e2e-spec.ts`, a taken member id in `member-ids.e2e-spec.ts`; these are the other two: a
 * version conflict (409) and a reused Idempotency-Key (422).
 */
describeOnEachStore('refused commands in the audit log', (kind) => {
  const app = useTestApp(kind);
  const professional = app.as('p-refused', ['professional']);
  let family: string;

  beforeAll(async () => {
    const registered = { municipality: 'Pekela', displayName: 'Weigering' };
    family = (await familyOnRoute(professional, registered)).familyId;
  });

  async function entries(): Promise<{ status: number; outcome: string; detail: string | null }[]> {
    const schema = app.app.get<AppConfig>(APP_CONFIG).store.schema;
    return app.app.get<SqlDatabase>(SQL_DATABASE).query(
      `select status, outcome, detail from "${schema}".audit_log
       where actor_id = 'p-refused' and family_id = $1 and action = 'POST /api/families/:familyId/signals'
       order by seq`,
      [family],
    );
  }

  const signal = (urgency: string) => ({ source: 'gp', concerns: ['anxiety'], urgency });

  it('audits a version conflict (409)', async () => {
    const before = (await entries()).length;
    const answer = await professional.post(`/api/families/${family}/signals`, signal('regular'), {
      'If-Match': '"99"',
    });
    expect(answer.status).toBe(409);
    const after = await entries();
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ status: 409 });
  });

  it('audits a reused Idempotency-Key (422 idempotency-key-reused)', async () => {
    const key = randomUUID();
    const first = await professional.post(`/api/families/${family}/signals`, signal('regular'), {
      'Idempotency-Key': key,
    });
    expect(first.status).toBe(201);
    const before = (await entries()).length;
    const reused = await professional.post(`/api/families/${family}/signals`, signal('crisis'), {
      'Idempotency-Key': key,
    });
    expect(reused.status).toBe(422);
    const after = await entries();
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ status: 422, detail: 'idempotency-key-reused' });
  });
});
