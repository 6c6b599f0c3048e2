import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import { describeSms, dispatched, NoticeDispatcher, redactUrl, smsProviderFrom, SmtpEmailTransport, type SmsSettings } from '@app/notices';
import { SMS_SETTINGS } from './sms.token';
import { Stores } from '@app/persistence';
import { APP_CONFIG } from '../config.token';
import { type Clock, CLOCK } from '@app/domain';
import { RulePackRegistry } from '@app/rules';


/**
 * Sends queued voter notices every NOTICE_INTERVAL_SECONDS while the service runs: texts through
 * the SMS provider (or the log), letters onto the mailed-letter list, and email when SMTP_URL is
 * set; without it, says once at start that email notices stay queued. A run never overlaps the
 * previous one, and shutdown waits for the run in progress (a notice claimed is then finished,
 * not left half-sent) before the database closes.
 */
@Injectable()
export class NoticesScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Notices');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;
  private email: SmtpEmailTransport | null = null;
  private dispatcher: NoticeDispatcher | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly stores: Stores,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SMS_SETTINGS) private readonly sms: SmsSettings,
    private readonly packs: RulePackRegistry,
  ) {}

  onApplicationBootstrap(): void {
    const { smtpUrl, noticeFrom } = this.config;
    if (smtpUrl === null || noticeFrom === null) {
      this.logger.warn({ msg: 'SMTP_URL is not set: voter notices by email stay queued in the outbox until it is (texts and letters still go). Set SMTP_URL and NOTICE_FROM.' });
    } else {
      this.email = new SmtpEmailTransport({ url: smtpUrl, from: noticeFrom });
    }
    this.dispatcher = new NoticeDispatcher(
      this.stores,
      { email: this.email, sms: smsProviderFrom(this.sms, (line) => this.logger.log(line)) },
      this.clock,
      { publicUrl: this.config.publicUrl, log: (line) => this.logger.log(line), leaseMs: this.config.noticeLeaseSeconds * 1000, packs: this.packs },
    );
    this.logger.log({ msg: 'voter notices are sent from the outbox', email: smtpUrl === null ? 'not configured' : redactUrl(smtpUrl), everySeconds: this.config.noticeIntervalSeconds, leaseSeconds: this.config.noticeLeaseSeconds, sms: describeSms(this.sms) });
    this.timer = setInterval(() => this.tick(), this.config.noticeIntervalSeconds * 1000);
    this.tick();
  }

  /** Starts a run unless one is still going. */
  tick(): void {
    if (this.running !== null || this.stopping || this.dispatcher === null) return;
    const dispatcher = this.dispatcher;
    this.running = this.drain(dispatcher)
      .catch((error: unknown) => this.logger.error({ msg: 'voter notice run failed; the next one tries again', error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        this.running = null;
      });
  }

  private async drain(dispatcher: NoticeDispatcher): Promise<void> {
    while (!this.stopping && dispatched(await dispatcher.runOnce()) > 0) {
      // another batch: there may be more than one run's worth due
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    this.email?.close();
  }
}
