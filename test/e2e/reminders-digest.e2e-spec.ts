import type { AddressInfo } from 'node:net';

import { SMTPServer } from 'smtp-server';

import { RemindersDigest } from '../../apps/api/src/work/reminders-digest';
import { describeOnEachStore, useTestApp } from '../support/app';
import { keepDirectoryEntry } from '../support/route';

const DAY = 86_400_000;
const BSN = '230000046';

/** An e-mail as the local SMTP server received it. */
interface Received {
  readonly to: string[];
  readonly raw: string;
}

/** The body of a received message, quoted-printable soft breaks and escapes undone, headers included. */
function readable(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The daily reminders digest: a local SMTP server started here receives what the digest sends; each professional
 * with an e-mail address and something on their work list gets the counts and a link, and nothing personal.
 */
describeOnEachStore('the reminders digest by e-mail', (kind) => {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  // Filled in once the SMTP server listens, before the app reads its configuration.
  const env: Record<string, string> = { PUBLIC_URL: 'https://samenspoor.example.nl/' };
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    env.SMTP_FROM = 'Samenspoor <herinnering@samenspoor.example.nl>';
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const app = useTestApp(kind, { env });
  const busy = app.as('p-busy', ['professional'], 'WIJ Groningen');
  const idle = app.as('p-idle', ['professional'], 'Accare');
  const unreachable = app.as('p-no-mail', ['professional'], 'Elker');
  let familyId = '';
  let memberIds: string[] = [];
  let position = '';

  beforeAll(async () => {
    for (const [client, name, email] of [
      [busy, 'Bram Busy-Wiersma', 'bram@wij.example.nl'],
      [idle, 'Ida Idle', 'ida@accare.example.nl'],
      [unreachable, 'Otto Zonder Mail', undefined],
    ] as const) {
      await keepDirectoryEntry(client, {
        name,
        organisation: 'WIJ Groningen',
        ...(email ? { email } : {}),
      });
    }
    // Busy's family: signalled 20 days ago (analysis and case director overdue), a plan to evaluate in 5 days.
    const registered = await busy.post('/api/families', {
      municipality: 'Groningen',
      members: [{ role: 'youth', displayName: 'Jesse Hoekstra', birthYear: 2012, bsn: BSN }],
      occurredAt: new Date(Date.now() - 21 * DAY).toISOString(),
    });
    expect(registered.status).toBe(201);
    familyId = registered.body.familyId;
    memberIds = registered.body.memberIds;
    const signal = await busy.post(`/api/families/${familyId}/signals`, {
      source: 'education',
      concerns: ['school-dropout'],
      urgency: 'regular',
      summary: 'Verzuimt al weken',
      occurredAt: new Date(Date.now() - 20 * DAY).toISOString(),
    });
    expect(signal.status).toBe(201);
    // The professional without e-mail has overdue work too: no e-mail for them.
    const theirs = await unreachable.post('/api/families', {
      municipality: 'Groningen',
      members: [{ role: 'youth', displayName: 'Fenna Dijkstra' }],
      occurredAt: new Date(Date.now() - 30 * DAY).toISOString(),
    });
    const theirSignal = await unreachable.post(`/api/families/${theirs.body.familyId}/signals`, {
      source: 'gp',
      concerns: ['trauma'],
      urgency: 'regular',
      occurredAt: new Date(Date.now() - 30 * DAY).toISOString(),
    });
    position = theirSignal.body.position;
  }, 120_000);

  it('sends each professional with work the counts and a link, and no personal value', async () => {
    // The work list as the professional sees it, once the read model has the steps.
    const list = await busy.get(`/api/my-work?minPosition=${position}`);
    expect(list.status).toBe(200);
    expect(list.body.counts).toEqual({ due: 2, overdue: 2 });

    const outcome = await app.app.get(RemindersDigest).send(new Date());
    expect(outcome).toEqual({ sent: 1, failed: 0 });
    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.to).toEqual(['bram@wij.example.nl']);
    const text = readable(mail.raw);
    expect(text).toMatch(/^Subject: Samenspoor: 2 punten op uw werklijst, 2 te laat/m);
    expect(text).toContain('2 punten');
    expect(text).toContain('2 daarvan zijn te laat');
    expect(text).toContain('https://samenspoor.example.nl/werk');
    expect(text).toMatch(/^From: Samenspoor <herinnering@samenspoor\.example\.nl>/m);

    const personal = [
      familyId,
      ...memberIds,
      BSN,
      'Jesse',
      'Hoekstra',
      'Verzuimt',
      'Bram',
      'Wiersma',
      'Fenna',
      'Dijkstra',
      'p-busy',
    ];
    // Everything but the envelope's own address: the subject, the other headers and the body.
    const shown = text.replace(/^To: .*$/m, '').toLowerCase();
    for (const value of personal) expect(shown).not.toContain(value.toLowerCase());
  });

  it('goes out once a day, however often it is triggered', async () => {
    const again = await app.app.get(RemindersDigest).send(new Date());
    expect(again).toEqual({ skipped: 'already-sent' });
    expect(received).toHaveLength(1);
  });
});
