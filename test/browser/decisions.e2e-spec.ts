/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, startTestApp, type TestApp } from '@test/support/app';
import { launchBrowser, screenshot, seriousViolations, signInToConsole } from '@test/support/browser';
import { intakeBodies, NEEDS_ID_CURE } from '@test/fixtures/intake-body';
import { testDatabases } from '@test/support/database';

/**
 * Issue 14, items 2 to 4 in a real browser: the ballot page as a decision record with its
 * confirmations, the queue as a to-do list with bulk actions, and certification with its
 * checklist, attestation and certificate. Each page is scanned with axe and photographed on a
 * 1366x900 desktop and a 360x740 phone. On each test database: the queue's counts, badges and the
 * checklist are SQL of their own.
 */
jest.setTimeout(90_000);

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 360, height: 740 };
const intakeBody = intakeBodies('DECIDE');

describe.each(testDatabases())('decisions, the queue and certification in a browser, on %s', (kind) => {
  let t: TestApp;
  let browser: Browser;
  let clerk: string;
  let supervisor: string;

  beforeAll(async () => {
    t = await startTestApp(kind, { CLOCK_AT: '2020-11-05T10:00:00-05:00' });
    clerk = await t.token('fulton.clerk', 'clerk', 'FULTON');
    supervisor = await t.token('fulton.supervisor', 'supervisor', 'FULTON');
    await t.token('cobb.supervisor', 'supervisor', 'COBB');
    await t.token('state.admin', 'admin');
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const signIn = (username: string): Promise<Page> => signInToConsole(browser, t.service.url, username, PASSWORD, DESKTOP);

  const intake = async (overrides: Record<string, unknown> = {}, token = clerk): Promise<{ id: string; receiptNumber: string; version: number }> =>
    (await t.http.post('/api/ballots').auth(token, { type: 'bearer' }).send(intakeBody(overrides)).expect(201)).body as { id: string; receiptNumber: string; version: number };
  const event = async (token: string, id: string, body: Record<string, unknown>) => t.http.post(`/api/ballots/${id}/events`).auth(token, { type: 'bearer' }).send(body).expect(201);
  const stateOf = async (page: Page) => (await page.textContent('main h1 + p .usa-tag'))?.trim() ?? '';

  /**
   * Screenshots on both screens and an axe scan of the page open now; returns the violations. A
   * page that answered a form cannot be opened again by its URL: desktop only (`false`), or the
   * same page narrowed to a phone's width (`'resize'`).
   */
  async function look(page: Page, name: string, phoneToo: boolean | 'resize' = true): Promise<string[]> {
    const url = page.url();
    await screenshot(page, `${name}-desktop`);
    if (phoneToo === 'resize') {
      // A form shown again with its errors: the same page narrowed to a phone's width, then back.
      const found = await seriousViolations(page);
      await page.setViewportSize(PHONE);
      await screenshot(page, `${name}-phone`);
      found.push(...(await seriousViolations(page)));
      await page.setViewportSize(DESKTOP);
      return found.map((v) => `${name}: ${v}`);
    }
    if (!phoneToo) return (await seriousViolations(page)).map((v) => `${name}: ${v}`);
    const phone = await (await browser.newContext({ viewport: PHONE, bypassCSP: true, storageState: await page.context().storageState() })).newPage();
    await phone.goto(url);
    await screenshot(phone, `${name}-phone`);
    const found = [...(await seriousViolations(page)), ...(await seriousViolations(phone))].map((v) => `${name}: ${v}`);
    await phone.context().close();
    return found;
  }

  it('a ballot decided to counted, with a section per action, the confirmation, the history in words and the printed record', async () => {
    const ballot = await intake();
    const page = await signIn('fulton.clerk');
    await page.goto(`${t.service.url}/console/ballots/${ballot.id}`);
    const violations = await look(page, 'ballot');
    const main = (await page.textContent('main')) ?? '';
    // Side by side, matched to voter 1001: nothing differs.
    expect(main).toContain('The affirmation and the registration');
    expect(main).toContain('agrees with it on every line compared');
    // History in plain words: no codes.
    for (const code of ['INTAKE', 'received.pending', 'matchedVoterId', 'version']) expect(await page.textContent('#history-heading + div')).not.toContain(code);
    expect(await page.textContent('#history-heading + div')).toContain('Taken in');
    // One section per action, each with a heading and a sentence.
    expect(await page.$$eval('.console-action h3', (h) => h.map((x) => x.textContent?.trim()))).toEqual(['Verify eligibility', 'Request a cure', 'Propose rejection']);
    await page.click('form[aria-label="Verify eligibility"] button[type=submit]');
    await page.waitForURL(/done=VERIFY/);
    expect(await stateOf(page)).toBe('Verified');
    expect(await page.$('a:has-text("Next ballot")')).not.toBeNull();
    expect(await page.$('a:has-text("Back to the queue")')).not.toBeNull();
    // Count comes first on a verified ballot, and asks before it counts.
    expect((await page.$$eval('.console-action h3', (h) => h.map((x) => x.textContent?.trim())))[0]).toBe('Count');
    await page.click('form[aria-label="Count"] button[type=submit]');
    await page.waitForURL(/\/confirm\?/);
    expect(await page.textContent('main')).toContain(`Ballot ${ballot.receiptNumber} (Voter1001, Pat) will be counted in full`);
    violations.push(...(await look(page, 'confirm-count')));
    await page.click('a:has-text("No, go back")');
    expect(await stateOf(page)).toBe('Verified');
    await page.click('form[aria-label="Count"] button[type=submit]');
    await page.click(`button:has-text("Yes, count ballot ${ballot.receiptNumber}")`);
    await page.waitForURL(/done=COUNT/);
    expect(await stateOf(page)).toBe('Counted');
    expect(await page.textContent('#history-heading + div')).toMatch(/Eligibility verified[\s\S]*Counted/);
    // The printable record: reasons with sources, the audit entries with their hashes, the chain head; no navigation on paper.
    await page.click('a:has-text("Printable decision record")');
    expect(await page.textContent('h1')).toBe(`Decision record: ballot ${ballot.receiptNumber}`);
    expect(await page.textContent('main')).toContain('Reasons and the sources they cite');
    expect(await page.$$eval('main td.font-mono-3xs', (cells) => cells.length)).toBe(3);
    expect(await page.textContent('main')).toMatch(/Audit chain head when printed\s*\d+:[0-9a-f]{64}/);
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('header.usa-header')).toBe(false);
    expect(await page.isVisible('#history-heading')).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    violations.push(...(await look(page, 'decision-record')));
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('a ballot decided to rejected: proposed by a clerk, confirmed by a supervisor on a second page that says what happens', async () => {
    const ballot = await intake({ lastName: 'Nobody', claimedVoterId: null });
    const page = await signIn('fulton.clerk');
    await page.goto(`${t.service.url}/console/ballots/${ballot.id}`);
    expect(await page.textContent('main')).toContain('No registration record is matched yet');
    // Sent without its fields, the action's form comes back with the intake form's error summary: each error linked to its field, focused.
    await page.evaluate(() => document.querySelectorAll('form[aria-label="Propose rejection"] [required]').forEach((e) => e.removeAttribute('required')));
    await page.selectOption('#propose_rejection-reason', '');
    await page.click('form[aria-label="Propose rejection"] button[type=submit]');
    await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary') === true);
    const links = await page.$$eval('form[aria-label="Propose rejection"] .error-summary a', (as) => as.map((a) => [a.getAttribute('href'), a.textContent?.trim()]));
    expect(links).toEqual([
      ['#propose_rejection-reason', 'Choose the reason.'],
      ['#propose_rejection-note', 'Write a note saying why.'],
    ]);
    expect(await page.textContent('#propose_rejection-note-error')).toContain('Write a note saying why.');
    const violations = await look(page, 'ballot-action-refused', 'resize');
    expect(violations).toEqual([]);
    await page.selectOption('#propose_rejection-reason', 'not_registered');
    await page.fill('#propose_rejection-note', 'Not on the roll under any spelling.');
    await page.click('form[aria-label="Propose rejection"] button[type=submit]');
    await page.waitForURL(/done=PROPOSE_REJECTION/);
    await page.context().close();

    const boss = await signIn('fulton.supervisor');
    await boss.goto(`${t.service.url}/console/ballots/${ballot.id}`);
    await boss.click('form[aria-label="Confirm rejection"] button[type=submit]');
    const text = (await boss.textContent('main')) ?? '';
    expect(text).toContain('will be rejected for: Not registered');
    expect(text).toContain('Proposed by fulton.clerk, with the note: “Not on the roll under any spelling.”');
    await boss.click(`button:has-text("Yes, reject ballot ${ballot.receiptNumber}")`);
    await boss.waitForURL(/done=CONFIRM_REJECTION/);
    expect(await stateOf(boss)).toBe('Rejected');
    expect(await boss.textContent('#history-heading + div')).toMatch(/Rejection proposed[\s\S]*Rejection confirmed/);
    await boss.context().close();
  });

  it('the queue: what needs work by default with a count, badges, filters in the URL, bulk verify and count each checked on its own', async () => {
    const ready = [await intake({ lastName: 'Voter1001' }), await intake({ lastName: 'Voter1001' })];
    const needsCure = await intake({ ...NEEDS_ID_CURE });
    await event(clerk, needsCure.id, { type: 'REQUEST_CURE', cureReason: 'id_required', expectedVersion: 1 });
    const lookup = await t.http.post('/portal').type('form').send({ lang: 'en', receiptNumber: needsCure.receiptNumber, month: '2', day: '29', year: '1980' }).expect(200);
    const token = /name="token" value="([^"]+)"/.exec(lookup.text)?.[1] ?? '';
    await t.http.post('/portal/cure').field('token', token).field('lang', 'en').field('kind', 'id_document').field('affirm', 'yes').attach('document', PNG, { filename: 'id.png', contentType: 'image/png' }).expect(200);
    const returned = await intake();
    await event(clerk, returned.id, { type: 'PROPOSE_REJECTION', reason: 'other', note: 'Unsure.', expectedVersion: 1 });
    await event(supervisor, returned.id, { type: 'RETURN', note: 'Look at the roll again.', expectedVersion: 2 });

    const page = await signIn('fulton.clerk');
    const rows = (await t.http.get('/api/reports/outstanding').query({ electionId: 'ga-2020-general' }).auth(clerk, { type: 'bearer' }).expect(200)).body as { ballots: number }[];
    const outstanding = rows.reduce((n, r) => n + r.ballots, 0);
    const count = (await page.textContent('#result-count')) ?? '';
    expect(count).toBe(`${outstanding} ballot${outstanding === 1 ? '' : 's'} need${outstanding === 1 ? 's' : ''} work`);
    expect(await page.textContent('main table')).not.toContain('Counted');
    const row = (receipt: string) => page.textContent(`main table tbody tr:has(a:text-is("${receipt}"))`);
    expect(await row(needsCure.receiptNumber)).toContain('Voter uploaded a document');
    expect(await row(returned.receiptNumber)).toContain('Returned by supervisor');
    expect(await row(ready[0]!.receiptNumber)).not.toContain('Returned by supervisor');
    const violations = await look(page, 'queue');
    // The filter is in the URL.
    await page.selectOption('#f-view', 'all');
    await page.click('form[aria-label="Filter the work queue"] button[type=submit]');
    expect(page.url()).toContain('view=all');

    // Bulk verify: two eligible and one awaiting a cure; the third is refused alone.
    await page.goto(`${t.service.url}/console`);
    for (const b of [...ready, needsCure]) await page.check(`#pick-${b.id}`);
    await page.click('button:has-text("Verify selected")');
    expect(await page.textContent('h1')).toBe('2 of 3 ballots verified');
    const results = (await page.textContent('#bulk-results')) ?? '';
    expect(results).toMatch(new RegExp(`${needsCure.receiptNumber}\\s*refused`));
    violations.push(...(await look(page, 'bulk-report', false)));
    // A selection the queue did not offer (a stale or altered page): refused whole, in the error summary, nothing changed.
    await page.goto(`${t.service.url}/console`);
    await page.check(`#pick-${ready[0]!.id}`);
    await page.evaluate((id) => document.querySelector(`#pick-${id}`)?.setAttribute('value', 'not-a-ballot'), ready[0]!.id);
    await page.click('button:has-text("Verify selected")');
    expect(await page.textContent('h1')).toBe('The selected ballots were not changed');
    await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary') === true);
    expect(await page.textContent('.error-summary a[href="#back-to-queue"]')).toBe('The selected ballots must be ballots the queue offered.');
    violations.push(...(await look(page, 'bulk-refused', 'resize')));
    // Bulk count asks first, then counts each.
    await page.goto(`${t.service.url}/console`);
    for (const b of ready) await page.check(`#pick-${b.id}`);
    await page.click('button:has-text("Count selected")');
    expect(await page.textContent('main')).toContain('Each ballot below is counted on its own');
    await page.click('button:has-text("Yes, count these 2 ballots")');
    expect(await page.textContent('h1')).toBe('2 of 2 ballots counted');
    for (const b of ready) {
      const history = (await t.http.get(`/api/ballots/${b.id}`).auth(clerk, { type: 'bearer' }).expect(200)).body as { ballot?: { status: string }; status?: string };
      expect(history.ballot?.status ?? history.status).toBe('counted');
    }
    expect(violations).toEqual([]);
    await page.context().close();

    // A state user picks a county; the dashboard's figures open the matching queue.
    const admin = await signIn('state.admin');
    await admin.goto(`${t.service.url}/console?county=COBB`);
    expect(await admin.textContent('#result-count')).toBe('0 ballots need work');
    await admin.goto(`${t.service.url}/console/dashboard`);
    await admin.click('main table tbody tr:has-text("Fulton") td a >> nth=0');
    expect(admin.url()).toContain('county=FULTON');
    expect(await admin.textContent('#result-count')).toBe(`${outstanding - 2} ballots need work`);
    await admin.context().close();
  });

  it('certification: a checklist computed by the service, an attestation in the supervisor\'s name, a certificate with the chain head, a clear state after', async () => {
    const admin = await t.token('state.admin', 'admin');
    const cobb = await intake({ countyCode: 'COBB', precinctId: 'COB-01', lastName: 'Voter2001', claimedVoterId: '2001' }, admin);
    const page = await signIn('cobb.supervisor');
    await page.goto(`${t.service.url}/console/counties/COBB/certification`);
    expect(await page.getAttribute('[data-item="outstanding"]', 'data-ok')).toBe('no');
    expect(await page.textContent('[data-item="outstanding"]')).toContain('1 ballot still outstanding');
    expect(await page.$('form[aria-label="Attest and certify Cobb"]')).toBeNull();
    expect(await page.textContent('#court-orders')).toContain('None');

    await event(admin, cobb.id, { type: 'VERIFY', expectedVersion: 1 });
    await event(admin, cobb.id, { type: 'COUNT', expectedVersion: 2 });
    await page.goto(`${t.service.url}/console/dashboard`);
    await page.click('a:has-text("Certify Cobb")');
    expect(await page.$$eval('#checklist [data-ok]', (items) => items.map((i) => i.getAttribute('data-ok')))).toEqual(['yes', 'yes', 'yes', 'yes']);
    const violations = await look(page, 'certification');
    // Without a name, the error is at the field and nothing is certified.
    await page.click('label[for="f-attested"]');
    await page.evaluate(() => document.querySelector('#f-attestedBy')?.removeAttribute('required'));
    await page.click('form[aria-label="Attest and certify Cobb"] button[type=submit]');
    expect(await page.textContent('.usa-form-group--error')).toContain('Type your full name to attest.');
    // The error summary the intake form has: it takes focus and links the field.
    await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary') === true);
    expect(await page.textContent('.error-summary a[href="#f-attestedBy"]')).toBe('Type your full name to attest.');
    violations.push(...(await look(page, 'certification-error', 'resize')));
    await page.fill('#f-attestedBy', 'Casey Cobb');
    await page.click('label[for="f-attested"]');
    // The session ends before it is sent: after signing in again the name is back, the box to tick again, nothing certified.
    const session = (await page.context().cookies()).find((c) => c.name === 'session')?.value ?? '';
    await t.http.post('/api/auth/logout').set('authorization', `Bearer ${session}`).expect(204);
    await page.click('form[aria-label="Attest and certify Cobb"] button[type=submit]');
    await page.waitForSelector('form[aria-label="Sign in"]');
    await page.fill('#f-username', 'cobb.supervisor');
    await page.fill('#f-password', PASSWORD);
    await page.click('form[aria-label="Sign in"] button[type=submit]');
    await page.waitForSelector('form[aria-label="Attest and certify Cobb"]');
    expect(await page.textContent('main')).toMatch(/You are signed in again\. Nothing was sent/);
    expect(await page.inputValue('#f-attestedBy')).toBe('Casey Cobb');
    expect(await page.isChecked('#f-attested')).toBe(false);
    await page.click('label[for="f-attested"]');
    await page.click('form[aria-label="Attest and certify Cobb"] button[type=submit]');
    await page.waitForURL(/\/console\/counties\/COBB\/certificate/);
    expect(await page.textContent('#attested-by')).toBe('Casey Cobb');
    const head = (await page.textContent('#certificate-head'))?.trim() ?? '';
    expect(head).toMatch(/^\d+:[0-9a-f]{64}$/);
    const proof = (await t.http.get('/api/audit/verify').query({ head }).auth(admin, { type: 'bearer' }).expect(200)).body as { published?: { found: boolean } };
    expect(proof.published?.found).toBe(true);
    violations.push(...(await look(page, 'certificate')));
    // Afterwards: no blank chart on the county's dashboard, and the county's intake is closed.
    await page.goto(`${t.service.url}/console/dashboard`);
    expect(await page.textContent('#no-outstanding')).toContain('No ballot is outstanding');
    expect(await page.$('main svg.console-chart')).toBeNull();
    expect(await page.$('nav a[href="/console/intake"]')).toBeNull();
    expect((await page.goto(`${t.service.url}/console/intake`))?.status()).toBe(400);
    expect(await page.textContent('main')).toContain('Cobb has certified, so no ballot can be taken in for it');
    expect(await page.$('form[aria-label="Take in a ballot"]')).toBeNull();
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('cure notice letters print from the console with the letter list\'s own text, one to a page, once per batch', async () => {
    const ballot = await intake({ ...NEEDS_ID_CURE });
    await event(clerk, ballot.id, { type: 'REQUEST_CURE', cureReason: 'id_required', expectedVersion: 1 });
    const page = await signIn('fulton.clerk');
    await page.click('nav a:has-text("Letters")');
    const violations = await look(page, 'letters');
    await page.click('form[aria-label="Print the letters waiting"] button[type=submit]');
    expect(await page.textContent('h1')).toMatch(/^\d+ letters? to print$/);
    const letter = page.locator(`article.console-letter:has-text("ballot ${ballot.receiptNumber}")`);
    expect(await letter.count()).toBe(1);
    expect(await letter.textContent()).toContain('1 Peachtree St, Atlanta, GA');
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('h1')).toBe(false);
    expect(await letter.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    violations.push(...(await look(page, 'letters-printed', false)));
    // A batch number that is not one: the letters page again, the error at the field and in the summary.
    await page.goto(`${t.service.url}/console/letters`);
    await page.evaluate(() => document.querySelector('#f-batch')?.removeAttribute('pattern'));
    await page.fill('#f-batch', 'first');
    await page.click('form[aria-label="Print a batch again"] button[type=submit]');
    await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary') === true);
    expect(await page.textContent('.error-summary a[href="#f-batch"]')).toBe('The batch number must be a whole number from 1, as printed on the batch.');
    expect(await page.inputValue('#f-batch')).toBe('first');
    violations.push(...(await look(page, 'letters-refused', 'resize')));
    // Printed once, the batch is not listed again.
    await page.goto(`${t.service.url}/console/letters`);
    await page.click('form[aria-label="Print the letters waiting"] button[type=submit]');
    expect(await page.textContent('h1')).toBe('No letter is waiting');
    expect(violations).toEqual([]);
    await page.context().close();
  });
});
