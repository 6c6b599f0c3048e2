import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BallotEntity } from '@app/persistence';
import { testDatabases } from '@test/support/database';
import { startTestApp, PASSWORD, type TestApp } from '@test/support/app';
import { intakeBodies, NEEDS_ID_CURE } from '@test/fixtures/intake-body';

/**
 * Issue 13, section 1: each request the probe answered with a 500, sent again. Each now gets a 4xx
 * (or a 503 for a failing disk) that says what was wrong, and nothing is left half done.
 */

interface ErrorBody { status: number; code: string; message: string; fields: { field: string; message: string }[] }

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const body = intakeBodies('PROBE');
const CSV_HEADER = 'receipt_number,kind,county_code,precinct_id,first_name,last_name,date_of_birth,address,claimed_voter_id,issued_reason,received_at,cast_at';
const csvLine = (receipt: string, lastName = 'Voter1001') => `${receipt},provisional,FULTON,FUL-01,Pat,${lastName},1980-02-29,1 Peachtree St,1001,not_on_list,2020-11-03T12:00:00-05:00,2020-11-03T12:00:00-05:00`;

describe.each(testDatabases())('the probe\u2019s 500s on %s', (kind) => {
  let t: TestApp;
  let clerk: string;

  beforeAll(async () => {
    // Election week of 2020: the cure window is open for the upload case.
    t = await startTestApp(kind, { CLOCK_AT: '2020-11-04T10:00:00-05:00', PORTAL_LOOKUPS_PER_CLIENT: '200' });
    clerk = await t.token('probe.clerk', 'clerk', 'FULTON');
  }, 60_000);
  afterAll(async () => t.close());

  const receipts = (receipt: string) => t.db.dataSource.getRepository(BallotEntity).countBy({ receiptNumber: receipt });

  it('JSON nested 10,000 levels (objects) or 50,000 (arrays): 400 naming the problem, on public and staff routes', async () => {
    const objects = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const arrays = '['.repeat(50_000);
    for (const [path, token] of [['/api/portal/lookup', null], ['/api/auth/login', null], ['/api/ballots', clerk]] as const) {
      for (const raw of [objects, arrays]) {
        const request = t.http.post(path).set('content-type', 'application/json');
        const response = await (token === null ? request : request.auth(token, { type: 'bearer' })).send(raw);
        expect(response.status).toBe(path === '/api/ballots' || raw.length <= 16 * 1024 ? 400 : 413);
        const error = response.body as ErrorBody;
        expect(error.fields[0]?.field).toBe('(body)');
        expect(error.message).toMatch(response.status === 400 ? /more than 32 levels/ : /too large/);
      }
    }
    // Within the limits, nesting past 32 on a small public body is still refused for its depth.
    const deepButSmall = await t.http.post('/api/auth/login').set('content-type', 'application/json').send(`${'['.repeat(33)}${']'.repeat(33)}`);
    expect(deepButSmall.status).toBe(400);
    expect((deepButSmall.body as ErrorBody).message).toMatch(/levels/);
    // Brackets inside strings are text, not nesting.
    const inString = await t.http.post('/api/auth/login').send({ username: 'probe.clerk', password: '{["\\'.repeat(60) });
    expect(inString.status).toBe(401);
  });

  it('malformed CSV: 400 with the line, and not one row of the file taken in', async () => {
    const send = (csv: string) => t.http.post('/api/ballots/import?electionId=ga-2020-general').auth(clerk, { type: 'bearer' }).set('content-type', 'text/csv').send(csv);
    const notClosed = await send(`${CSV_HEADER}\n${csvLine('CSV-Q-1')}\n${csvLine('CSV-Q-2', '"Voter1001')}\n${csvLine('CSV-Q-3')}\n`);
    expect(notClosed.status).toBe(400);
    expect((notClosed.body as ErrorBody).fields).toEqual([{ field: '(line 3)', message: expect.stringMatching(/closing quote never comes/) as unknown }]);
    expect(await receipts('CSV-Q-1')).toBe(0);

    const opening = await send(`${CSV_HEADER}\n${csvLine('CSV-O-1')}\n${csvLine('CSV-O-2')}\n${csvLine('CSV-O-3', 'Voter"1001"')}\n`);
    expect(opening.status).toBe(400);
    expect((opening.body as ErrorBody).fields[0]?.field).toBe('(line 4)');
    expect((opening.body as ErrorBody).message).toMatch(/line 4/);
    expect(await receipts('CSV-O-1')).toBe(0);

    // The same file mended goes in whole.
    const mended = await send(`${CSV_HEADER}\n${csvLine('CSV-O-1')}\n${csvLine('CSV-O-2')}\n${csvLine('CSV-O-3', '"Voter""1001"""')}\n`);
    expect(mended.status).toBe(200);
    expect(mended.body).toMatchObject({ read: 3, inserted: 3 });
    // Nothing of a file is left in the spool.
    expect(readdirSync(join(t.dataDir, 'import-spool'))).toEqual([]);
  });

  it('a lone surrogate or a NUL in contactEmail: 400 naming contactEmail', async () => {
    for (const contactEmail of ['\ud800@example.org', 'pat\u0000@example.org', 'pat@exa\udfffmple.org']) {
      const response = await t.http.post('/api/ballots').auth(clerk, { type: 'bearer' }).send(body({ contactEmail }));
      expect(response.status).toBe(400);
      expect((response.body as ErrorBody).fields.map((f) => f.field)).toContain('contactEmail');
    }
  });

  describe('the console', () => {
    let cookie: string;
    let csrf: string;
    beforeAll(async () => {
      const login = await t.http.post('/api/auth/login').send({ username: 'probe.clerk', password: PASSWORD }).expect(200);
      cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
      csrf = (login.body as { csrfToken: string }).csrfToken;
    });

    it('an intake form with 2020-02-30T10:00: the form back (400) with receivedAt marked', async () => {
      const form = { _csrf: csrf, electionId: 'ga-2020-general', receiptNumber: 'FORM-1', kind: 'provisional', countyCode: 'FULTON', precinctId: 'FUL-01', firstName: 'Pat', lastName: 'Voter1001', dateOfBirth: '1980-02-29', address: '1 Peachtree St', issuedReason: 'not_on_list', receivedAt: '2020-02-30T10:00', castAt: '2020-11-03T24:00', signature: 'present' };
      const response = await t.http.post('/console/intake').set('cookie', cookie).type('form').send(form);
      expect(response.status).toBe(400);
      expect(response.text).toMatch(/id="[^"]*receivedAt-error"/);
      expect(response.text).toMatch(/id="[^"]*castAt-error"/);
      expect(await receipts('FORM-1')).toBe(0);
    });

    it('the sign-in form posted as text/plain or multipart: 415 naming the content type', async () => {
      const plain = await t.http.post('/console/login').set('content-type', 'text/plain').send('username=probe.clerk&password=x');
      expect(plain.status).toBe(415);
      expect((plain.body as ErrorBody).fields[0]?.field).toBe('(content-type)');
      const multipart = await t.http.post('/console/login').field('username', 'probe.clerk').field('password', 'x');
      expect(multipart.status).toBe(415);
      expect((multipart.body as ErrorBody).message).toMatch(/application\/x-www-form-urlencoded/);
    });
  });

  it('an upload the disk cannot take: 503 with a plain message, and no file left behind', async () => {
    const ballot = (await t.http.post('/api/ballots').auth(clerk, { type: 'bearer' }).send(body({ ...NEEDS_ID_CURE })).expect(201)).body as { id: string; receiptNumber: string };
    await t.http.post(`/api/ballots/${ballot.id}/events`).auth(clerk, { type: 'bearer' }).send({ type: 'REQUEST_CURE', cureReason: 'id_required', expectedVersion: 1 }).expect(201);
    const page = await t.http.post('/portal').type('form').send({ lang: 'en', receiptNumber: ballot.receiptNumber, month: '2', day: '29', year: '1980' }).expect(200);
    const token = /name="token" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    // A real I/O error without filling the disk: where the uploads folder should be, a file stands.
    writeFileSync(join(t.dataDir, 'uploads'), '');
    const response = await t.http.post('/portal/cure').field('token', token).field('lang', 'en').field('kind', 'id_document').field('affirm', 'yes').attach('document', PNG, { filename: 'id.png', contentType: 'image/png' });
    expect(response.status).toBe(503);
    expect(response.text).toContain('We could not save your document just now');
    const documents = await t.http.get(`/api/ballots/${ballot.id}/cure-documents`).auth(clerk, { type: 'bearer' }).expect(200);
    expect(documents.body).toEqual([]);
  });
});
