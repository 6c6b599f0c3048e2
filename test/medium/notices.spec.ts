import type { IntakeInput } from '@app/ballots';
import { exportLetters, holdNotices, letterList, lettersCsv, NO_DISPATCH, noticeHolds, releaseNotices, LogSmsProvider, markLetters, NoticeDispatcher, SmtpEmailTransport, type DispatchCounts, type EmailTransport, type SmsProvider } from '@app/notices';
import { SYSTEM_ACTOR } from '@app/domain';
import { AuditEntryEntity, CountyEntity, LetterBatchEntity, NoticeAttemptEntity, OutboxEntity, Stores, TransactionRunner } from '@app/persistence';
import { EN } from '@app/wording';
import { openTestDatabase, testDatabases, type TestDatabase } from '@test/support/database';
import { ADMIN, COBB_CLERK, COBB_SUPERVISOR, FULTON_CLERK, FULTON_SUPERVISOR, GA_2020_ELECTION, provisionalIntake, seedGeorgia2020, services, TestClock, type Services } from '@test/support/services';
import { startSmtpServer, type TestSmtpServer } from '@test/support/smtp';
import type { DataSource } from 'typeorm';

const THURSDAY = Date.UTC(2020, 10, 5, 15); // Thu 5 Nov 2020, 10:00 EST
const PUBLIC_URL = 'https://vote.fulton.example.gov';
const FULTON_OFFICE = {
  officeName: 'Fulton County Registration and Elections',
  officeAddress: '5600 Campbellton Fairburn Rd, Fairburn, GA 30213',
  officeHours: 'Monday to Friday, 8:00 AM to 5:00 PM',
  officePhone: '404-612-7020',
  officeEmail: 'elections@fulton.example.gov',
};
const EMPTY: DispatchCounts = NO_DISPATCH;
/** Voter 1002 has no ID on file and showed none: a cure request for ID. */
const NEEDS_ID: Partial<IntakeInput> = { claimedVoterId: '1002', lastName: 'Voter1002', idShown: false, issuedReason: 'no_id' };

describe.each(testDatabases())('voter notices from the outbox on %s (medium: real database, real SMTP server)', (kind) => {
  let db: TestDatabase;
  let s: Services;
  let smtp: TestSmtpServer;
  let email: SmtpEmailTransport;
  const clock = new TestClock(THURSDAY);
  const smsLines: Readonly<Record<string, unknown>>[] = [];
  const dispatchLog: Readonly<Record<string, unknown>>[] = [];
  let dispatcher: NoticeDispatcher;

  const dispatcherOn = (tx: TransactionRunner | Stores, transport: EmailTransport = email, sms: SmsProvider = new LogSmsProvider((l) => smsLines.push(l))) =>
    new NoticeDispatcher(tx instanceof Stores ? tx : new Stores(tx), { email: transport, sms }, clock, { publicUrl: PUBLIC_URL, log: (l) => dispatchLog.push(l) });
  const outbox = (ds: DataSource = db.dataSource) => ds.getRepository(OutboxEntity);
  const noticeOf = async (ballotId: string) => outbox().findOneByOrFail({ ballotId });
  const attemptsOf = async (outboxId: string) => db.dataSource.getRepository(NoticeAttemptEntity).find({ where: { outboxId }, order: { attemptedAt: 'ASC' } });

  /** A ballot taken in and sent to the cure queue for ID: one cure notice queued. */
  async function cureRequested(overrides: Partial<IntakeInput>) {
    const ballot = await s.intake.intake(FULTON_CLERK, provisionalIntake({ ...NEEDS_ID, ...overrides }));
    await s.transitions.apply(FULTON_CLERK, ballot.id, { type: 'REQUEST_CURE', cureReason: 'id_required' }, 1);
    return ballot;
  }

  async function counted(overrides: Partial<IntakeInput>) {
    const ballot = await s.intake.intake(FULTON_CLERK, provisionalIntake(overrides));
    await s.transitions.apply(FULTON_CLERK, ballot.id, { type: 'VERIFY' }, 1);
    await s.transitions.apply(FULTON_CLERK, ballot.id, { type: 'COUNT' }, 2);
    return ballot;
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedGeorgia2020(db.dataSource);
    await db.dataSource.getRepository(CountyEntity).update({ electionId: GA_2020_ELECTION, code: 'FULTON' }, FULTON_OFFICE);
    s = services(db.dataSource, THURSDAY);
    smtp = await startSmtpServer();
    email = new SmtpEmailTransport({ url: smtp.url, from: '"Fulton County Elections" <notices@fulton.example.gov>', timeoutMs: 5_000 });
    dispatcher = dispatcherOn(s.tx);
  });

  afterAll(async () => {
    email?.close();
    await smtp?.close();
    await db?.destroy();
  });

  beforeEach(() => {
    clock.current = THURSDAY;
    smtp.messages.length = 0;
    smtp.failNext(0);
    smsLines.length = 0;
  });

  afterEach(async () => {
    // Every test leaves nothing due, so the next one starts from a clean outbox.
    clock.current = THURSDAY + 86_400_000;
    const left = await dispatcher.runOnce();
    if (JSON.stringify(left) !== JSON.stringify(EMPTY)) throw new Error(`a test left notices due: ${JSON.stringify(left)}`);
  });

  it('a cure request reaches the voter by email once, in English, with the local deadline, the office and the portal', async () => {
    const ballot = await cureRequested({ contactEmail: 'pat.voter@example.org' });
    await expect(dispatcher.runOnce()).resolves.toEqual({ ...EMPTY, sent: 1 });
    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    const row = await noticeOf(ballot.id);
    expect(mail?.envelopeTo).toEqual(['pat.voter@example.org']);
    expect(mail?.header('message-id')).toBe(`<${row.id}@notices.ballot-adjudication>`);
    expect(mail?.header('reply-to')).toBe('elections@fulton.example.gov');
    expect(mail?.subject).toBe(`Action needed: your provisional ballot ${ballot.receiptNumber}`);
    expect(mail?.text).toContain(`Your provisional ballot (receipt number ${ballot.receiptNumber}) in the Georgia General Election 2020 cannot be counted yet.`);
    expect(mail?.text).toContain('Deadline: Friday, November 6, 2020 at 5:00 PM EST (tomorrow)');
    expect(mail?.text).toContain('Fulton County Registration and Elections\n5600 Campbellton Fairburn Rd, Fairburn, GA 30213\nHours: Monday to Friday, 8:00 AM to 5:00 PM\nPhone: 404-612-7020');
    expect(mail?.text).toContain('https://vote.fulton.example.gov/portal');
    expect(mail?.raw).not.toContain('1980-02-29');
    expect(mail?.raw).not.toContain('Peachtree');
    expect(row).toMatchObject({ status: 'sent', channel: 'email', attempts: 1, processedAt: THURSDAY, lastError: null });
    const attempts = await attemptsOf(row.id);
    expect(attempts).toMatchObject([{ outcome: 'sent', channel: 'email', attemptedAt: THURSDAY }]);
    expect(attempts[0]?.detail).toContain('250');

    await expect(dispatcher.runOnce()).resolves.toEqual(EMPTY);
    expect(smtp.messages).toHaveLength(1);
  });

  it('in Spanish: the cure deadline in Spanish, and a partial count naming the races that counted', async () => {
    const cure = await cureRequested({ contactEmail: 'ana@example.org', language: 'es' });
    const partial = await counted({ precinctId: 'FUL-02', contactEmail: 'ana@example.org', language: 'es' });
    await expect(dispatcher.runOnce()).resolves.toEqual({ ...EMPTY, sent: 2 });
    const bySubject = new Map(smtp.messages.map((m) => [m.subject, m]));
    const cureMail = bySubject.get(`Acci\u00f3n necesaria: su boleta provisional ${cure.receiptNumber}`);
    expect(cureMail?.text).toContain('Fecha l\u00edmite: viernes, 6 de noviembre de 2020, 5:00 p.m. EST (ma\u00f1ana)');
    expect(cureMail?.text).toContain('Tel\u00e9fono: 404-612-7020');
    const partialMail = bySubject.get(`Su boleta provisional ${partial.receiptNumber} fue contada en parte`);
    expect(partialMail?.text).toContain('- President of the United States\n- United States Senate\n- Public Service Commission, District 4\n- Fulton County Commission');
    expect(partialMail?.text).not.toContain('U.S. House');
  });

  it('a confirmed rejection: the reason in plain words and whom to contact', async () => {
    const ballot = await s.intake.intake(FULTON_CLERK, provisionalIntake({ contactEmail: 'sam@example.org' }));
    await s.transitions.apply(FULTON_CLERK, ballot.id, { type: 'PROPOSE_REJECTION', reason: 'not_registered', note: 'No record' }, 1);
    await s.transitions.apply(FULTON_SUPERVISOR, ballot.id, { type: 'CONFIRM_REJECTION' }, 2);
    await expect(dispatcher.runOnce()).resolves.toEqual({ ...EMPTY, sent: 1 });
    expect(smtp.messages[0]?.subject).toBe(`Your provisional ballot ${ballot.receiptNumber} was not counted`);
    expect(smtp.messages[0]?.text).toContain(`Why: ${EN.rejectionExplained.not_registered}`);
    expect(smtp.messages[0]?.text).toContain('contact the election office:\nFulton County Registration and Elections');
  });

  it('a server that refuses twice: retried with a doubling backoff, delivered exactly once, three attempts recorded', async () => {
    smtp.failNext(2);
    const ballot = await counted({ contactEmail: 'retry.me@example.org' });
    const row = await noticeOf(ballot.id);

    await expect(dispatcher.runOnce()).resolves.toEqual({ ...EMPTY, retried: 1 });
    await expect(noticeOf(ballot.id)).resolves.toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: THURSDAY + 60_000 });
    const first = await noticeOf(ballot.id);
    expect(first.lastError).toMatch(/451/);
    expect(first.lastError).not.toContain('retry.me@example.org');

    clock.current = THURSDAY + 59_999;
    await expect(dispatcher.runOnce()).resolves.toEqual(EMPTY); // not due yet
    clock.current = THURSDAY + 60_000;
    await expect(dispatcher.runOnce()).resolves.toEqual({ ...EMPTY, retried: 1 });
    await expect(noticeOf(ballot.id)).resolves.toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: THURSDAY + 60_000 + 120_000 });

    clock.current = THURSDAY + 179_999;
    await expect(dispatcher.runOnce()).resolves.toEqual(EMPTY);
    clock.current = THURSDAY + 180_000;
    await expect(dispatcher.runOnce()).resolves.toEqual({ ...EMPTY, sent: 1 });
    expect(smtp.dataCommands()).toBeGreaterThanOrEqual(3);
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]?.header('message-id')).toBe(`<${row.id}@notices.ballot-adjudication>`);
    await expect(noticeOf(ballot.id)).resolves.toMatchObject({ status: 'sent', attempts: 3, processedAt: THURSDAY + 180_000, lastError: null });
    const attempts = await attemptsOf(row.id);
    expect(attempts.map((a) => [a.outcome, a.attemptedAt])).toEqual([
      ['failed', THURSDAY],
      ['failed', THURSDAY + 60_000],
      ['sent', THURSDAY + 180_000],
    ]);
    for (const a of attempts) expect(a.detail).not.toContain('retry.me@example.org');
    expect(JSON.stringify(dispatchLog)).not.toContain('retry.me@example.org');
  });

  it('gives up after five failures: each attempt recorded, never tried again, and the notice goes onto the letter list with the reason', async () => {
    smtp.failNext(Infinity);
    const ballot = await counted({ contactEmail: 'never@example.org' });
    const row = await noticeOf(ballot.id);
    const waits: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const result = await dispatcher.runOnce();
      expect(result).toEqual(i < 4 ? { ...EMPTY, retried: 1 } : { ...EMPTY, failed: 1 });
      const now = await noticeOf(ballot.id);
      if (now.nextAttemptAt !== null) {
        waits.push(now.nextAttemptAt - clock.current);
        clock.current = now.nextAttemptAt;
      }
    }
    expect(waits).toEqual([60_000, 120_000, 240_000, 480_000]);
    const failed = await noticeOf(ballot.id);
    expect(failed).toMatchObject({ status: 'letter', channel: 'letter', attempts: 5, nextAttemptAt: null, processedAt: clock.current });
    expect(failed.lastError).toMatch(/451/);
    expect(failed.endReason).toMatch(/^email failed for good after 5 attempts: .*451/);
    expect(failed.endReason).not.toContain('never@example.org');
    const letters = await letterList(s.stores, GA_2020_ELECTION, 'FULTON', { publicUrl: PUBLIC_URL, now: clock.current });
    expect(letters.find((l) => l.outboxId === row.id)).toMatchObject({ receiptNumber: ballot.receiptNumber, noticeType: 'counted', whyMailed: failed.endReason });
    await exportLetters(s.stores, SYSTEM_ACTOR, GA_2020_ELECTION, undefined, { publicUrl: PUBLIC_URL, now: clock.current });
    const attempts = await attemptsOf(row.id);
    expect(attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'failed', 'failed', 'failed']);
    clock.current += 86_400_000;
    await expect(dispatcher.runOnce()).resolves.toEqual(EMPTY);
    expect(smtp.messages).toHaveLength(0);
    smtp.failNext(0);
  });

  it('run again, and two dispatchers at once (one process, and two on their own connections): no notice is sent twice', async () => {
    const ballots = [];
    for (let i = 0; i < 8; i += 1) ballots.push(await counted({ contactEmail: `voter${i}@example.org` }));
    const other = await db.reopen();
    const otherEmail = new SmtpEmailTransport({ url: smtp.url, from: 'notices@fulton.example.gov', timeoutMs: 5_000 });
    const second = dispatcherOn(new TransactionRunner(other), otherEmail);
    try {
      const results = await Promise.all([dispatcher.runOnce(3), second.runOnce(), dispatcher.runOnce(), second.runOnce(5)]);
      expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(8);
      expect(results.reduce((sum, r) => sum + r.failed + r.retried + r.letters, 0)).toBe(0);
      await expect(Promise.all([dispatcher.runOnce(), second.runOnce(), dispatcher.runOnce()])).resolves.toEqual([EMPTY, EMPTY, EMPTY]);
    } finally {
      otherEmail.close();
    }
    expect(smtp.messages).toHaveLength(8);
    expect(new Set(smtp.messages.map((m) => m.header('message-id'))).size).toBe(8);
    for (const b of ballots) {
      const row = await noticeOf(b.id);
      expect(row).toMatchObject({ status: 'sent', attempts: 1 });
      await expect(attemptsOf(row.id)).resolves.toHaveLength(1);
    }
  });

  it('a notice claimed by a process that died is sent again after the lease, with the same Message-ID; a live claim is never taken', async () => {
    const ballot = await counted({ contactEmail: 'crashed@example.org' });
    const row = await noticeOf(ballot.id);
    // The first dispatcher hands the message to the server and dies before it can record it.
    const dying: EmailTransport = { send: async (m) => { await email.send(m); return new Promise(() => undefined); }, close: () => undefined };
    void dispatcherOn(s.tx, dying).runOnce();
    for (let i = 0; i < 100 && smtp.messages.length === 0; i += 1) await new Promise((r) => setTimeout(r, 50));
    expect(smtp.messages).toHaveLength(1);
    await expect(noticeOf(ballot.id)).resolves.toMatchObject({ status: 'sending', claimedAt: THURSDAY, attempts: 0 });

    clock.current = THURSDAY + 600_000 - 1; // the claim still holds: nobody else sends it
    await expect(dispatcher.runOnce()).resolves.toEqual(EMPTY);
    expect(smtp.messages).toHaveLength(1);

    clock.current = THURSDAY + 600_000; // the lease has run out
    await expect(dispatcher.runOnce()).resolves.toEqual({ ...EMPTY, sent: 1 });
    expect(smtp.messages).toHaveLength(2);
    expect(smtp.messages.map((m) => m.header('message-id'))).toEqual([`<${row.id}@notices.ballot-adjudication>`, `<${row.id}@notices.ballot-adjudication>`]);
    await expect(noticeOf(ballot.id)).resolves.toMatchObject({ status: 'sent', attempts: 1, claimedAt: THURSDAY + 600_000, processedAt: THURSDAY + 600_000 });
    const attempts = await attemptsOf(row.id);
    expect(attempts.map((a) => a.outcome)).toEqual(['failed', 'sent']);
    expect(attempts[0]?.detail).toContain('did not finish within the lease');
    await expect(dispatcher.runOnce()).resolves.toEqual(EMPTY);
    expect(smtp.messages).toHaveLength(2);
  });

  it('a dispatcher whose lease ran out cannot finish the notice another has claimed since', async () => {
    const ballot = await counted({ contactEmail: 'slow@example.org' });
    let release: () => void = () => undefined;
    const slow: EmailTransport = { send: async (m) => { await new Promise<void>((r) => (release = r)); return email.send(m); }, close: () => undefined };
    const first = dispatcherOn(s.tx, slow).runOnce();
    for (let i = 0; i < 100 && (await noticeOf(ballot.id)).status !== 'sending'; i += 1) await new Promise((r) => setTimeout(r, 50));
    clock.current = THURSDAY + 600_000;
    await expect(dispatcher.runOnce()).resolves.toEqual({ ...EMPTY, sent: 1 });
    release();
    await expect(first).resolves.toEqual({ ...EMPTY, skipped: 1 });
    await expect(noticeOf(ballot.id)).resolves.toMatchObject({ status: 'sent', claimedAt: THURSDAY + 600_000 });
    const row = await noticeOf(ballot.id);
    await expect(attemptsOf(row.id)).resolves.toMatchObject([{ outcome: 'failed' }, { outcome: 'sent' }]);
  });

  it('a voter with only a phone: a text message through the SMS provider, the phone masked in its log', async () => {
    const ballot = await cureRequested({ contactPhone: '(404) 555-0187' });
    await expect(dispatcher.runOnce()).resolves.toEqual({ ...EMPTY, sent: 1 });
    expect(smtp.messages).toHaveLength(0);
    const row = await noticeOf(ballot.id);
    expect(smsLines).toEqual([{ msg: 'sms notice', outboxId: row.id, to: '********87', text: expect.stringContaining(ballot.receiptNumber) }]);
    expect(String(smsLines[0]?.['text'])).toContain('Friday, November 6, 2020 at 5:00 PM EST');
    expect(String(smsLines[0]?.['text']).length).toBeLessThanOrEqual(320);
    const logged = JSON.stringify([smsLines, dispatchLog]);
    expect(logged).not.toMatch(/555-?0187|4045550187/);
    expect(logged).not.toContain('1980-02-29');
    expect(row).toMatchObject({ status: 'sent', channel: 'sms', attempts: 1 });
    await expect(attemptsOf(row.id)).resolves.toMatchObject([{ outcome: 'sent', channel: 'sms' }]);
  });

  it('a voter with neither email nor phone: on the letter list and in its CSV, by county', async () => {
    const ballot = await cureRequested({ firstName: 'Ana', address: '=1+2 Main St, Apt "B", Atlanta, GA', language: 'es' });
    await expect(dispatcher.runOnce()).resolves.toEqual({ ...EMPTY, letters: 1 });
    const row = await noticeOf(ballot.id);
    expect(row).toMatchObject({ status: 'letter', channel: 'letter', processedAt: THURSDAY });
    await expect(attemptsOf(row.id)).resolves.toEqual([]);

    const letters = await letterList(s.stores, GA_2020_ELECTION, 'FULTON', { publicUrl: PUBLIC_URL, now: THURSDAY });
    const letter = letters.find((l) => l.outboxId === row.id);
    expect(letter).toMatchObject({
      receiptNumber: ballot.receiptNumber,
      voterName: 'Ana Voter1002',
      mailingAddress: '=1+2 Main St, Apt "B", Atlanta, GA',
      language: 'es',
      noticeType: 'cure_requested',
      subject: `Acci\u00f3n necesaria: su boleta provisional ${ballot.receiptNumber}`,
    });
    expect(letter?.letterText).toContain('viernes, 6 de noviembre de 2020, 5:00 p.m. EST');
    expect(letter?.letterText).toContain('https://vote.fulton.example.gov/portal');
    await expect(letterList(s.stores, GA_2020_ELECTION, 'COBB', { publicUrl: PUBLIC_URL, now: THURSDAY })).resolves.toEqual([]);

    const csv = lettersCsv(letters);
    expect(csv.startsWith('\ufeffoutboxId,electionId,countyCode,receiptNumber,voterName,mailingAddress,language,noticeType,queuedAt,whyMailed,subject,letterText\r\n')).toBe(true);
    expect(csv).toContain(`,"'=1+2 Main St, Apt ""B"", Atlanta, GA",es,cure_requested,`);
    expect(csv).toContain(',no email address or phone given,');
    expect(csv).toContain('"Estimado/a Ana Voter1002:\n\nSu boleta provisional');
    expect(JSON.stringify(dispatchLog)).not.toContain('Main St');
  });

  it('the letter list is complete without a dispatcher run (no SMTP server configured): markLetters sorts the notices', async () => {
    const ballot = await counted({});
    const emailed = await counted({ contactEmail: 'has.email@example.org' });
    await expect(markLetters(s.stores, GA_2020_ELECTION, THURSDAY)).resolves.toBe(1);
    await expect(markLetters(s.stores, GA_2020_ELECTION, THURSDAY)).resolves.toBe(0);
    await expect(noticeOf(ballot.id)).resolves.toMatchObject({ status: 'letter', channel: 'letter' });
    await expect(noticeOf(emailed.id)).resolves.toMatchObject({ status: 'pending' });
    const letters = await letterList(s.stores, GA_2020_ELECTION, undefined, { publicUrl: PUBLIC_URL, now: THURSDAY });
    expect(letters.find((l) => l.receiptNumber === ballot.receiptNumber)).toMatchObject({ noticeType: 'counted', language: 'en' });
    await expect(dispatcher.runOnce()).resolves.toEqual({ ...EMPTY, sent: 1 });
  });

  it('export letters: a numbered batch marked printed, the next export only new letters, a batch again by its number, each audited', async () => {
    const options = { publicUrl: PUBLIC_URL, now: THURSDAY };
    // Whatever earlier tests left on the list goes into a batch of its own first.
    const earlier = await exportLetters(s.stores, SYSTEM_ACTOR, GA_2020_ELECTION, undefined, options);
    const first = await counted({ firstName: 'Una' });
    const second = await counted({ firstName: 'Dos' });
    const one = await exportLetters(s.stores, FULTON_SUPERVISOR, GA_2020_ELECTION, undefined, options);
    expect(one.batch).toBe((earlier.batch ?? 0) + 1);
    expect(one.moved).toBe(2);
    expect(one.rows.map((r) => r.receiptNumber).sort()).toEqual([first.receiptNumber, second.receiptNumber].sort());
    await expect(noticeOf(first.id)).resolves.toMatchObject({ status: 'printed', letterBatch: one.batch });
    await expect(db.dataSource.getRepository(LetterBatchEntity).findOneByOrFail({ electionId: GA_2020_ELECTION, number: one.batch ?? 0 })).resolves.toMatchObject({ countyCode: 'FULTON', letters: 2, actorId: FULTON_SUPERVISOR.id });

    // Nothing new: no batch, no rows; the printed letters are not listed again.
    await expect(exportLetters(s.stores, FULTON_SUPERVISOR, GA_2020_ELECTION, undefined, options)).resolves.toMatchObject({ moved: 0, batch: null, rows: [] });
    const third = await counted({ firstName: 'Tres' });
    const two = await exportLetters(s.stores, FULTON_SUPERVISOR, GA_2020_ELECTION, undefined, options);
    expect(two.batch).toBe((one.batch ?? 0) + 1);
    expect(two.rows.map((r) => r.receiptNumber)).toEqual([third.receiptNumber]);

    // The first batch again, exactly its letters.
    const again = await exportLetters(s.stores, FULTON_SUPERVISOR, GA_2020_ELECTION, undefined, options, one.batch ?? 0);
    expect(again.rows.map((r) => r.outboxId)).toEqual(one.rows.map((r) => r.outboxId));
    expect(lettersCsv(again.rows)).toBe(lettersCsv(one.rows));
    await expect(exportLetters(s.stores, FULTON_SUPERVISOR, GA_2020_ELECTION, undefined, options, 999)).rejects.toMatchObject({ code: 'not_found' });

    const audit = await db.dataSource.getRepository(AuditEntryEntity).find({ where: { event: 'LETTERS_EXPORTED' }, order: { seq: 'ASC' } });
    expect(audit.slice(-3).map((e) => e.payload)).toEqual([
      { countyCode: 'FULTON', letters: 0, movedToLetters: 0, batch: null, exportedAgain: false },
      { countyCode: 'FULTON', letters: 1, movedToLetters: 1, batch: two.batch, exportedAgain: false },
      { countyCode: 'FULTON', letters: 2, movedToLetters: 0, batch: one.batch, exportedAgain: true },
    ]);
    expect(JSON.stringify(audit.map((e) => e.payload))).not.toContain('Peachtree');
  });

  it('only what stands: a cure request already met and a rejection reinstated before dispatch are not sent, and why is recorded', async () => {
    const cured = await cureRequested({ contactEmail: 'cured.already@example.org' });
    await s.transitions.apply(FULTON_CLERK, cured.id, { type: 'RECORD_CURE', evidence: 'ID shown at the office' }, 2);
    const reinstated = await s.intake.intake(FULTON_CLERK, provisionalIntake({ contactEmail: 'reinstated@example.org' }));
    await s.transitions.apply(FULTON_CLERK, reinstated.id, { type: 'PROPOSE_REJECTION', reason: 'not_registered', note: 'No record' }, 1);
    await s.transitions.apply(FULTON_SUPERVISOR, reinstated.id, { type: 'CONFIRM_REJECTION' }, 2);
    await s.transitions.apply(FULTON_SUPERVISOR, reinstated.id, { type: 'REINSTATE', courtOrder: 'In re Fulton County (illustrative)' }, 3);
    const still = await counted({ contactEmail: 'still.counted@example.org' });

    await expect(dispatcher.runOnce()).resolves.toEqual({ ...EMPTY, superseded: 2, sent: 1 });
    expect(smtp.messages.map((m) => m.envelopeTo)).toEqual([['still.counted@example.org']]);
    await expect(noticeOf(still.id)).resolves.toMatchObject({ status: 'sent' });
    const cureRow = await noticeOf(cured.id);
    expect(cureRow).toMatchObject({ status: 'superseded', processedAt: THURSDAY, attempts: 0 });
    expect(cureRow.endReason).toContain('the ballot is now cured');
    const rejectedRow = await noticeOf(reinstated.id);
    expect(rejectedRow).toMatchObject({ status: 'superseded' });
    expect(rejectedRow.endReason).toContain('received.pending');
    await expect(attemptsOf(cureRow.id)).resolves.toEqual([]);
    expect(dispatchLog).toContainEqual(expect.objectContaining({ msg: 'voter notice no longer stands: not sent', outboxId: cureRow.id }));
  });

  it('only what stands, by mail too: a letter whose ballot moved on is not printed', async () => {
    const options = { publicUrl: PUBLIC_URL, now: THURSDAY };
    await exportLetters(s.stores, SYSTEM_ACTOR, GA_2020_ELECTION, undefined, options);
    const onList = await cureRequested({});
    const pendingOne = await cureRequested({ firstName: 'Later' });
    await expect(markLetters(s.stores, GA_2020_ELECTION, THURSDAY)).resolves.toBe(2);
    await s.transitions.apply(FULTON_CLERK, onList.id, { type: 'RECORD_CURE', evidence: 'ID shown' }, 2);
    const batch = await exportLetters(s.stores, SYSTEM_ACTOR, GA_2020_ELECTION, undefined, options);
    expect(batch.rows.map((r) => r.receiptNumber)).toEqual([pendingOne.receiptNumber]);
    await expect(noticeOf(onList.id)).resolves.toMatchObject({ status: 'superseded', letterBatch: null });
  });

  it('holds: a supervisor holds a county\'s notices (nothing sent, listed or printed there), sees them, releases them; each audited', async () => {
    await exportLetters(s.stores, SYSTEM_ACTOR, GA_2020_ELECTION, undefined, { publicUrl: PUBLIC_URL, now: THURSDAY });
    await expect(holdNotices(s.stores, FULTON_CLERK, GA_2020_ELECTION, 'FULTON', 'checking', THURSDAY)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(holdNotices(s.stores, COBB_SUPERVISOR, GA_2020_ELECTION, 'FULTON', 'checking', THURSDAY)).rejects.toMatchObject({ code: 'not_found' });
    await expect(holdNotices(s.stores, FULTON_SUPERVISOR, GA_2020_ELECTION, 'FULTON', '  ', THURSDAY)).rejects.toMatchObject({ code: 'invalid_input' });
    const held = await holdNotices(s.stores, FULTON_SUPERVISOR, GA_2020_ELECTION, 'FULTON', 'the roll import of 5 Nov is being checked', THURSDAY);
    expect(held).toMatchObject({ countyCode: 'FULTON', heldBy: FULTON_SUPERVISOR.id, waiting: 0 });
    await expect(holdNotices(s.stores, FULTON_SUPERVISOR, GA_2020_ELECTION, 'FULTON', 'again', THURSDAY)).rejects.toMatchObject({ code: 'conflict' });

    const fulton = await counted({ contactEmail: 'held@example.org' });
    const fultonLetter = await counted({ firstName: 'Carta' });
    const cobb = await s.intake.intake(COBB_CLERK, provisionalIntake({ countyCode: 'COBB', precinctId: 'COB-01', claimedVoterId: '2001', contactEmail: 'cobb@example.org' }));
    await s.transitions.apply(COBB_CLERK, cobb.id, { type: 'VERIFY' }, 1);
    await s.transitions.apply(COBB_CLERK, cobb.id, { type: 'COUNT' }, 2);

    await expect(dispatcher.runOnce()).resolves.toEqual({ ...EMPTY, sent: 1 });
    expect(smtp.messages.map((m) => m.envelopeTo)).toEqual([['cobb@example.org']]);
    await expect(noticeOf(fulton.id)).resolves.toMatchObject({ status: 'pending', attempts: 0 });
    await expect(exportLetters(s.stores, ADMIN, GA_2020_ELECTION, undefined, { publicUrl: PUBLIC_URL, now: THURSDAY })).resolves.toMatchObject({ batch: null, rows: [] });
    await expect(noticeOf(fultonLetter.id)).resolves.toMatchObject({ status: 'pending' });
    await expect(noticeHolds(s.stores, FULTON_SUPERVISOR, GA_2020_ELECTION)).resolves.toMatchObject([{ countyCode: 'FULTON', reason: 'the roll import of 5 Nov is being checked', waiting: 2 }]);
    await expect(noticeHolds(s.stores, COBB_SUPERVISOR, GA_2020_ELECTION)).resolves.toEqual([]);
    await expect(noticeHolds(s.stores, ADMIN, GA_2020_ELECTION)).resolves.toHaveLength(1);

    await expect(releaseNotices(s.stores, COBB_SUPERVISOR, GA_2020_ELECTION, 'FULTON', THURSDAY)).rejects.toMatchObject({ code: 'not_found' });
    await expect(releaseNotices(s.stores, FULTON_SUPERVISOR, GA_2020_ELECTION, 'FULTON', THURSDAY + 60_000)).resolves.toEqual({ countyCode: 'FULTON', waiting: 2 });
    await expect(releaseNotices(s.stores, FULTON_SUPERVISOR, GA_2020_ELECTION, 'FULTON', THURSDAY)).rejects.toMatchObject({ code: 'not_found' });
    await expect(dispatcher.runOnce()).resolves.toEqual({ ...EMPTY, sent: 1, letters: 1 });
    await expect(noticeOf(fulton.id)).resolves.toMatchObject({ status: 'sent' });

    const audit = await db.dataSource.getRepository(AuditEntryEntity).find({ where: [{ event: 'NOTICES_HELD' }, { event: 'NOTICES_RELEASED' }], order: { seq: 'ASC' } });
    expect(audit.map((e) => [e.event, e.actorId, e.payload])).toEqual([
      ['NOTICES_HELD', FULTON_SUPERVISOR.id, { countyCode: 'FULTON', reason: 'the roll import of 5 Nov is being checked', waiting: 0 }],
      ['NOTICES_RELEASED', FULTON_SUPERVISOR.id, { countyCode: 'FULTON', heldSince: new Date(THURSDAY).toISOString(), heldBy: FULTON_SUPERVISOR.id, waiting: 2 }],
    ]);
  });
});
