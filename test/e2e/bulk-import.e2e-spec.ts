import { AuditEntryEntity, BallotEntity } from '@app/persistence';
import { testDatabases } from '@test/support/database';
import { startTestApp, type TestApp } from '@test/support/app';

/** Issue 6: bulk intake over HTTP, a county's file as CSV. */

const HEADER = 'receipt_number,kind,county_code,precinct_id,first_name,last_name,date_of_birth,address,claimed_voter_id,issued_reason,received_at,cast_at,contact_email,language';
const row = (receipt: string, overrides: Partial<Record<'county' | 'precinct' | 'dob', string>> = {}) =>
  `${receipt},provisional,${overrides.county ?? 'FULTON'},${overrides.precinct ?? 'FUL-01'},Pat,Voter1001,${overrides.dob ?? '1980-02-29'},"1 Peachtree St, Atlanta, GA",1001,not_on_list,2020-11-03T12:00:00-05:00,2020-11-03T12:00:00-05:00,pat@example.org,es`;

interface Report { read: number; inserted: number; alreadyPresent: number; rejected: number; problems: { line: number; field: string; message: string }[] }

describe.each(testDatabases())('bulk intake, POST /api/ballots/import, on %s', (kind) => {
  let t: TestApp;
  let clerk: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    clerk = await t.token('fulton.clerk', 'clerk', 'FULTON');
  }, 60_000);
  afterAll(async () => t.close());

  const send = (token: string, body: string, electionId = 'ga-2020-general', type = 'text/csv') =>
    t.http.post(`/api/ballots/import?electionId=${electionId}`).auth(token, { type: 'bearer' }).set('Content-Type', type).send(body);

  it('takes in the good rows, reports each bad one by line and field, and a second send changes nothing', async () => {
    const file = [HEADER, row('BULK-1'), row('BULK-2'), row('BULK-3', { dob: '1980-02-30' }), row('BULK-4', { county: 'COBB', precinct: 'COB-01' }), row('BULK-5')].join('\r\n') + '\r\n';
    const first = (await send(clerk, file).expect(200)).body as Report;
    expect(first).toMatchObject({ read: 5, inserted: 3, alreadyPresent: 0, rejected: 2 });
    expect(first.problems).toEqual([
      { line: 4, field: 'date_of_birth', message: expect.stringMatching(/date/) },
      { line: 5, field: 'county_code', message: 'must be your own county' },
    ]);
    const stored = await t.db.dataSource.getRepository(BallotEntity).findOneByOrFail({ receiptNumber: 'BULK-1' });
    expect(stored).toMatchObject({ countyCode: 'FULTON', contactEmail: 'pat@example.org', language: 'es', createdBy: expect.any(String) });
    expect(await t.db.dataSource.getRepository(AuditEntryEntity).countBy({ ballotId: stored.id, event: 'INTAKE' })).toBe(1);

    const again = (await send(clerk, file).expect(200)).body as Report;
    expect(again).toMatchObject({ read: 5, inserted: 0, alreadyPresent: 3, rejected: 2 });
    expect(await t.db.dataSource.getRepository(BallotEntity).count({ where: [{ receiptNumber: 'BULK-1' }, { receiptNumber: 'BULK-2' }, { receiptNumber: 'BULK-5' }] })).toBe(3);
  });

  it('a file without a required column is refused whole, naming the column; nothing is taken in', async () => {
    const response = await send(clerk, 'receipt_number,kind\r\nBULK-X,provisional\r\n').expect(400);
    expect((response.body as { fields: { field: string; message: string }[] }).fields[0]).toMatchObject({ field: '(header)', message: expect.stringMatching(/county_code/) });
    expect(await t.db.dataSource.getRepository(BallotEntity).countBy({ receiptNumber: 'BULK-X' })).toBe(0);
  });

  it('refuses another content type, an unknown election, and an observer', async () => {
    expect(((await send(clerk, '{}', 'ga-2020-general', 'application/json').expect(415)).body as { fields: { field: string }[] }).fields[0]?.field).toBe('(content-type)');
    await send(clerk, `${HEADER}\r\n${row('BULK-Y')}\r\n`, 'no-such-election').expect(404);
    const observer = await t.token('state.observer', 'observer');
    await send(observer, `${HEADER}\r\n${row('BULK-Z')}\r\n`).expect(403);
  });
});
