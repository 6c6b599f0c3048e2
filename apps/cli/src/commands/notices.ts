import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import { formatHead } from '@app/audit';
import { dispatched, exportLetters, lettersCsv, NO_DISPATCH, smsProviderFrom, smsSettingsFrom, NoticeDispatcher, SmtpEmailTransport, type DispatchCounts } from '@app/notices';
import { Stores } from '@app/persistence';
import { Elections } from '@app/ballots';
import { RulePackRegistry } from '@app/rules';
import { EXIT } from '../context';
import { DomainError, SYSTEM_ACTOR, type Clock, CLOCK } from '@app/domain';

/**
 * Sends every voter notice that is due, until none is left (each run picks the oldest hundred).
 * Email needs SMTP_URL and NOTICE_FROM; text messages go through the SMS provider when SMS_API_URL
 * is set, else to the log (LogSmsProvider), one JSON line each with the phone masked, for sending by hand. Exit 1 when a notice was given up.
 */
export async function dispatchNoticesCommand(app: INestApplicationContext, config: AppConfig): Promise<number> {
  const email = config.smtpUrl === null || config.noticeFrom === null ? null : new SmtpEmailTransport({ url: config.smtpUrl, from: config.noticeFrom });
  const stores = app.get(Stores);
  const dispatcher = new NoticeDispatcher(
    stores,
    { email, sms: smsProviderFrom(smsSettingsFrom(process.env), (line) => process.stdout.write(`${JSON.stringify(line)}\n`)) },
    app.get<Clock>(CLOCK),
    { publicUrl: config.publicUrl, log: (line) => process.stderr.write(`${JSON.stringify(line)}\n`), leaseMs: config.noticeLeaseSeconds * 1000, packs: app.get(RulePackRegistry) },
  );
  const sum: { -readonly [K in keyof DispatchCounts]: number } = { ...NO_DISPATCH };
  try {
    for (;;) {
      const run = await dispatcher.runOnce();
      for (const key of Object.keys(sum) as (keyof DispatchCounts)[]) sum[key] += run[key];
      if (dispatched(run) === 0) break;
    }
  } finally {
    email?.close();
  }
  console.log(`notices: ${sum.sent} sent, ${sum.retried} to retry later, ${sum.failed} given up, ${sum.letters} for the letter list${sum.superseded > 0 ? `, ${sum.superseded} no longer true (not sent)` : ''}`);
  if (email === null) {
    const waiting = await stores.noticesRead((n) => n.countWaitingForEmail());
    if (waiting > 0) console.log(`${waiting} notice${waiting === 1 ? '' : 's'} by email stay${waiting === 1 ? 's' : ''} queued: set SMTP_URL and NOTICE_FROM (the sender) to send ${waiting === 1 ? 'it' : 'them'}`);
  }
  const stuck = await stores.noticesRead((n) => n.countSending());
  const lease = config.noticeLeaseSeconds % 60 === 0 ? `${config.noticeLeaseSeconds / 60} minutes` : `${config.noticeLeaseSeconds} seconds`;
  if (stuck > 0) console.log(`${stuck} notice${stuck === 1 ? ' is' : 's are'} claimed by another run or by one that stopped: a claim older than the lease (${lease}) is sent again, with the same message id, by the next run`);
  return sum.failed > 0 ? EXIT.failed : EXIT.ok;
}

/**
 * The notices to mail (the voter gave neither an email address nor a phone, or the email or text
 * failed for good), as CSV for a spreadsheet and a mail merge. Pending notices of voters without a
 * contact are moved to the list first, so it is complete even where no mail server is configured.
 * Each export is a numbered batch whose letters are marked printed, so the next lists only new
 * ones; `batch` exports a batch again. The file holds mailing addresses: it is written readable by
 * its owner only, and never over an existing file.
 */
export async function exportLettersCommand(app: INestApplicationContext, config: AppConfig, file: string, electionId: string, countyCode: string | undefined, batchText?: string): Promise<number> {
  const { counties } = await app.get(Elections).view(SYSTEM_ACTOR, electionId);
  if (countyCode !== undefined && !counties.some((c) => c.code === countyCode)) throw new DomainError('not_found', `no county ${countyCode} in election ${electionId}`);
  let batch: number | undefined;
  if (batchText !== undefined) {
    if (!/^[1-9]\d{0,8}$/.test(batchText)) throw new DomainError('invalid_input', `--batch must be a batch number (1, 2, ...), not "${batchText}"`, {}, [{ field: 'batch', message: 'must be a whole number from 1' }]);
    batch = Number(batchText);
  }
  const target = resolve(file);
  if (existsSync(target)) throw new DomainError('conflict', `${target} exists: choose another file`);
  const now = app.get<Clock>(CLOCK).now();
  const { moved, batch: number, rows, auditHead } = await exportLetters(app.get(Stores), SYSTEM_ACTOR, electionId, countyCode, { publicUrl: config.publicUrl, now }, batch);
  writeFileSync(target, lettersCsv(rows), { mode: 0o600, flag: 'wx' });
  if (moved > 0) console.log(`${moved} queued notice${moved === 1 ? '' : 's'} moved to the letter list (no email or phone given)`);
  const which = number === null ? 'no new letters since the last batch' : batch === undefined ? `batch ${number}, now marked printed` : `batch ${number} again`;
  console.log(`wrote ${rows.length} letter${rows.length === 1 ? '' : 's'} to ${target} (${which})`);
  if (auditHead !== null && auditHead !== undefined) console.log(`audit chain head ${formatHead(auditHead)} (entry ${auditHead.seq} records this export; publish it with the list, check it later with verify-audit --head)`);
  return EXIT.ok;
}
