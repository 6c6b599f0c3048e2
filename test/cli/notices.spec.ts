import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditEntryEntity, CountyEntity, OutboxEntity } from '@app/persistence';
import { cliEnv, runCli } from '@test/support/cli';
import { openTestDatabase, testDatabases, type TestDatabase } from '@test/support/database';
import { FULTON_CLERK, GA_2020_ELECTION, provisionalIntake, seedGeorgia2020, services } from '@test/support/services';
import { startSmtpServer, type TestSmtpServer } from '@test/support/smtp';

jest.setTimeout(120_000);

const THURSDAY = Date.UTC(2020, 10, 5, 15);

describe.each(testDatabases())('the CLI\'s voter notice commands on %s', (kind) => {
  let db: TestDatabase;
  let smtp: TestSmtpServer;
  const receipts: Record<'email' | 'phone' | 'none', string> = { email: '', phone: '', none: '' };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedGeorgia2020(db.dataSource);
    await db.dataSource.getRepository(CountyEntity).update({ electionId: GA_2020_ELECTION, code: 'FULTON' }, { officeName: 'Fulton County Registration and Elections', officePhone: '404-612-7020' });
    smtp = await startSmtpServer();
    const s = services(db.dataSource, THURSDAY);
    const contacts = { email: { contactEmail: 'pat@example.org' }, phone: { contactPhone: '404-555-0187' }, none: {} };
    for (const key of ['email', 'phone', 'none'] as const) {
      const ballot = await s.intake.intake(FULTON_CLERK, provisionalIntake({ claimedVoterId: '1002', lastName: 'Voter1002', idShown: false, issuedReason: 'no_id', ...contacts[key] }));
      await s.transitions.apply(FULTON_CLERK, ballot.id, { type: 'REQUEST_CURE', cureReason: 'id_required' }, 1);
      receipts[key] = ballot.receiptNumber;
    }
  });
  afterAll(async () => {
    await smtp?.close();
    await db?.destroy();
  });

  const env = (extra: NodeJS.ProcessEnv = {}) => cliEnv(db, { CLOCK_AT: '2020-11-05T10:00:00-05:00', PUBLIC_URL: 'https://vote.example.gov', ...extra });

  it('dispatch-notices without a mail server sends the text and lists the letter; the email stays queued, and it says why', async () => {
    const result = await runCli(['dispatch-notices'], env({ SMTP_URL: '', NOTICE_FROM: '' }));
    expect(result.stderr).not.toMatch(/pat@example\.org|555-?0187/);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('notices: 1 sent, 0 to retry later, 0 given up, 1 for the letter list');
    expect(result.stdout).toContain('1 notice by email stays queued: set SMTP_URL and NOTICE_FROM');
    expect(result.stdout).toMatch(/"to":"\*{8}87"/);
    expect(result.stdout).not.toMatch(/555-?0187/);
    const pending = await db.dataSource.getRepository(OutboxEntity).findBy({ status: 'pending' });
    expect(pending).toHaveLength(1);
    expect(pending[0]?.attempts).toBe(0);
  });

  it('dispatch-notices with a mail server then sends the email that waited', async () => {
    const result = await runCli(['dispatch-notices'], env({ SMTP_URL: smtp.url, NOTICE_FROM: 'notices@fulton.example.gov' }));
    expect(result.stderr).not.toMatch(/pat@example\.org|555-?0187/);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('notices: 1 sent, 0 to retry later, 0 given up, 0 for the letter list');
    expect(smtp.messages.map((m) => m.subject)).toEqual([`Action needed: your provisional ballot ${receipts.email}`]);
    expect(smtp.messages[0]?.text).toContain('Friday, November 6, 2020 at 5:00 PM EST (tomorrow)');
    const again = await runCli(['dispatch-notices'], env({ SMTP_URL: smtp.url, NOTICE_FROM: 'notices@fulton.example.gov' }));
    expect(again.stdout).toContain('notices: 0 sent');
    expect(smtp.messages).toHaveLength(1);
  });

  it('export letters writes the mailing list as CSV readable by its owner only, and never over a file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'letters-')), 'letters.csv');
    const result = await runCli(['export', 'letters', file, '--election', GA_2020_ELECTION, '--county', 'FULTON'], env());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`wrote 1 letter to ${file}`);
    // The list is published with the audit chain's head: its own LETTERS_EXPORTED entry (issue 13, section 6).
    const exported = await db.dataSource.getRepository(AuditEntryEntity).findOneOrFail({ where: { event: 'LETTERS_EXPORTED' }, order: { seq: 'DESC' } });
    expect(result.stdout).toContain(`audit chain head ${exported.seq}:${exported.hash}`);
    const csv = readFileSync(file, 'utf8');
    expect(csv).toContain(`,${receipts.none},Pat Voter1002,"1 Peachtree St, Atlanta, GA",en,cure_requested,`);
    expect(csv).not.toContain(receipts.email);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = await runCli(['export', 'letters', file, '--election', GA_2020_ELECTION], env());
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists');
    const unknown = await runCli(['export', 'letters', `${file}.2`, '--election', GA_2020_ELECTION, '--county', 'NOWHERE'], env());
    expect(unknown.stderr).toContain('no county NOWHERE');
    expect(result.stdout).toContain('(batch 1, now marked printed)');

    const next = await runCli(['export', 'letters', `${file}.3`, '--election', GA_2020_ELECTION, '--county', 'FULTON'], env());
    expect(next.code).toBe(0);
    expect(next.stdout).toContain('wrote 0 letters');
    expect(next.stdout).toContain('no new letters since the last batch');
    const reprint = await runCli(['export', 'letters', `${file}.4`, '--election', GA_2020_ELECTION, '--batch', '1'], env());
    expect(reprint.stdout).toContain('(batch 1 again)');
    expect(readFileSync(`${file}.4`, 'utf8')).toBe(csv);
  }, 240_000);
});
