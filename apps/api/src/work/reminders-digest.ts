import { Inject, Injectable, Logger } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';

import { Directory } from '@samenspoor/directory';
import type { BackgroundService } from '@samenspoor/platform';
import { familyListProjection, ProjectionRunner, WORK_AHEAD_DAYS } from '@samenspoor/projections';
import {
  componentMigrations,
  quoteIdentifier,
  SQL_DATABASE,
  type SqlDatabase,
} from '@samenspoor/sql';

import { APP_CONFIG, type AppConfig, type RemindersConfig } from '../config/app-config';
import { WorkList } from './work-list';

const digestMigrations = componentMigrations('reminder-digests', {
  'days the digest went out': (s) => `
      create table ${s}.reminder_digests (
        day date primary key,
        sent_at timestamptz not null default now(),
        recipients integer not null default 0
      )`,
});

/** The e-mail one professional gets: counts and a link, nothing about any family. */
export interface DigestMail {
  readonly subject: string;
  readonly text: string;
}

/** What a run of the digest did. */
export type DigestOutcome =
  | { readonly sent: number; readonly failed: number }
  | { readonly skipped: 'off' | 'already-sent' | 'read-model-not-ready' };

const HOUR_MS = 3_600_000;

/**
 * The daily reminders digest (herinneringen): once a day, at `DIGEST_HOUR` (UTC), every professional in the
 * directory with an e-mail address and something on their work list gets an e-mail saying how many items are due
 * and how many are overdue, with a link to "Mijn werk". No names, no family ids, no case content: only counts.
 * Off unless `SMTP_URL` is set. Several API processes may run it: the day is claimed in the database first
 * (`reminder_digests`), so each day's digest goes out once.
 */
@Injectable()
export class RemindersDigest implements BackgroundService {
  private readonly logger = new Logger('RemindersDigest');
  private transport: Transporter | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly config: RemindersConfig | undefined;
  private readonly schema: string;
  private readonly table: string;

  constructor(
    @Inject(APP_CONFIG) appConfig: AppConfig,
    @Inject(SQL_DATABASE) private readonly database: SqlDatabase,
    private readonly directory: Directory,
    private readonly work: WorkList,
    private readonly runner: ProjectionRunner,
  ) {
    this.config = appConfig.reminders;
    this.schema = appConfig.store.schema;
    this.table = `${quoteIdentifier(appConfig.store.schema)}.reminder_digests`;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config) return;
    await digestMigrations.migrate(this.database, this.schema);
    this.transport = createTransport(this.config.smtpUrl);
    this.schedule();
  }

  beforeApplicationShutdown(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.transport?.close();
  }

  /**
   * Sends the digest of `asOf`'s day (UTC), unless it went out already that day: what the daily timer calls, and
   * what a test or an operator calls to send it now.
   */
  async send(asOf: Date = new Date()): Promise<DigestOutcome> {
    const config = this.config;
    const transport = this.transport;
    if (!config || !transport) return { skipped: 'off' };
    if (!(await this.runner.isReady(familyListProjection.name)))
      return { skipped: 'read-model-not-ready' };
    const day = asOf.toISOString().slice(0, 10);
    const claimed = await this.database.query(
      `insert into ${this.table} (day) values ($1::date) on conflict (day) do nothing returning day`,
      [day],
    );
    if (claimed.length === 0) return { skipped: 'already-sent' };
    let sent = 0;
    let failed = 0;
    for (const professional of await this.directory.professionalsWithEmail()) {
      const counts = await this.work.counts(professional.professionalId, asOf);
      if (counts.due === 0 || !professional.email) continue;
      const mail = digestMail(counts, config.publicUrl);
      try {
        await transport.sendMail({ from: config.from, to: professional.email, ...mail });
        sent += 1;
      } catch (error) {
        failed += 1;
        // The address is personal: the professional's id and the error's code only.
        this.logger.warn(
          { professional: professional.professionalId, code: (error as { code?: unknown }).code },
          'reminders digest not delivered',
        );
      }
    }
    await this.database.query(`update ${this.table} set recipients = $2 where day = $1::date`, [
      day,
      sent,
    ]);
    this.logger.log({ day, sent, failed }, 'reminders digest sent');
    return { sent, failed };
  }

  /** Waits for the next `DIGEST_HOUR` (UTC), sends, and waits for the next day's. */
  private schedule(): void {
    const config = this.config;
    if (!config) return;
    const now = Date.now();
    const next = new Date(now);
    next.setUTCHours(config.hourUtc, 0, 0, 0);
    if (next.getTime() <= now) next.setTime(next.getTime() + 24 * HOUR_MS);
    this.timer = setTimeout(() => {
      this.send()
        .catch((error: unknown) =>
          this.logger.error(
            { code: (error as { code?: unknown }).code },
            'reminders digest failed; tried again tomorrow',
          ),
        )
        .finally(() => this.schedule());
    }, next.getTime() - now);
    this.timer.unref();
  }
}

/** The digest's e-mail, in Dutch: how many items are due and overdue, and the link to "Mijn werk". */
export function digestMail(
  counts: { readonly due: number; readonly overdue: number },
  publicUrl: string,
): DigestMail {
  const items = counts.due === 1 ? '1 punt' : `${counts.due} punten`;
  const late =
    counts.overdue === 0
      ? 'geen daarvan is te laat'
      : counts.overdue === 1
        ? '1 daarvan is te laat'
        : `${counts.overdue} daarvan zijn te laat`;
  return {
    subject: `Samenspoor: ${items} op uw werklijst${counts.overdue > 0 ? `, ${counts.overdue} te laat` : ''}`,
    text: [
      'Goedemorgen,',
      '',
      `Op uw werklijst in Samenspoor staan ${items} die de komende ${WORK_AHEAD_DAYS} dagen aan de beurt zijn of te laat zijn; ${late}.`,
      '',
      `Bekijk ze in Mijn werk: ${publicUrl}/werk`,
      '',
      'In deze e-mail staan met opzet geen namen of andere gegevens van gezinnen. U krijgt dit bericht elke ochtend waarop er iets op uw werklijst staat.',
    ].join('\n'),
  };
}
