import { createTransport, type Transporter } from 'nodemailer';
import type { SMTPSentMessageInfo } from 'nodemailer';

/**
 * How notices leave the service. A transport answers with a short detail for the attempt's
 * record, or throws; neither the detail nor the error may carry the message's content or the
 * voter's address (the dispatcher scrubs them again before storing anything).
 */

export interface DeliveryReceipt {
  /** The transport's answer, e.g. the SMTP server's `250 OK: queued`. */
  readonly detail: string;
  /** The provider's id for the message, when it gives one: its delivery-status callbacks name it. */
  readonly providerMessageId?: string;
}

export interface OutgoingEmail {
  /** The outbox row: the Message-ID is made from it, so a resend of the same notice is recognisable. */
  readonly outboxId: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** The county office's email, when it has one: replies go there. */
  readonly replyTo: string | null;
}

export interface EmailTransport {
  send(message: OutgoingEmail): Promise<DeliveryReceipt>;
  close(): void;
}

export interface OutgoingSms {
  /** The outbox row: it is the idempotency key, the same on every attempt, so a retry is never a second text. */
  readonly outboxId: string;
  readonly to: string;
  readonly text: string;
}

export interface SmsProvider {
  send(message: OutgoingSms): Promise<DeliveryReceipt>;
}

/**
 * One Message-ID per outbox row, whatever the attempt: if a server accepted a message but the
 * answer was lost, the retry carries the same Message-ID and the receiving side can drop it.
 */
export function noticeMessageId(outboxId: string): string {
  return `<${outboxId}@notices.ballot-adjudication>`;
}

/** A URL as it may be shown: without its password. */
export function redactUrl(url: string): string {
  return url.replace(/^(\w+:\/\/)([^@/]*)@/, (_, scheme: string, userInfo: string) => `${scheme}${userInfo.split(':')[0] ?? ''}:***@`);
}

export class SmtpConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SmtpConfigError';
  }
}

export interface SmtpOptions {
  /** `smtp://user:pass@host:port` (STARTTLS when the server offers it) or `smtps://...` (TLS from the start). */
  readonly url: string;
  /** The From address, e.g. `"Fulton County Elections" <notices@example.gov>`. */
  readonly from: string;
  /** Connection, greeting and idle timeouts, so a dead server cannot hold the dispatcher up for minutes. */
  readonly timeoutMs?: number;
}

/** Email over SMTP with nodemailer: one connection per message, no pooling to go stale. */
export class SmtpEmailTransport implements EmailTransport {
  private readonly transporter: Transporter<SMTPSentMessageInfo>;

  constructor(private readonly options: SmtpOptions) {
    let parsed: URL;
    try {
      parsed = new URL(options.url);
    } catch {
      throw new SmtpConfigError('SMTP_URL is not a URL (e.g. smtp://user:password@mail.example.gov:587)');
    }
    if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') throw new SmtpConfigError(`SMTP_URL must start with smtp:// or smtps://, not ${parsed.protocol}//`);
    if (parsed.hostname === '') throw new SmtpConfigError('SMTP_URL has no host');
    if (!options.from.includes('@')) throw new SmtpConfigError('NOTICE_FROM must be an email address');
    const timeout = options.timeoutMs ?? 30_000;
    this.transporter = createTransport({
      url: options.url,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      logger: false,
    });
  }

  async send(message: OutgoingEmail): Promise<DeliveryReceipt> {
    const info = await this.transporter.sendMail({
      from: this.options.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      messageId: noticeMessageId(message.outboxId),
      ...(message.replyTo === null ? {} : { replyTo: message.replyTo }),
    });
    return { detail: info.response };
  }

  close(): void {
    this.transporter.close();
  }
}

/** A phone number as it may be logged: every digit but the last two hidden. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `${'*'.repeat(Math.max(digits.length - 2, 0))}${digits.slice(-2)}`;
}

export type StructuredLog = (entry: Readonly<Record<string, unknown>>) => void;

/**
 * The default text-message "provider" until a county contracts one: one structured log line per
 * message (outbox id, the phone masked to its last two digits, the text), for an operator to
 * send by hand or to check what would have gone out.
 */
export class LogSmsProvider implements SmsProvider {
  constructor(private readonly log: StructuredLog) {}

  send(message: OutgoingSms): Promise<DeliveryReceipt> {
    this.log({ msg: 'sms notice', outboxId: message.outboxId, to: maskPhone(message.to), text: message.text });
    return Promise.resolve({ detail: 'logged for sending by hand (no SMS provider configured)' });
  }
}
