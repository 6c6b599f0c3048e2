import { EVENT_TYPES } from '@app/domain';
import { testDatabases } from '@test/support/database';
import { startTestApp, type TestApp } from '@test/support/app';
import { intakeBodies } from '@test/fixtures/intake-body';

interface Schema { $ref?: string; oneOf?: Schema[]; required?: string[]; properties?: Record<string, Schema>; discriminator?: { propertyName: string; mapping: Record<string, string> } }
interface Media { schema?: Schema; examples?: Record<string, unknown>; example?: unknown }
interface Operation {
  summary?: string;
  security?: unknown[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { content?: Record<string, Media> }>;
}
interface OpenApi { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema>; securitySchemes: Record<string, { bearerFormat?: string }> } }
interface ErrorBody { status: number; code: string; message: string; fields: { field: string; message: string }[] }

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const ERROR_BODY = '#/components/schemas/ErrorBody';
/** Signed-in routes every role may call, with nothing a CSRF token guards: they cannot answer 403. */
const ANY_SIGNED_IN = new Set(['GET /api/auth/me']);

/**
 * What an operation must document, from what it takes: a signed-in route can answer 401 and 403;
 * any input (a body, a query) 400; a path parameter 404; a JSON body 413 and 415.
 */
function problemsOf(path: string, method: string, op: Operation): string[] {
  const name = `${method.toUpperCase()} ${path}`;
  const problems: string[] = [];
  if ((op.summary ?? '').trim() === '') problems.push(`${name}: no summary`);
  const statuses = Object.keys(op.responses);
  const ok = statuses.filter((s) => s.startsWith('2'));
  if (ok.length === 0) problems.push(`${name}: no success response`);
  for (const status of ok) {
    if (status === '204') continue;
    const media = Object.values(op.responses[status]?.content ?? {});
    if (media.length === 0 || media.some((m) => m.schema === undefined)) problems.push(`${name}: ${status} has no response schema`);
  }
  const needed = new Set<string>();
  if ((op.security ?? []).length > 0) needed.add('401');
  if ((op.security ?? []).length > 0 && !ANY_SIGNED_IN.has(name)) needed.add('403');
  if (op.requestBody !== undefined || (op.parameters ?? []).some((p) => p.in === 'query')) needed.add('400');
  if (/\{\w+\}/.test(path)) needed.add('404');
  if (op.requestBody?.content['application/json'] !== undefined) ['413', '415'].forEach((s) => needed.add(s));
  for (const status of needed) if (!statuses.includes(status)) problems.push(`${name}: ${status} not documented`);
  for (const status of statuses.filter((s) => Number(s) >= 400)) {
    const schema = op.responses[status]?.content?.['application/json']?.schema;
    if (schema?.$ref !== ERROR_BODY) problems.push(`${name}: ${status} is not documented with the error shape`);
  }
  return problems;
}

describe.each(testDatabases())('the OpenAPI document, errors and health, on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let doc: OpenApi;
  let ballotId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await t.token('openapi.admin', 'admin');
    doc = (await t.http.get('/api/docs-json').expect(200)).body as OpenApi;
    ballotId = ((await t.http.post('/api/ballots').auth(admin, { type: 'bearer' }).send(intakeBodies('OPENAPI')()).expect(201)).body as { id: string }).id;
  }, 120_000);
  afterAll(async () => t.close());

  const operations = () => Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).filter(([m]) => METHODS.includes(m)).map(([method, op]) => ({ path, method, op })));

  it('every operation has a summary, a response schema, and the error responses it can give, each with the error shape', () => {
    expect(operations().length).toBeGreaterThan(30);
    expect(operations().flatMap(({ path, method, op }) => problemsOf(path, method, op))).toEqual([]);
  });

  it('lists the staff API only (no portal or console pages), and its bearer token is not called a JWT', () => {
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/'))).toEqual([]);
    expect(doc.paths['/api/portal/lookup']?.['post']).toBeDefined();
    expect(Object.values(doc.components.securitySchemes).map((s) => s.bearerFormat)).not.toContain('JWT');
  });

  it('has examples on intake, events and the portal lookup', () => {
    for (const path of ['/api/ballots', '/api/ballots/{id}/events', '/api/portal/lookup']) {
      expect(Object.keys(doc.paths[path]?.['post']?.requestBody?.content['application/json']?.examples ?? {}).length).toBeGreaterThan(0);
    }
  });

  it('documents one request schema per event type, discriminated by type, and each schema\'s required fields are what the service asks for', async () => {
    const body = doc.paths['/api/ballots/{id}/events']?.['post']?.requestBody?.content['application/json']?.schema;
    expect(body?.discriminator?.propertyName).toBe('type');
    expect(Object.keys(body?.discriminator?.mapping ?? {}).sort()).toEqual([...EVENT_TYPES].sort());
    expect(body?.oneOf).toHaveLength(EVENT_TYPES.length);
    for (const type of EVENT_TYPES) {
      const ref = body?.discriminator?.mapping[type] ?? '';
      const schema = doc.components.schemas[ref.replace('#/components/schemas/', '')];
      const required = (schema?.required ?? []).filter((f) => f !== 'type' && f !== 'expectedVersion').sort();
      // A version far ahead of the ballot's: a complete body is refused as stale (409), never applied.
      const response = await t.http.post(`/api/ballots/${ballotId}/events`).auth(admin, { type: 'bearer' }).send({ type, expectedVersion: 2_000_000_000 });
      const seen = { type, status: response.status, fields: (response.body as ErrorBody).fields.map((f) => f.field).sort() };
      expect(seen).toEqual(required.length === 0 ? { type, status: 409, fields: [] } : { type, status: 400, fields: required });
    }
  });

  it('a missing expectedVersion gives one message, naming the field', async () => {
    const response = await t.http.post(`/api/ballots/${ballotId}/events`).auth(admin, { type: 'bearer' }).send({ type: 'VERIFY' }).expect(400);
    expect((response.body as ErrorBody).fields).toEqual([{ field: 'expectedVersion', message: 'expectedVersion is required' }]);
    const wrong = await t.http.post(`/api/ballots/${ballotId}/events`).auth(admin, { type: 'bearer' }).send({ type: 'VERIFY', expectedVersion: 'two' }).expect(400);
    expect((wrong.body as ErrorBody).fields).toEqual([{ field: 'expectedVersion', message: 'expectedVersion must be an integer number' }]);
  });

  it('an unknown report is 404 in the error shape, naming the reports there are', async () => {
    const response = await t.http.get('/api/reports/bogus?electionId=ga-2020-general').auth(admin, { type: 'bearer' }).expect(404);
    expect(response.body).toMatchObject({ status: 404, code: 'not_found', fields: [] });
    expect((response.body as ErrorBody).message).toContain('outstanding');
  });

  it('liveness answers without the database; readiness checks the database', async () => {
    await t.http.get('/api/health').expect(200, { status: 'ok' });
    const ready = await t.http.get('/api/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', details: { database: { status: 'up' } } });
  });

  it('logs start-up as JSON lines with ISO times, one line saying where the service is, and no route-mapping lines at info', () => {
    const lines = t.service.output.join('').split('\n').filter((line) => line.trim() !== '');
    const parsed = lines.map((line) => {
      try {
        return JSON.parse(line) as { time?: unknown; msg?: unknown; console?: unknown; notJson?: string };
      } catch {
        return { notJson: line };
      }
    });
    expect(parsed.filter((p) => 'notJson' in p)).toEqual([]);
    expect(parsed.filter((p) => typeof p.time !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(p.time))).toEqual([]);
    expect(lines.filter((line) => /Mapped \{|RoutesResolver|InstanceLoader/.test(line))).toEqual([]);
    expect(parsed.find((p) => p.msg === 'listening')?.console).toBe(`${t.service.url}/console`);
  });
});
