import { Inject, Injectable, Logger } from '@nestjs/common';

import type { AuditLog } from '@samenspoor/access';
import type { BackgroundService } from '@samenspoor/platform';

import { AUDIT_LOG } from './audit-trail';

/** How often the audit log is sealed: the window in which an entry cut from the end of a chain goes unnoticed. */
export const AUDIT_SEAL_INTERVAL_MS = 5_000;

/**
 * Seals the audit log every few seconds, and once more when the application stops, so that the heads of the
 * chains that moved are tied into the seals (see AuditLog.seal). Processes side by side may all seal: they take
 * turns, and a seal with nothing new is not written.
 */
@Injectable()
export class AuditSealer implements BackgroundService {
  private readonly logger = new Logger('AuditSealer');
  private timer: NodeJS.Timeout | undefined;
  private sealing: Promise<void> = Promise.resolve();

  constructor(@Inject(AUDIT_LOG) private readonly log: AuditLog) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sealNow(), AUDIT_SEAL_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sealNow();
  }

  /** Seals now, after a seal already under way; a failure is logged and the next round tries again. */
  sealNow(): Promise<void> {
    this.sealing = this.sealing.then(async () => {
      try {
        await this.log.seal();
      } catch (error) {
        this.logger.warn(
          `sealing the audit log failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    });
    return this.sealing;
  }
}
