import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AuditEntryEntity, CureSubmissionEntity, OutboxEntity } from '@app/persistence';
import { testDatabases } from '@test/support/database';
import { startTestApp, type TestApp } from '@test/support/app';
import { intakeBodies, NEEDS_ID_CURE } from '@test/fixtures/intake-body';
import { WORDS } from '@app/wording';

/** Issue 5: the voter portal (HAVA's free access system) as a voter and an attacker meet it. */

const DOB = '1980-02-29';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** A Windows executable's first bytes ("MZ"), renamed to look like a photo. */
const RENAMED_EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(256, 0)]);

interface View { status: string; heading: string; paragraphs: string[]; action: { deadline: { local: string; daysLeft: number }; uploadOpen: boolean; lastUploadDeclined: string | null } | null; contestsCounted: string[] | null; reason: { code: string; text: string } | null; language: string }

const portalBody = intakeBodies('PORTAL');
const intakeBody = (overrides: Record<string, unknown> = {}) => portalBody({ ...NEEDS_ID_CURE, dateOfBirth: DOB, ...overrides });

describe.each(testDatabases())('voter portal end to end on %s', (kind) => {
  let t: TestApp;
  let clerk: string;
  let dataDir: string;

  beforeAll(async () => {
    // Election week of 2020: the cure window is open. A few failures per receipt so the limit is reachable.
    t = await startTestApp(kind, { CLOCK_AT: '2020-11-04T10:00:00-05:00', PORTAL_FAILURES_PER_RECEIPT: '3', PORTAL_LOOKUPS_PER_CLIENT: '60' });
    dataDir = t.dataDir;
    clerk = await t.token('fulton.clerk', 'clerk', 'FULTON');
  }, 60_000);
  afterAll(async () => t.close());

  const intake = async (overrides: Record<string, unknown> = {}) =>
    (await t.http.post('/api/ballots').auth(clerk, { type: 'bearer' }).send(intakeBody(overrides)).expect(201)).body as { id: string; receiptNumber: string; version: number };
  const event = async (id: string, body: Record<string, unknown>) => t.http.post(`/api/ballots/${id}/events`).auth(clerk, { type: 'bearer' }).send(body).expect(201);
  const lookup = (receiptNumber: string, dateOfBirth: string, lang = '') => t.http.post(`/api/portal/lookup${lang === '' ? '' : `?lang=${lang}`}`).send({ receiptNumber, dateOfBirth });
  const awaitingCure = async () => {
    const ballot = await intake();
    await event(ballot.id, { type: 'REQUEST_CURE', cureReason: 'id_required', expectedVersion: 1 });
    return ballot;
  };
  /** Looks the ballot up with the HTML form, as a browser without JavaScript does, and returns the upload token. */
  const tokenFor = async (receiptNumber: string): Promise<string> => {
    const page = await t.http.post('/portal').type('form').send({ lang: 'en', receiptNumber, month: '2', day: '29', year: '1980' }).expect(200);
    const token = /name="token" value="([^"]+)"/.exec(page.text)?.[1];
    if (token === undefined) throw new Error('no upload token on the page');
    return token;
  };
  const upload = (token: string, file: Buffer, filename: string, contentType: string) =>
    t.http.post('/portal/cure').field('token', token).field('lang', 'en').field('kind', 'id_document').field('affirm', 'yes').attach('document', file, { filename, contentType });

  it('a voter with the receipt number and date of birth sees the status in plain language, and nothing personal', async () => {
    const ballot = await intake();
    const response = await lookup(ballot.receiptNumber, DOB).expect(200);
    const view = response.body as View;
    expect(view).toMatchObject({ status: 'under_review', language: 'en', action: null, reason: null });
    expect(view.heading).toBe('We received your ballot and are reviewing it');
    for (const secret of ['Voter1002', 'Pat', DOB, 'Peachtree', '1002', 'fulton.clerk', ballot.id]) expect(response.text).not.toContain(secret);
  });

  it('a cure: what to do, by when in local time, days left; in Spanish from ?lang=es or Accept-Language', async () => {
    const ballot = await awaitingCure();
    const en = (await lookup(ballot.receiptNumber, DOB).expect(200)).body as View;
    expect(en.status).toBe('action_needed');
    expect(en.action).toMatchObject({ deadline: { local: 'Friday, November 6, 2020 at 5:00 PM EST', daysLeft: 2 }, uploadOpen: true });
    const es = (await lookup(ballot.receiptNumber, DOB, 'es').expect(200)).body as View;
    expect(es.heading).toBe('Se necesita su acci\u00f3n: su boleta no contar\u00e1 si usted no act\u00faa');
    expect(es.action?.deadline.local).toMatch(/^viernes, 6 de noviembre de 2020/);
    const browser = (await t.http.post('/api/portal/lookup').set('Accept-Language', 'fr-FR, es;q=0.9, en;q=0.8').send({ receiptNumber: ballot.receiptNumber, dateOfBirth: DOB }).expect(200)).body as View;
    expect(browser.language).toBe('es');
  });

  it('a receipt typed in lower case with spaces around it is still found', async () => {
    const ballot = await intake();
    await lookup(`  ${ballot.receiptNumber.toLowerCase()} `, DOB).expect(200);
  });

  it('every failed lookup gets the same status and the same bytes: unknown receipt, wrong date of birth, another voter\u2019s date', async () => {
    const ballot = await intake();
    const answers = [await lookup('NO-SUCH-RECEIPT', DOB), await lookup(ballot.receiptNumber, '1980-03-01'), await lookup(ballot.receiptNumber, '1975-06-15')];
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.text).toBe(answers[0]?.text);
      expect(answer.headers['content-type']).toBe(answers[0]?.headers['content-type']);
      expect(answer.headers['content-length']).toBe(answers[0]?.headers['content-length']);
    }
    expect(JSON.parse(answers[0]?.text ?? '{}')).toEqual({ status: 404, code: 'not_found', message: 'No ballot matches that receipt number and date of birth.', fields: [] });
    // The HTML form's failures read the same too.
    const pages = await Promise.all([
      t.http.post('/portal').type('form').send({ lang: 'en', receiptNumber: 'NO-SUCH-RECEIPT', month: '2', day: '29', year: '1980' }),
      t.http.post('/portal').type('form').send({ lang: 'en', receiptNumber: ballot.receiptNumber, month: '3', day: '1', year: '1980' }),
    ]);
    expect(pages[0]?.text.replace('NO-SUCH-RECEIPT', ballot.receiptNumber)).toBe(pages[1]?.text);
  });

  it('failed lookups are limited per receipt number, existing or not; after that even the right date is refused', async () => {
    const ballot = await intake();
    for (const wrong of ['1990-01-01', '1990-01-02', '1990-01-03']) await lookup(ballot.receiptNumber, wrong).expect(404);
    const limited = await lookup(ballot.receiptNumber, DOB).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    for (const wrong of ['1990-01-01', '1990-01-02', '1990-01-03']) await lookup('NEVER-ISSUED', wrong).expect(404);
    const unknown = await lookup('NEVER-ISSUED', DOB).expect(429);
    expect(unknown.text).toBe(limited.text);
  });

  it('bad input names the field and never gives 500', async () => {
    const bad = await t.http.post('/api/portal/lookup').send({ receiptNumber: 'x'.repeat(5000), dateOfBirth: '1980-02-30', extra: 1 }).expect(400);
    const fields = (bad.body as { fields: { field: string }[] }).fields.map((f) => f.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['dateOfBirth', 'extra', 'receiptNumber']));
    // The controller still writes these two itself: they must stay the wording module's, in both languages.
    for (const lang of ['en', 'es'] as const) {
      const form = await t.http.post('/portal').type('form').send({ lang, receiptNumber: '', month: '13', day: '1', year: '80' }).expect(400);
      expect(form.text).toContain(WORDS[lang].pages.receiptError);
      expect(form.text).toContain(WORDS[lang].pages.dateOfBirthError);
    }
    expect(WORDS.en.pages.receiptError).toBe('Enter the receipt number as it is printed on your receipt.');
  });

  it('an online cure: a renamed executable is refused and kept nowhere; a photo is stored privately, audited, and accepted by the clerk', async () => {
    const ballot = await awaitingCure();
    const token = await tokenFor(ballot.receiptNumber);
    const refused = await upload(token, RENAMED_EXE, 'my-id.jpg', 'image/jpeg').expect(400);
    expect(refused.text).toContain('The file must be a JPEG or PNG photo or a PDF.');
    expect(await t.db.dataSource.getRepository(CureSubmissionEntity).countBy({ ballotId: ballot.id })).toBe(0);

    const accepted = await upload(token, PNG, 'photo.png', 'image/png').expect(200);
    expect(accepted.text).toContain('Thank you. We received your document.');
    const [stored] = await t.db.dataSource.getRepository(CureSubmissionEntity).findBy({ ballotId: ballot.id });
    expect(stored).toMatchObject({ kind: 'id_document', mediaType: 'image/png', sizeBytes: PNG.length, status: 'pending' });
    const files = readdirSync(join(dataDir, 'uploads'));
    expect(files).toContain(stored?.storedName);
    expect(statSync(join(dataDir, 'uploads', stored?.storedName ?? '')).mode & 0o077).toBe(0);
    const audit = await t.db.dataSource.getRepository(AuditEntryEntity).findBy({ ballotId: ballot.id, event: 'CURE_UPLOADED' });
    expect(audit).toHaveLength(1);
    expect(((await lookup(ballot.receiptNumber, DOB).expect(200)).body as View).status).toBe('cure_submitted');
    // Issue 13: the token sent its document; sent again it is refused and nothing more is kept.
    const spent = await upload(token, PNG, 'again.png', 'image/png').expect(409);
    expect(spent.text).toContain('This page already sent a document. To send another, look up your ballot again.');
    expect(await t.db.dataSource.getRepository(CureSubmissionEntity).countBy({ ballotId: ballot.id })).toBe(1);
    expect(readdirSync(join(dataDir, 'uploads'))).toHaveLength(files.length);

    const list = await t.http.get(`/api/ballots/${ballot.id}/cure-documents`).auth(clerk, { type: 'bearer' }).expect(200);
    const documentId = (list.body as { id: string }[])[0]?.id ?? '';
    const file = await t.http.get(`/api/ballots/${ballot.id}/cure-documents/${documentId}`).auth(clerk, { type: 'bearer' }).buffer(true).expect(200);
    expect(file.headers['content-type']).toBe('image/png');
    const cobb = await t.token('cobb.clerk.portal', 'clerk', 'COBB');
    await t.http.get(`/api/ballots/${ballot.id}/cure-documents/${documentId}`).auth(cobb, { type: 'bearer' }).expect(404);

    const cured = await t.http.post(`/api/ballots/${ballot.id}/cure-documents/${documentId}/accept`).auth(clerk, { type: 'bearer' }).send({ expectedVersion: 2 }).expect(200);
    expect((cured.body as { status: string }).status).toBe('cured');
    const recorded = await t.db.dataSource.getRepository(AuditEntryEntity).findOneByOrFail({ ballotId: ballot.id, event: 'RECORD_CURE' });
    expect(JSON.stringify(recorded.payload)).toContain(stored?.sha256);
    // The page from before the cure no longer takes an upload.
    const late = await upload(token, PNG, 'again.png', 'image/png').expect(409);
    expect(late.text).toContain('Online uploads are closed for this ballot.');
  });

  it('a declined document: the voter is told why and may upload again', async () => {
    const ballot = await awaitingCure();
    const token = await tokenFor(ballot.receiptNumber);
    await upload(token, PNG, 'blurry.png', 'image/png').expect(200);
    const [doc] = (await t.http.get(`/api/ballots/${ballot.id}/cure-documents`).auth(clerk, { type: 'bearer' }).expect(200)).body as { id: string }[];
    await t.http.post(`/api/ballots/${ballot.id}/cure-documents/${doc?.id ?? ''}/decline`).auth(clerk, { type: 'bearer' }).send({ reason: 'unreadable' }).expect(204);
    const view = (await lookup(ballot.receiptNumber, DOB).expect(200)).body as View;
    expect(view.status).toBe('action_needed');
    expect(view.action?.lastUploadDeclined).toBe('We could not read the document you uploaded. Please upload a clearer photo or scan.');
    expect(view.action?.uploadOpen).toBe(true);
    expect(await t.db.dataSource.getRepository(AuditEntryEntity).countBy({ ballotId: ballot.id, event: 'CURE_DECLINED' })).toBe(1);
    const notices = await t.db.dataSource.getRepository(OutboxEntity).findBy({ ballotId: ballot.id });
    expect(notices.map((n) => n.payload)).toContainEqual({ type: 'cure_declined', reason: 'unreadable', deadline: Date.parse('2020-11-06T17:00:00-05:00') });
  });

  it('a forged or altered upload token is refused without touching any ballot', async () => {
    const ballot = await awaitingCure();
    const token = await tokenFor(ballot.receiptNumber);
    const altered = token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const page = await upload(altered, PNG, 'photo.png', 'image/png').expect(200);
    expect(page.text).toContain('This page has expired.');
    expect(await t.db.dataSource.getRepository(CureSubmissionEntity).countBy({ ballotId: ballot.id })).toBe(0);
  });

  it('outcomes: counted, and not counted with the reason in plain words', async () => {
    const counted = await intake({ claimedVoterId: '1001', lastName: 'Voter1001', idShown: true, issuedReason: 'not_on_list' });
    await event(counted.id, { type: 'VERIFY', expectedVersion: 1 });
    await event(counted.id, { type: 'COUNT', expectedVersion: 2 });
    expect(((await lookup(counted.receiptNumber, DOB).expect(200)).body as View).status).toBe('counted');
    const rejected = await intake();
    await event(rejected.id, { type: 'PROPOSE_REJECTION', reason: 'not_registered', note: 'No record', expectedVersion: 1 });
    const supervisor = await t.token('fulton.supervisor.portal', 'supervisor', 'FULTON');
    await t.http.post(`/api/ballots/${rejected.id}/events`).auth(supervisor, { type: 'bearer' }).send({ type: 'CONFIRM_REJECTION', expectedVersion: 2 }).expect(201);
    const view = (await lookup(rejected.receiptNumber, DOB).expect(200)).body as View;
    expect(view).toMatchObject({ status: 'not_counted', reason: { code: 'not_registered', text: 'We could not find a voter registration for you that was in effect for this election.' } });
    expect(JSON.stringify(view)).not.toContain('No record');
  });

  it('lookups are limited per client too, and so are uploads: the page says to wait, not that it expired', async () => {
    const ballot = await awaitingCure();
    const token = await tokenFor(ballot.receiptNumber);
    let status = 0;
    for (let i = 0; i < 80 && status !== 429; i += 1) status = (await lookup(`CLIENT-${i}`, DOB)).status;
    expect(status).toBe(429);
    const refused = await upload(token, PNG, 'photo.png', 'image/png').expect(429);
    expect(refused.text).toContain('Too many tries');
    expect(await t.db.dataSource.getRepository(CureSubmissionEntity).countBy({ ballotId: ballot.id })).toBe(0);
  });
});

describe('the portal\u2019s per-client limit behind a reverse proxy', () => {
  const ask = (t: TestApp, forwardedFor: string) => t.http.post('/api/portal/lookup').set('X-Forwarded-For', forwardedFor).send({ receiptNumber: 'NO-SUCH', dateOfBirth: DOB });

  it('TRUST_PROXY=1: each voter behind the proxy has their own count, by the address the proxy forwards', async () => {
    const t = await startTestApp('sqlite', { PORTAL_LOOKUPS_PER_CLIENT: '2', PORTAL_FAILURES_PER_RECEIPT: '100', TRUST_PROXY: '1' });
    try {
      for (let i = 0; i < 2; i += 1) await ask(t, '203.0.113.7').expect(404);
      await ask(t, '203.0.113.7').expect(429);
      await ask(t, '198.51.100.9').expect(404);
    } finally {
      await t.close();
    }
  }, 90_000);

  it('no proxy trusted (the default): a forged X-Forwarded-For does not buy more lookups', async () => {
    const t = await startTestApp('sqlite', { PORTAL_LOOKUPS_PER_CLIENT: '2', PORTAL_FAILURES_PER_RECEIPT: '100' });
    try {
      await ask(t, '203.0.113.1').expect(404);
      await ask(t, '203.0.113.2').expect(404);
      await ask(t, '203.0.113.3').expect(429);
    } finally {
      await t.close();
    }
  }, 90_000);
});
