import { createHash } from 'node:crypto';
import { AuditChainHeadEntity, AuditEntryEntity } from '@app/persistence';
import { testDatabases } from '@test/support/database';
import { PASSWORD, startTestApp, type TestApp } from '@test/support/app';

interface ErrorBody { fields: { field: string; message: string }[] }

/**
 * Issue 13, section 6, over HTTP: every report carries the audit chain's head in the
 * X-Audit-Chain-Head header, and `GET /api/audit/verify?head=SEQ:HASH` proves a head published
 * earlier is still in the chain, after the signatures check out.
 */
describe.each(testDatabases())('the audit chain head on reports and the verify route, on %s', (kind) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await t.token('state.admin', 'admin');
  }, 60_000);
  afterAll(async () => t.close());

  const verify = async (head?: string) => {
    const response = await t.http.get('/api/audit/verify').query(head === undefined ? {} : { head }).auth(admin, { type: 'bearer' });
    return response;
  };

  it('a JSON report carries the current head; a CSV export carries the head of its own REPORT_EXPORTED entry, which holds the file\'s SHA-256', async () => {
    const json = await t.http.get('/api/reports/certification-readiness?electionId=ga-2020-general').auth(admin, { type: 'bearer' }).expect(200);
    const recorded = await t.db.dataSource.getRepository(AuditChainHeadEntity).findOneByOrFail({ id: 1 });
    expect(json.headers['x-audit-chain-head']).toBe(`${recorded.seq}:${recorded.hash}`);
    expect(Array.isArray(json.body)).toBe(true);

    const csv = await t.http.get('/api/reports/eavs?electionId=ga-2020-general&format=csv').auth(admin, { type: 'bearer' }).expect(200);
    const head = String(csv.headers['x-audit-chain-head']);
    const [seq, hash] = head.split(':');
    const entry = await t.db.dataSource.getRepository(AuditEntryEntity).findOneByOrFail({ seq: Number(seq) });
    expect(entry).toMatchObject({ event: 'REPORT_EXPORTED', hash, payload: { report: 'eavs', sha256: createHash('sha256').update(csv.text).digest('hex') } });
    expect(csv.text.split('\n')[0]).not.toMatch(/audit/i);
  });

  it('the console\'s report page prints the head; its CSV download carries it in the header, as the API does', async () => {
    await t.token('state.observer', 'observer');
    const login = await t.http.post('/console/login').type('form').send({ username: 'state.observer', password: PASSWORD }).expect(303);
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const recorded = await t.db.dataSource.getRepository(AuditChainHeadEntity).findOneByOrFail({ id: 1 });
    const page = await t.http.get('/console/reports/outstanding?election=ga-2020-general').set('cookie', cookie).expect(200);
    expect(page.text).toContain(`Audit chain head when this report was read: <code class="text-wrap">${recorded.seq}:${recorded.hash}</code>`);
    const csv = await t.http.get('/console/reports/outstanding/csv?election=ga-2020-general').set('cookie', cookie).expect(200);
    const exported = await t.db.dataSource.getRepository(AuditChainHeadEntity).findOneByOrFail({ id: 1 });
    expect(csv.headers['x-audit-chain-head']).toBe(`${exported.seq}:${exported.hash}`);
  });

  it('?head= with a published head: intact and found; a malformed head is a 400 naming the field', async () => {
    const csv = await t.http.get('/api/reports/outstanding?electionId=ga-2020-general&format=csv').auth(admin, { type: 'bearer' }).expect(200);
    const head = String(csv.headers['x-audit-chain-head']);
    const ok = await verify(head);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ intact: true, published: { found: true } });
    const bad = await verify('12-nothex');
    expect(bad.status).toBe(400);
    expect((bad.body as ErrorBody).fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'head', message: expect.stringMatching(/SEQ:HASH/) })]));
  });

  it('?head= against a chain cut back and re-headed without the key: not intact, and the published head is not found', async () => {
    const csv = await t.http.get('/api/reports/outstanding?electionId=ga-2020-general&format=csv').auth(admin, { type: 'bearer' }).expect(200);
    const published = String(csv.headers['x-audit-chain-head']);
    const seq = Number(published.split(':')[0]);
    await t.db.dataSource.query(kind === 'postgres' ? 'DROP TRIGGER audit_entries_append_only ON audit_entries' : 'DROP TRIGGER audit_entries_no_delete');
    await t.db.dataSource.query(`DELETE FROM audit_entries WHERE seq > ${seq - 2}`);
    const last = await t.db.dataSource.getRepository(AuditEntryEntity).findOneByOrFail({ seq: seq - 2 });
    await t.db.dataSource.getRepository(AuditChainHeadEntity).update({ id: 1 }, { seq: last.seq, hash: last.hash, signature: last.signature });
    const plain = await verify();
    expect(plain.body).toMatchObject({ intact: false, brokenAt: seq - 1, problem: 'head_signature_mismatch' });
    const checked = await verify(published);
    expect(checked.body).toMatchObject({ intact: false, published: { found: false, message: expect.stringMatching(new RegExp(`no entry ${seq} \\(it ends at entry ${seq - 2}\\)`)) } });
  });
});
