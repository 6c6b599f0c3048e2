import { startTestApp, PASSWORD, type TestApp } from '@test/support/app';
import { intakeBodies, NEEDS_ID_CURE } from '@test/fixtures/intake-body';

/**
 * Issue 13, the standing test: every operation of the OpenAPI document, every console form and
 * every portal form, sent a catalogue of malformed inputs. Nothing a client can send may get a
 * 5xx; a 4xx says what was wrong (the field, or the problem with the body).
 *
 * The catalogues below are data: adding a case is one line. SQLite is enough (the parsing and
 * validation under test do not depend on the database).
 */

// ---------------------------------------------------------------------------------------------
// The catalogues

/** A value put in one field of a JSON body; `wrong` when every field must refuse it (a wrong JSON type or null). */
interface ValueCase { readonly name: string; readonly value: unknown; readonly wrongFor: (schema: PropertySchema) => boolean }

const never = () => false;
const typeIsNot = (...types: string[]) => (s: PropertySchema) => s.type !== undefined && !types.includes(s.type);

const FIELD_VALUES: readonly ValueCase[] = [
  { name: 'null', value: null, wrongFor: never },
  { name: 'a number', value: 42, wrongFor: typeIsNot('number', 'integer') },
  { name: 'a negative fraction', value: -1.5, wrongFor: typeIsNot('number') },
  { name: 'true', value: true, wrongFor: typeIsNot('boolean') },
  { name: 'an object', value: { $gt: '' }, wrongFor: typeIsNot('object') },
  { name: 'an array', value: ['a', 1], wrongFor: typeIsNot('array') },
  { name: 'an empty string', value: '', wrongFor: typeIsNot('string') },
  { name: 'a huge string', value: 'x'.repeat(20_000), wrongFor: (s) => typeIsNot('string')(s) || s.maxLength !== undefined },
  { name: 'a lone surrogate', value: 'a\ud800b', wrongFor: typeIsNot('string') },
  { name: 'a NUL', value: 'a\u0000b', wrongFor: typeIsNot('string') },
  { name: 'bidirectional override', value: '\u202eabc', wrongFor: typeIsNot('string') },
  { name: 'an impossible date', value: '2020-02-30', wrongFor: (s) => typeIsNot('string')(s) || s.format === 'date' },
  { name: 'an impossible instant', value: '2020-02-30T25:61:00+99:00', wrongFor: (s) => typeIsNot('string')(s) || s.format === 'date-time' },
  { name: 'a bad id', value: '../../etc/passwd', wrongFor: (s) => typeIsNot('string')(s) || s.format === 'uuid' },
  { name: 'a huge number', value: 1e308, wrongFor: typeIsNot('number', 'integer') },
  { name: 'nesting in a field (within the depth limit)', value: JSON.parse(`${'{"a":'.repeat(20)}1${'}'.repeat(20)}`) as unknown, wrongFor: typeIsNot('object') },
];

/** A whole body, sent raw as JSON. */
const JSON_BODIES: readonly { readonly name: string; readonly raw: string; readonly status?: number }[] = [
  { name: 'not JSON', raw: '{"broken": ' },
  { name: 'null', raw: 'null' },
  { name: 'a bare string', raw: '"text"' },
  { name: 'a number', raw: '42' },
  { name: 'an array', raw: '[{}]' },
  { name: 'an empty object', raw: '{}' },
  { name: 'objects 10,000 deep', raw: `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}` },
  { name: 'arrays 50,000 deep', raw: '['.repeat(50_000) },
  { name: 'arrays 33 deep, small', raw: `${'['.repeat(33)}${']'.repeat(33)}`, status: 400 },
  { name: 'over 5 MB', raw: JSON.stringify({ notes: 'x'.repeat(5_300_000) }), status: 413 },
  { name: 'invalid UTF-8', raw: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]).toString('latin1') },
  { name: 'a prototype key', raw: '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}' },
];

/** A body of the wrong media type, for a route that takes JSON. */
const WRONG_TYPES: readonly { readonly name: string; readonly type: string; readonly raw: string }[] = [
  { name: 'text/plain', type: 'text/plain', raw: 'username=a&password=b' },
  { name: 'a form', type: 'application/x-www-form-urlencoded', raw: 'username=a&password=b' },
  { name: 'multipart', type: 'multipart/form-data; boundary=XYZ', raw: '--XYZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--XYZ--\r\n' },
  { name: 'XML', type: 'application/xml', raw: '<a>b</a>' },
  { name: 'JSON in UTF-16', type: 'application/json; charset=utf-16', raw: '{}' },
  { name: 'no type at all', type: '', raw: '{}' },
];

/** A value put in one query parameter (already URL-encoded). */
const QUERY_VALUES: readonly { readonly name: string; readonly encoded: string }[] = [
  { name: 'empty', encoded: '' },
  // Node itself answers a request line past 16 kB with 431; this one reaches the service.
  { name: 'a huge value', encoded: 'x'.repeat(10_000) },
  { name: 'a NUL', encoded: '%00' },
  { name: 'a lone surrogate (CESU-8)', encoded: '%ED%A0%80' },
  { name: 'broken percent-encoding', encoded: '%E0%A4%A' },
  { name: 'an impossible date', encoded: '2020-02-30' },
  { name: 'an injection', encoded: "1'%20OR%20'1'%3D'1" },
  { name: 'negative', encoded: '-1' },
];

/** A value put in one path parameter (already URL-encoded). */
const PATH_VALUES: readonly { readonly name: string; readonly encoded: string }[] = [
  { name: 'not a UUID', encoded: 'not-a-uuid' },
  { name: 'a UUID of nothing', encoded: '00000000-0000-4000-8000-000000000000' },
  { name: 'a lone surrogate (CESU-8)', encoded: '%ED%A0%80' },
  { name: 'broken percent-encoding', encoded: '%E0%A4%A' },
  { name: 'a NUL', encoded: '%00' },
  { name: 'dot-dot', encoded: '..%2F..%2Fetc' },
  { name: 'a huge value', encoded: 'x'.repeat(5_000) },
];

/** A value put in one field of a console or portal form (already URL-encoded). */
const FORM_VALUES: readonly { readonly name: string; readonly encoded: string }[] = [
  { name: 'empty', encoded: '' },
  { name: 'a lone surrogate (CESU-8)', encoded: '%ED%A0%80' },
  { name: 'invalid UTF-8', encoded: '%FF%FE' },
  { name: 'a NUL', encoded: 'a%00b' },
  { name: 'a huge value', encoded: 'x'.repeat(20_000) },
  { name: 'an impossible date and time', encoded: '2020-02-30T10%3A00' },
  { name: 'hour 24', encoded: '2020-11-03T24%3A00' },
  { name: 'an impossible date', encoded: '2020-02-30' },
  { name: 'a bad id', encoded: '..%2F..%2Fx' },
  { name: 'a huge number', encoded: '1e999' },
];

/** Whole-request cases for the forms: the wrong media type, and things no browser sends. */
const FORM_REQUESTS: readonly { readonly name: string; readonly type: string; readonly raw: string; readonly status?: number }[] = [
  { name: 'text/plain', type: 'text/plain', raw: 'username=a', status: 415 },
  { name: 'JSON', type: 'application/json', raw: '{"username": "a"}', status: 415 },
  { name: 'XML', type: 'application/xml', raw: '<a/>', status: 415 },
  { name: 'a field given twice', type: 'application/x-www-form-urlencoded', raw: 'a=1&a=2&username=x&username=y' },
  { name: 'brackets in names', type: 'application/x-www-form-urlencoded', raw: 'a[b][c]=1&__proto__[x]=1' },
  { name: 'a thousand fields', type: 'application/x-www-form-urlencoded', raw: Array.from({ length: 1_000 }, (_, i) => `f${i}=1`).join('&') },
  { name: 'over 1 MB', type: 'application/x-www-form-urlencoded', raw: `notes=${'x'.repeat(1_100_000)}` },
];

/** Headers a client controls. */
const HEADER_CASES: readonly { readonly name: string; readonly headers: Record<string, string> }[] = [
  { name: 'a mangled cookie', headers: { cookie: 'session=%E0%A4%A' } },
  { name: 'a huge bearer token', headers: { authorization: `Bearer ${'x'.repeat(8_000)}` } },
  { name: 'a malformed authorization', headers: { authorization: 'Bearer a b c' } },
  { name: 'a strange Accept-Language', headers: { 'accept-language': '*;q=abc, xx-%%, ;;;' } },
  { name: 'a bad request id', headers: { 'x-request-id': '../../x' } },
];

/** The console's and portal's forms (not in the OpenAPI document), with their fields. `:id` and friends are filled in. */
const FORMS: readonly { readonly path: string; readonly fields: readonly string[]; readonly session: boolean }[] = [
  { path: '/console/login', fields: ['username', 'password'], session: false },
  { path: '/console/intake', fields: ['electionId', 'receiptNumber', 'kind', 'countyCode', 'precinctId', 'firstName', 'lastName', 'dateOfBirth', 'dateOfBirth-month', 'dateOfBirth-day', 'dateOfBirth-year', 'address', 'claimedVoterId', 'issuedReason', 'uocavaCategory', 'fwab', 'postmarkDate', 'signedDate', 'receivedAt', 'castAt', 'idShown', 'outOfPrecinctAffidavit', 'signature', 'notes', 'contactEmail', 'contactPhone', 'language'], session: true },
  { path: '/console/users', fields: ['username', 'displayName', 'password', 'role', 'countyCode'], session: true },
  { path: '/console/ballots/:ballot/events', fields: ['type', 'expectedVersion', 'cureReason', 'evidence', 'reason', 'note', 'courtOrder', 'voterId', 'submittedAt', 'back'], session: true },
  { path: '/console/ballots/:ballot/documents/:document/accept', fields: ['expectedVersion'], session: true },
  { path: '/console/ballots/:ballot/documents/:document/decline', fields: ['reason', 'expectedVersion'], session: true },
  { path: '/console/counties/:county/certification', fields: ['election', 'attestedBy', 'attested'], session: true },
  { path: '/console/bulk', fields: ['election', 'action', 'ids', 'confirmed'], session: true },
  { path: '/console/letters', fields: ['election', 'batch'], session: true },
  { path: '/console/counties/:county/reopen', fields: ['election', 'courtOrder'], session: true },
  { path: '/console/deadlines/court-orders', fields: ['election', 'citation', 'summary', 'deadline', 'countyCodes', 'extendedTo'], session: true },
  { path: '/console/deadlines/close-of-business', fields: ['election', 'countyCode', 'closeOfBusiness', 'source'], session: true },
  { path: '/portal', fields: ['lang', 'receiptNumber', 'month', 'day', 'year'], session: false },
  { path: '/portal/view', fields: ['lang', 'token', 'show'], session: false },
  { path: '/portal/updates', fields: ['lang', 'token', 'channel', 'address'], session: false },
  { path: '/portal/updates/confirm', fields: ['lang', 'token', 'change', 'code'], session: false },
  { path: '/portal/updates/remove', fields: ['lang', 'token', 'channel'], session: false },
  { path: '/portal/affidavit', fields: ['lang', 'token'], session: false },
];

// ---------------------------------------------------------------------------------------------
// The OpenAPI document, as much of it as the test reads

interface PropertySchema { type?: string; format?: string; maxLength?: number; enum?: unknown[]; $ref?: string; items?: PropertySchema; allOf?: PropertySchema[] }
interface ObjectSchema { properties?: Record<string, PropertySchema>; required?: string[]; oneOf?: PropertySchema[] }
interface Parameter { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: PropertySchema }
interface Operation { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema?: PropertySchema & ObjectSchema }> } }
interface OpenApi { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, ObjectSchema & PropertySchema> } }

interface Op { readonly method: string; readonly path: string; readonly operation: Operation }
interface Sent { readonly status: number; readonly body: unknown; readonly text: string }
interface ErrorBody { status?: number; code?: string; message?: string; fields?: { field: string; message: string }[] }

const LABEL_LIMIT = 80;
const label = (s: string) => (s.length > LABEL_LIMIT ? `${s.slice(0, LABEL_LIMIT)}...` : s);

describe('malformed input, everywhere a client can send it (sqlite)', () => {
  let t: TestApp;
  let admin: string;
  let cookie: string;
  let csrf: string;
  let api: OpenApi;
  /** Real values for path parameters, so a malformed input meets the route's own checks, not a 404. */
  const real: Record<string, string> = {};
  /** Every response that broke a rule: the whole list is shown at the end, not just the first. */
  const failures: string[] = [];
  let sent = 0;

  beforeAll(async () => {
    t = await startTestApp('sqlite', { CLOCK_AT: '2020-11-04T10:00:00-05:00', PORTAL_LOOKUPS_PER_CLIENT: '100000', PORTAL_FAILURES_PER_RECEIPT: '100000' });
    admin = await t.token('malformed.admin', 'admin');
    const login = await t.http.post('/api/auth/login').send({ username: 'malformed.admin', password: PASSWORD }).expect(200);
    cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    csrf = (login.body as { csrfToken: string }).csrfToken;
    const ballot = (await t.http.post('/api/ballots').auth(admin, { type: 'bearer' }).send(intakeBodies('MALFORMED')({ ...NEEDS_ID_CURE })).expect(201)).body as { id: string };
    const user = (await t.http.post('/api/users').auth(admin, { type: 'bearer' }).send({ username: 'malformed.target', displayName: 'Target', password: 'a long enough password 1', role: 'observer' }).expect(201)).body as { id: string };
    Object.assign(real, { ballot: ballot.id, user: user.id, election: 'ga-2020-general', county: 'FULTON', document: '00000000-0000-4000-8000-000000000001', report: 'outstanding', pack: 'GA' });
    api = (await t.http.get('/api/docs-json').expect(200)).body as OpenApi;
  }, 120_000);
  afterAll(async () => t.close());
  beforeEach(() => {
    failures.length = 0;
  });

  /** The real value for a path parameter of an operation, by the route it is on. */
  const realParam = (path: string, name: string): string => {
    if (name === 'documentId') return real['document'] ?? '';
    if (name === 'code') return real['county'] ?? '';
    if (name === 'name') return real['report'] ?? '';
    if (path.startsWith('/api/ballots/')) return real['ballot'] ?? '';
    if (path.startsWith('/api/users/')) return real['user'] ?? '';
    if (path.startsWith('/api/elections/')) return real['election'] ?? '';
    if (path.startsWith('/api/rule-packs/')) return real['pack'] ?? '';
    return 'x';
  };

  const operations = (): Op[] =>
    Object.entries(api.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        // Signing out would end the session the rest of the test uses; it takes no input anyway.
        .filter(([method]) => !(method === 'post' && path === '/api/auth/logout'))
        .map(([method, operation]) => ({ method, path, operation })),
    );

  const resolve = (schema: (PropertySchema & ObjectSchema) | undefined): ObjectSchema => {
    // One of several schemas (the ballot events, by type): every field any of them has.
    if (schema?.oneOf !== undefined) return { properties: Object.assign({}, ...schema.oneOf.map((s) => resolve(s).properties ?? {})) as Record<string, PropertySchema> };
    const ref = schema?.$ref ?? schema?.allOf?.[0]?.$ref;
    return ref === undefined ? (schema ?? {}) : (api.components?.schemas?.[ref.replace('#/components/schemas/', '')] ?? {});
  };

  const urlOf = (op: Op, pathOverride?: { name: string; encoded: string }, query = ''): string => {
    const filled = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => (pathOverride?.name === name ? pathOverride.encoded : encodeURIComponent(realParam(op.path, name))));
    const required = (op.operation.parameters ?? []).filter((p) => p.in === 'query' && p.required === true && !query.includes(`${p.name}=`));
    const defaults = required.map((p) => `${p.name}=${p.name === 'electionId' ? real['election'] : 'x'}`);
    const all = [query, ...defaults].filter((q) => q !== '').join('&');
    return all === '' ? filled : `${filled}?${all}`;
  };

  /** Sends one request as the admin (bearer) and records whatever breaks a rule. */
  const send = async (what: string, method: string, url: string, options: { type?: string; raw?: string; headers?: Record<string, string>; auth?: 'bearer' | 'cookie' | 'none' } = {}): Promise<Sent> => {
    sent += 1;
    let request = t.http[method as 'get'](url);
    if (options.auth === 'cookie') request = request.set('cookie', cookie).set('x-csrf-token', csrf);
    else if (options.auth !== 'none') request = request.auth(admin, { type: 'bearer' });
    for (const [name, value] of Object.entries(options.headers ?? {})) request = request.set(name, value);
    if (options.raw !== undefined) {
      if (options.type !== undefined && options.type !== '') request = request.set('content-type', options.type);
      request = request.send(options.raw);
    }
    const response = await request.catch((error: unknown) => ({ status: 0, body: null, text: String(error) }));
    if (response.status === 0 || response.status >= 500) failures.push(`${what}: ${method.toUpperCase()} ${label(url)} answered ${response.status} ${label(response.text)}`);
    return { status: response.status, body: response.body as unknown, text: response.text };
  };

  /**
   * A 4xx says what was wrong. JSON: a message, and for invalid input the fields (or the body)
   * named. A page (the portal's forms are in the document too): an error shown on it.
   */
  const explained = (what: string, response: Sent, field?: string): void => {
    if (response.status < 400 || response.status >= 500) return;
    if (response.text.trimStart().startsWith('<!DOCTYPE html>')) {
      if (!/usa-error-message|usa-alert--error|usa-alert--warning|usa-alert/.test(response.text)) failures.push(`${what}: ${response.status} page that shows no error`);
      return;
    }
    const body = response.body as ErrorBody | null;
    if (typeof body?.message !== 'string' || body.message === '') failures.push(`${what}: ${response.status} without a message: ${label(response.text)}`);
    if (response.status === 400 && (body?.fields ?? []).length === 0) failures.push(`${what}: 400 naming no field: ${label(response.text)}`);
    if (field !== undefined && response.status === 400 && !(body?.fields ?? []).some((f) => f.field === field || f.field.startsWith(`${field}.`) || f.field.startsWith(`${field}[`))) {
      failures.push(`${what}: 400 without naming ${field}: ${label(response.text)}`);
    }
  };

  it('the OpenAPI document has the operations the test expects to walk', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(25);
    expect(ops.some((o) => o.path === '/api/portal/lookup')).toBe(true);
    expect(ops.some((o) => o.path === '/api/auth/login')).toBe(true);
    expect(ops.some((o) => o.path === '/api/ballots/import')).toBe(true);
  });

  it('every operation with a JSON body: malformed bodies, each field given each wrong value, wrong media types', async () => {
    for (const op of operations()) {
      const json = op.operation.requestBody?.content['application/json'];
      if (json === undefined) continue;
      const url = urlOf(op);
      for (const c of JSON_BODIES) {
        const response = await send(`body ${c.name}`, op.method, url, { type: 'application/json', raw: c.raw });
        explained(`${op.path} body ${c.name}`, response);
        if (c.status !== undefined && response.status !== c.status) failures.push(`${op.path} body ${c.name}: ${response.status}, expected ${c.status}`);
      }
      const schema = resolve(json.schema);
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        const prop = property.$ref === undefined ? property : { ...property, type: 'object' };
        await Promise.all(
          FIELD_VALUES.map(async (c) => {
            const response = await send(`${name} ${c.name}`, op.method, url, { type: 'application/json', raw: JSON.stringify({ [name]: c.value }) });
            explained(`${op.method.toUpperCase()} ${op.path} ${name}=${c.name}`, response, c.wrongFor(prop) ? name : undefined);
          }),
        );
      }
      for (const c of WRONG_TYPES) {
        const response = await send(`type ${c.name}`, op.method, url, { type: c.type, raw: c.raw });
        explained(`${op.path} as ${c.name}`, response);
        if (response.status !== 415) failures.push(`${op.method.toUpperCase()} ${op.path} as ${c.name}: ${response.status}, expected 415`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('every operation: each query and path parameter given each malformed value, and hostile headers', async () => {
    for (const op of operations()) {
      const body = op.operation.requestBody?.content['application/json'] !== undefined ? { type: 'application/json', raw: '{}' } : {};
      for (const parameter of op.operation.parameters ?? []) {
        const cases = parameter.in === 'query' ? QUERY_VALUES : parameter.in === 'path' ? PATH_VALUES : [];
        for (const c of cases) {
          const url = parameter.in === 'path' ? urlOf(op, { name: parameter.name, encoded: c.encoded }) : urlOf(op, undefined, `${parameter.name}=${c.encoded}`);
          explained(`${op.path} ${parameter.name}=${c.name}`, await send(`${parameter.name} ${c.name}`, op.method, url, body));
        }
      }
      for (const c of HEADER_CASES) explained(`${op.path} ${c.name}`, await send(c.name, op.method, urlOf(op), { ...body, headers: c.headers, auth: 'none' }));
      if (op.method !== 'get') explained(`${op.path} by cookie`, await send('cookie', op.method, urlOf(op), { ...body, auth: 'cookie' }));
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('the CSV import: broken files, wrong types, hostile bytes', async () => {
    const header = 'receipt_number,kind,county_code,first_name,last_name,date_of_birth,address,received_at';
    const row = (receipt: string) => `${receipt},uocava,FULTON,Pat,Voter,1980-02-29,1 Main St,2020-11-03T12:00:00-05:00`;
    const files: readonly { readonly name: string; readonly csv: string; readonly status: number }[] = [
      { name: 'a quote never closed', csv: `${header}\n${row('M-1')}\n"${row('M-2')}\n`, status: 400 },
      { name: 'a quote inside a field', csv: `${header}\n${row('M-3')}\nM-4,uo"ca"va,FULTON,Pat,Voter,1980-02-29,x,y\n`, status: 400 },
      { name: 'text after a closing quote', csv: `${header}\n"M-5"x,uocava\n`, status: 400 },
      { name: 'a record of 100,000 characters', csv: `${header}\n"${'x'.repeat(100_000)}",uocava\n`, status: 400 },
      { name: 'nothing at all', csv: '', status: 200 },
      { name: 'a header only', csv: `${header}\n`, status: 200 },
      { name: 'binary', csv: '\u0000\u0001\u0002\uffff', status: 400 },
      { name: 'a lone surrogate', csv: `${header}\nM-6,uocava,FULTON,P\ud800t,Voter,1980-02-29,1 Main St,2020-11-03T12:00:00-05:00\n`, status: 200 },
      { name: 'an impossible date', csv: `${header}\nM-7,uocava,FULTON,Pat,Voter,1980-02-30,1 Main St,2020-02-30T12:00:00-05:00\n`, status: 200 },
    ];
    for (const f of files) {
      const response = await send(`csv ${f.name}`, 'post', '/api/ballots/import?electionId=ga-2020-general', { type: 'text/csv', raw: f.csv });
      explained(`import ${f.name}`, response);
      if (response.status !== f.status) failures.push(`import ${f.name}: ${response.status}, expected ${f.status}: ${label(response.text)}`);
    }
    expect(failures).toEqual([]);
  });

  it('every console and portal form: each field given each malformed value, and the wrong media types', async () => {
    const fill = (path: string) => path.replace(':ballot', real['ballot'] ?? '').replace(':document', real['document'] ?? '').replace(':county', real['county'] ?? '');
    for (const form of FORMS) {
      const url = fill(form.path);
      const auth = form.session ? 'cookie' : 'none';
      const csrfField = form.session ? `_csrf=${encodeURIComponent(csrf)}&` : '';
      for (const name of form.fields) {
        // The values of one field go together; fields and forms one after another.
        await Promise.all(
          FORM_VALUES.map(async (c) => {
            const response = await send(`${name} ${c.name}`, 'post', url, { type: 'application/x-www-form-urlencoded', raw: `${csrfField}${name}=${c.encoded}`, auth });
            if (response.status >= 400 && response.status < 500 && response.text.trim() === '') failures.push(`${form.path} ${name}=${c.name}: ${response.status} with an empty page`);
          }),
        );
      }
      for (const c of FORM_REQUESTS) {
        const response = await send(`form ${c.name}`, 'post', url, { type: c.type, raw: c.type.includes('urlencoded') ? `${csrfField}${c.raw}` : c.raw, auth });
        if (c.status !== undefined && response.status !== c.status) failures.push(`${form.path} as ${c.name}: ${response.status}, expected ${c.status}`);
      }
    }
    // The cure upload takes a file, and only that.
    for (const c of FORM_REQUESTS.filter((r) => r.status === 415)) {
      const response = await send(`cure upload ${c.name}`, 'post', '/portal/cure', { type: c.type, raw: c.raw, auth: 'none' });
      if (response.status !== 415) failures.push(`/portal/cure as ${c.name}: ${response.status}, expected 415`);
    }
    const forms = await send('cure upload as a form', 'post', '/portal/cure', { type: 'application/x-www-form-urlencoded', raw: 'token=x&kind=id_document', auth: 'none' });
    if (forms.status !== 415) failures.push(`/portal/cure as a form: ${forms.status}, expected 415`);
    expect(failures).toEqual([]);
  }, 120_000);

  it('sent the whole catalogue', () => {
    // A guard against a catalogue that silently stopped being sent.
    expect(sent).toBeGreaterThan(1_000);
  });
});
