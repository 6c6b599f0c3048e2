/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, startTestApp, type TestApp } from '@test/support/app';
import { launchBrowser, screenshot, seriousViolations } from '@test/support/browser';
import { fillIntake, signInOn } from '@test/support/console';
import { intakeBodies, NEEDS_ID_CURE } from '@test/fixtures/intake-body';
import { REPORT_DEFINITIONS } from '@app/reports';

/**
 * The console in a real browser (Debian's Chromium driven by playwright-core), against the
 * service running as its own process. The service's clock is set to Thursday of election week.
 */
/** A 1-by-1 PNG: what a voter's photo of ID looks like to the service. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

jest.setTimeout(60_000);

/** Ballots taken in through the API (the console's own intake form is driven by takeIn below). */
const intakeBody = intakeBodies('CONSOLE-API');

describe('staff console in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let receipt = 0;

  beforeAll(async () => {
    t = await startTestApp('sqlite', { CLOCK_AT: '2020-11-05T10:00:00-05:00' });
    await t.token('fulton.clerk', 'clerk', 'FULTON');
    await t.token('fulton.clerk2', 'clerk', 'FULTON');
    await t.token('fulton.supervisor', 'supervisor', 'FULTON');
    await t.token('cobb.supervisor', 'supervisor', 'COBB');
    await t.token('state.admin', 'admin');
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(username: string): Promise<Page> {
    return signInOn(await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true }), t.service.url, username);
  }

  /** Fills and sends the intake form for a provisional ballot cast at noon on election day (FUL-01 unless told). */
  async function takeIn(page: Page, fields: Record<string, string>, idShown: boolean): Promise<string> {
    receipt += 1;
    const number = `BR-${receipt}`;
    await page.goto(`${t.service.url}/console/intake`);
    await page.selectOption('#f-kind', 'provisional');
    await page.fill('#f-receiptNumber', number);
    await page.fill('#f-precinctId', fields['precinctId'] ?? 'FUL-01');
    await page.fill('#f-firstName', 'Pat');
    await fillIntake(page, { dateOfBirth: '1980-02-29' });
    await page.fill('#f-address', '1 Peachtree St, Atlanta, GA');
    await page.fill('#f-castAt', '2020-11-03T12:00');
    await page.fill('#f-receivedAt', '2020-11-03T12:00');
    for (const [name, value] of Object.entries(fields)) {
      if (name === 'precinctId') continue;
      if (name === 'issuedReason') await page.selectOption(`#f-${name}`, value);
      else await page.fill(`#f-${name}`, value);
    }
    if (idShown) await page.click('label[for="f-idShown"]');
    await page.click('form[aria-label="Take in a ballot"] button[type=submit]');
    await page.waitForURL(/\/console\/ballots\//);
    return number;
  }

  const stateOf = async (page: Page) => (await page.textContent('main h1 + p .usa-tag'))?.trim() ?? '';
  /** Sends an action from a ballot's page; a final one (Count, Confirm rejection) is confirmed on its second page. */
  const act = async (page: Page, label: string) => {
    await page.click(`form[aria-label="${label}"] button[type=submit]`);
    await page.waitForLoadState();
    const confirm = await page.$(`form[aria-label="Confirm: ${label}"] button[type=submit]`);
    if (confirm !== null) {
      await confirm.click();
      await page.waitForLoadState();
    }
  };

  it('a clerk takes a provisional ballot from intake to counted', async () => {
    const page = await signIn('fulton.clerk');
    await takeIn(page, { lastName: 'Voter1001', claimedVoterId: '1001', issuedReason: 'not_on_list' }, true);
    expect(await stateOf(page)).toMatch(/under research/i);
    await screenshot(page, 'ballot-pending');
    await act(page, 'Verify eligibility');
    expect(await stateOf(page)).toBe('Verified');
    await act(page, 'Count');
    expect(await stateOf(page)).toBe('Counted');
    expect(await page.textContent('main')).toContain('Nothing can be done to this ballot now: its adjudication is final');
    await screenshot(page, 'ballot-counted');
    await page.context().close();
  });

  it('a ballot needing ID goes through a cure request, the cure, verification and counting', async () => {
    const page = await signIn('fulton.clerk');
    await takeIn(page, { lastName: 'Voter1002', claimedVoterId: '1002', issuedReason: 'no_id' }, false);
    expect(await page.textContent('main')).toContain('A cure is needed');
    await act(page, 'Request a cure');
    expect(await stateOf(page)).toMatch(/waiting for the voter/i);
    await screenshot(page, 'ballot-awaiting-cure');
    await page.fill('#record_cure-evidence', 'Georgia driver\'s licence shown at the registrar\'s office');
    await act(page, 'Record the cure');
    expect(await stateOf(page)).toBe('Cured');
    expect(await page.textContent('main')).toContain('Georgia driver\'s licence shown');
    await act(page, 'Verify eligibility');
    await act(page, 'Count');
    expect(await stateOf(page)).toBe('Counted');
    await page.context().close();
  });

  it('a form error shows next to the field and keeps what was typed', async () => {
    const page = await signIn('fulton.clerk');
    await takeIn(page, { lastName: 'Voter1001', claimedVoterId: '1001', issuedReason: 'not_on_list' }, true);
    await page.selectOption('#propose_rejection-reason', 'not_registered');
    await page.click('form[aria-label="Propose rejection"] button[type=submit]'); // no note: the browser's own check stops it
    expect(await stateOf(page)).toMatch(/under research/i);
    await page.evaluate(() => document.querySelectorAll('[required]').forEach((e) => e.removeAttribute('required')));
    await page.click('form[aria-label="Propose rejection"] button[type=submit]');
    await page.waitForLoadState();
    expect(await page.textContent('#propose_rejection-note-error')).toMatch(/note/);
    expect(await page.inputValue('#propose_rejection-reason')).toBe('not_registered');
    await screenshot(page, 'ballot-form-error');
    await page.context().close();
  });

  it('the FWAB checkbox: ticked on a provisional ballot it is refused at the checkbox, keeping what was typed; on a UOCAVA ballot it is taken in', async () => {
    const page = await signIn('fulton.clerk');
    await page.goto(`${t.service.url}/console/intake`);
    expect(await page.textContent('#f-fwab-hint')).toMatch(/UOCAVA only/);
    await page.selectOption('#f-kind', 'provisional');
    await page.fill('#f-receiptNumber', 'BR-FWAB-1');
    await page.fill('#f-precinctId', 'FUL-01');
    await page.fill('#f-firstName', 'Pat');
    await page.fill('#f-lastName', 'Voter1001');
    await fillIntake(page, { dateOfBirth: '1980-02-29' });
    await page.fill('#f-address', '1 Peachtree St, Atlanta, GA');
    await page.selectOption('#f-issuedReason', 'not_on_list');
    await page.fill('#f-castAt', '2020-11-03T12:00');
    await page.fill('#f-receivedAt', '2020-11-03T12:00');
    await page.click('label[for="f-fwab"]');
    await page.click('form[aria-label="Take in a ballot"] button[type=submit]');
    await page.waitForLoadState();
    expect(await page.textContent('#f-fwab-error')).toMatch(/^Clear the FWAB box: only a UOCAVA ballot/);
    expect(await page.isChecked('#f-fwab')).toBe(true);
    expect(await page.inputValue('#f-receiptNumber')).toBe('BR-FWAB-1');
    await screenshot(page, 'intake-fwab-refused');
    await page.selectOption('#f-kind', 'uocava');
    await page.fill('#f-precinctId', '');
    await page.selectOption('#f-issuedReason', '');
    await page.fill('#f-castAt', '');
    await page.selectOption('#f-uocavaCategory', 'military_overseas');
    await page.fill('#f-postmarkDate', '2020-11-02');
    await page.fill('#f-receivedAt', '2020-11-04T10:00');
    await page.click('form[aria-label="Take in a ballot"] button[type=submit]');
    await page.waitForURL(/\/console\/ballots\//);
    expect(await page.textContent('main')).toMatch(/Returned on the federal write-in ballot \(FWAB\)\s*Yes/);
    await page.context().close();
  });

  it('a clerk proposes a rejection; the same clerk cannot confirm it; a supervisor does', async () => {
    const clerk = await signIn('fulton.clerk');
    const number = await takeIn(clerk, { lastName: 'Nobody', issuedReason: 'not_on_list' }, true);
    await clerk.selectOption('#propose_rejection-reason', 'not_registered');
    await clerk.fill('#propose_rejection-note', 'No registration found for this name and date of birth.');
    await act(clerk, 'Propose rejection');
    expect(await stateOf(clerk)).toMatch(/rejection proposed/i);
    expect(await clerk.$('form[aria-label="Confirm rejection"]')).toBeNull();
    const review = await clerk.goto(`${t.service.url}/console/review`);
    expect(review?.status()).toBe(403);
    await clerk.context().close();

    const supervisor = await signIn('fulton.supervisor');
    await supervisor.goto(`${t.service.url}/console/review`);
    expect(await supervisor.textContent('main')).toContain('proposed by fulton.clerk');
    await screenshot(supervisor, 'review-queue');
    await supervisor.click(`button:has-text("Confirm rejection of ${number}")`);
    await supervisor.click(`button:has-text("Yes, reject ballot ${number}")`);
    await supervisor.waitForURL(/\/console\/review$/);
    expect(await supervisor.textContent('main')).not.toContain(`Confirm rejection of ${number}`);
    await supervisor.context().close();
  });

  it('a county is certified and its ballots can no longer be changed', async () => {
    const admin = await signIn('state.admin');
    const number = await takeIn(admin, { countyCode: 'COBB', precinctId: 'COB-01', lastName: 'Voter2001', claimedVoterId: '2001', issuedReason: 'not_on_list' }, true);
    await act(admin, 'Verify eligibility');
    await act(admin, 'Count');
    const ballotUrl = admin.url().split('?')[0] ?? '';
    await admin.context().close();

    const supervisor = await signIn('cobb.supervisor');
    await supervisor.goto(`${t.service.url}/console/dashboard`);
    await supervisor.click('a:has-text("Certify Cobb")');
    await supervisor.fill('#f-attestedBy', 'Casey Cobb');
    await supervisor.click('label[for="f-attested"]');
    await supervisor.click('form[aria-label="Attest and certify Cobb"] button[type=submit]');
    await supervisor.waitForURL(/\/console\/counties\/COBB\/certificate/);
    await supervisor.goto(`${t.service.url}/console/dashboard`);
    expect(await supervisor.textContent('main')).toContain('Certified');
    await screenshot(supervisor, 'dashboard-certified');
    await supervisor.goto(ballotUrl);
    expect(await supervisor.textContent('main')).toContain('the county has certified');
    expect(await supervisor.$$('main form')).toHaveLength(0);
    expect(await supervisor.textContent('main')).toContain(`Ballot ${number}`);
    await supervisor.context().close();
  });

  it('one flow with the keyboard alone: sign in, open a ballot from the queue, verify it', async () => {
    const helper = await signIn('fulton.clerk2');
    const number = await takeIn(helper, { lastName: 'Voter1001', claimedVoterId: '1001', issuedReason: 'not_on_list' }, true);
    await helper.context().close();

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${t.service.url}/console/login`);
    const focusOn = async (predicate: string) => {
      for (let i = 0; i < 400; i += 1) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(predicate)) return;
      }
      throw new Error(`could not reach ${predicate} with Tab`);
    };
    await focusOn("document.activeElement?.id === 'f-username'");
    await page.keyboard.type('fulton.clerk');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console$/);
    await focusOn(`document.activeElement?.textContent?.trim() === '${number}'`);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/ballots\//);
    await focusOn("document.activeElement?.textContent?.trim() === 'Verify eligibility'");
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=VERIFY/);
    expect(await stateOf(page)).toBe('Verified');
    await context.close();
  });

  const intake = async (token: string, overrides: Record<string, unknown> = {}): Promise<{ id: string; receiptNumber: string }> =>
    (await t.http.post('/api/ballots').auth(token, { type: 'bearer' }).send(intakeBody(overrides)).expect(201)).body as { id: string; receiptNumber: string };

  /** Provisional ballots taken in through the API in a county no other test uses, so its count is known (more than Fulton's). */
  const DEKALB_BALLOTS = 5;
  const ELECTION = 'ga-2020-general';
  const apiReport = async (token: string, name: string, format: 'json' | 'csv') =>
    t.http.get(`/api/reports/${name}?electionId=${ELECTION}&format=${format}`).auth(token, { type: 'bearer' }).buffer(true).expect(200);
  /** The outstanding report's county table as the page shows it: [county, provisional, UOCAVA, outstanding] per row. */
  const countyRows = async (page: Page, part: 'tbody' | 'tfoot') =>
    page.$$eval(`#outstanding-by-county ${part} tr`, (rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim() ?? '')));
  /** The same table computed from the API's JSON for the same user, most first. */
  const expectedCountyRows = async (token: string) => {
    const rows = (await apiReport(token, 'outstanding', 'json')).body as { countyName: string; kind: string; ballots: number }[];
    const byCounty = new Map<string, [number, number]>();
    for (const r of rows) {
      const [provisional, uocava] = byCounty.get(r.countyName) ?? [0, 0];
      byCounty.set(r.countyName, r.kind === 'uocava' ? [provisional, uocava + r.ballots] : [provisional + r.ballots, uocava]);
    }
    const counties = [...byCounty].map(([name, [p, u]]) => ({ name, p, u, n: p + u })).sort((a, b) => b.n - a.n || a.name.localeCompare(b.name));
    const n = (x: number) => x.toLocaleString('en-US');
    return { rows: counties.map((c) => [`${c.name} County`, n(c.p), n(c.u), n(c.n)]), total: n(counties.reduce((sum, c) => sum + c.n, 0)) };
  };

  it('reports: the navigation leads to a list of every report, each opening as a table', async () => {
    const page = await signIn('state.admin');
    await page.click('nav[aria-label="Primary navigation"] a:has-text("Reports")');
    await page.waitForURL(/\/console\/reports$/);
    expect((await page.textContent('main h1'))?.trim()).toBe('Reports');
    const links = await page.$$eval('main .usa-collection__heading a', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(links.map((href) => href.split('?')[0])).toEqual(Object.keys(REPORT_DEFINITIONS).map((name) => `/console/reports/${name}`));
    expect(await page.textContent('main')).toContain('Outstanding ballots');
    await screenshot(page, 'reports-list');
    await page.click('main a:has-text("Certification readiness")');
    await page.waitForURL(/\/console\/reports\/certification-readiness/);
    expect(await page.$$eval('main table caption', (c) => c.length)).toBe(1);
    expect(await page.$$eval('main table thead th[scope=col]', (th) => th.map((h) => h.textContent?.trim()))).toContain('Ready to certify');
    await page.context().close();
  });

  it('the outstanding report: per county, most first, with the total, as the API counts them; its CSV is the API\'s', async () => {
    const admin = await t.token('state.admin', 'admin');
    for (let i = 0; i < DEKALB_BALLOTS; i += 1) await intake(admin, { countyCode: 'DEKALB', precinctId: 'DEK-01', claimedVoterId: undefined, lastName: 'Dekalb' });
    await intake(admin);
    const expected = await expectedCountyRows(admin);
    expect(expected.rows).toContainEqual(['DeKalb County', String(DEKALB_BALLOTS), '0', String(DEKALB_BALLOTS)]);

    const page = await signIn('state.admin');
    await page.goto(`${t.service.url}/console/reports/outstanding`);
    expect((await page.textContent('main h1'))?.trim()).toBe('Outstanding ballots');
    const shown = await countyRows(page, 'tbody');
    expect(shown).toEqual(expected.rows);
    const totals = shown.map((row) => Number(row[3]?.replace(/,/g, '')));
    expect(new Set(totals).size).toBeGreaterThan(1); // so the order below says something
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(await countyRows(page, 'tfoot')).toEqual([['All counties', expect.any(String), expect.any(String), expected.total]]);
    expect(await page.textContent('#outstanding-line')).toContain(`DeKalb County: ${DEKALB_BALLOTS}`);
    expect(await page.textContent('#outstanding-headline')).toContain(`${expected.total} ballots outstanding`);
    // The detail table labels codes in plain words.
    expect(await page.textContent('main')).toContain('Received: under research');
    expect(await page.textContent('main')).not.toContain('received.pending');
    await screenshot(page, 'report-outstanding');

    const href = await page.getAttribute('main a:has-text("Download CSV")', 'href');
    const csv = await page.request.get(`${t.service.url}${href ?? ''}`);
    const fromApi = await apiReport(admin, 'outstanding', 'csv');
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toBe(fromApi.text);
    expect(await csv.text()).toContain(`DEKALB,DeKalb,provisional,received.pending,,${DEKALB_BALLOTS}`);
    expect(csv.headers()['content-type']).toBe(fromApi.headers['content-type']);
    expect(csv.headers()['content-disposition']).toBe(fromApi.headers['content-disposition']);
    await page.context().close();
  });

  it('a county user sees only their own county in reports, on the page and in the CSV', async () => {
    const clerk = await t.token('fulton.clerk', 'clerk', 'FULTON');
    await intake(clerk);
    const expected = await expectedCountyRows(clerk);
    expect(expected.rows.map((r) => r[0])).toEqual(['Fulton County']);
    const page = await signIn('fulton.clerk');
    await page.goto(`${t.service.url}/console/reports/outstanding`);
    expect(await countyRows(page, 'tbody')).toEqual(expected.rows);
    expect(await page.textContent('#outstanding-headline')).toContain('in your county');
    expect(await page.textContent('main')).not.toContain('DeKalb');
    await screenshot(page, 'report-outstanding-county');
    const csv = await page.request.get(`${t.service.url}/console/reports/outstanding/csv`);
    expect(await csv.text()).toBe((await apiReport(clerk, 'outstanding', 'csv')).text);
    expect(await csv.text()).not.toContain('DEKALB');
    await page.goto(`${t.service.url}/console/reports/state-rollup`);
    expect(await page.$$eval('main table tbody th[scope=row]', (th) => th.map((h) => h.textContent?.trim()))).toEqual(['Fulton', 'All counties you can see']);
    await page.context().close();
  });

  it('the EAVS figures of one county, picked from the list: the page and its CSV are that county\u2019s (as the API gives them), and an unknown county is not found', async () => {
    const admin = await t.token('state.admin', 'admin');
    const page = await signIn('state.admin');
    await page.goto(`${t.service.url}/console/reports/eavs`);
    await page.selectOption('#report-county', 'DEKALB');
    await page.click('main form button:has-text("Show")');
    await page.waitForURL(/county=DEKALB/);
    const counties = await page.$$eval('main table tbody tr', (rows) => [...new Set(rows.map((row) => row.querySelector('th, td')?.textContent?.trim()))]);
    expect(counties).toEqual(['DEKALB']);
    const fromApi = await t.http.get(`/api/reports/eavs?electionId=${ELECTION}&countyCode=DEKALB&format=csv`).auth(admin, { type: 'bearer' }).buffer(true).expect(200);
    expect(fromApi.text).toMatch(/^DEKALB,DeKalb,EAVS 2020,E,E1a,Total Provisional,Provisional ballots submitted,[1-9]\d*,yes,/m);
    expect(await page.textContent('main')).toContain('Item numbers of the EAVS 2020 instrument');
    const href = await page.getAttribute('main a:has-text("Download CSV")', 'href');
    const csv = await page.request.get(`${t.service.url}${href ?? ''}`);
    expect(await csv.text()).toBe(fromApi.text);
    expect(csv.headers()['content-disposition']).toBe(fromApi.headers['content-disposition']);
    await screenshot(page, 'report-eavs-county');
    expect((await page.goto(`${t.service.url}/console/reports/eavs?county=NOWHERE`))?.status()).toBe(404);
    await page.context().close();
  });

  it('an unknown report is the console\'s not-found page, as a page and as a CSV', async () => {
    const page = await signIn('fulton.clerk');
    const response = await page.goto(`${t.service.url}/console/reports/no-such-report`);
    expect(response?.status()).toBe(404);
    expect((await page.textContent('main h1'))?.trim()).toBe('Not found');
    expect((await page.request.get(`${t.service.url}/console/reports/no-such-report/csv`)).status()).toBe(404);
    expect((await page.request.get(`${t.service.url}/console/reports/__proto__`)).status()).toBe(404);
    await page.context().close();
  });

  it('a document a voter uploaded opens sandboxed and uncached, with the same headers in the console and the API', async () => {
    const clerk = await t.token('fulton.clerk', 'clerk', 'FULTON');
    const ballot = await intake(clerk, NEEDS_ID_CURE);
    await t.http.post(`/api/ballots/${ballot.id}/events`).auth(clerk, { type: 'bearer' }).send({ type: 'REQUEST_CURE', cureReason: 'id_required', expectedVersion: 1 }).expect(201);
    const lookup = await t.http.post('/portal').type('form').send({ lang: 'en', receiptNumber: ballot.receiptNumber, month: '2', day: '29', year: '1980' }).expect(200);
    const uploadToken = /name="token" value="([^"]+)"/.exec(lookup.text)?.[1] ?? '';
    await t.http.post('/portal/cure').field('token', uploadToken).field('lang', 'en').field('kind', 'id_document').field('affirm', 'yes').attach('document', PNG, { filename: 'id.png', contentType: 'image/png' }).expect(200);
    const documentId = ((await t.http.get(`/api/ballots/${ballot.id}/cure-documents`).auth(clerk, { type: 'bearer' }).expect(200)).body as { id: string }[])[0]?.id ?? '';

    const fromApi = await t.http.get(`/api/ballots/${ballot.id}/cure-documents/${documentId}`).auth(clerk, { type: 'bearer' }).buffer(true).expect(200);
    const page = await signIn('fulton.clerk');
    const fromConsole = await page.request.get(`${t.service.url}/console/ballots/${ballot.id}/documents/${documentId}`);
    expect(fromConsole.status()).toBe(200);
    expect(Buffer.from(await fromConsole.body()).equals(PNG)).toBe(true);
    const expected = {
      'content-type': 'image/png',
      'content-disposition': `inline; filename="cure-document-${documentId}.png"`,
      'content-security-policy': "sandbox; default-src 'none'; img-src 'self'; object-src 'self'",
      'cache-control': 'no-store',
    };
    const pick = (headers: Record<string, unknown>) => Object.fromEntries(Object.keys(expected).map((name) => [name, headers[name]]));
    expect(pick(fromConsole.headers())).toEqual(expected);
    expect(pick(fromApi.headers as Record<string, unknown>)).toEqual(expected);
    await page.context().close();
  });

  it('every page passes an axe-core scan with no serious or critical violation', async () => {
    const admin = await signIn('state.admin');
    const anonymous = await (await browser.newContext({ bypassCSP: true })).newPage();
    await anonymous.goto(`${t.service.url}/console/login`);
    const pages: [Page, string, string][] = [[anonymous, '/console/login', 'login']];
    const ballotHref = await (await admin.$('main table tbody a'))?.getAttribute('href');
    pages.push(
      [admin, '/console', 'queue'],
      [admin, ballotHref ?? '/console', 'ballot'],
      [admin, '/console/review', 'review'],
      [admin, '/console/dashboard', 'dashboard'],
      [admin, '/console/intake', 'intake'],
      [admin, '/console/users', 'users'],
      [admin, '/console/reports', 'reports'],
      ...Object.keys(REPORT_DEFINITIONS).map((name): [Page, string, string] => [admin, `/console/reports/${name}`, `report-${name}`]),
      [admin, '/console/ballots/00000000-0000-0000-0000-000000000000', 'not-found'],
    );
    const found: string[] = [];
    for (const [page, path, name] of pages) {
      await page.goto(`${t.service.url}${path}`);
      await screenshot(page, `page-${name}`);
      found.push(...(await seriousViolations(page)).map((v) => `${name}: ${v}`));
    }
    expect(found).toEqual([]);
    // The scan is not vacuous: the same check finds a form field without a label.
    await anonymous.setContent('<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main><input type="text"></main></body></html>');
    expect((await seriousViolations(anonymous)).join()).toMatch(/^label/);
  });
});
