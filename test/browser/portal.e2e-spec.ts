/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, startTestApp, type TestApp } from '@test/support/app';
import { launchBrowser, screenshot, seriousViolations } from '@test/support/browser';
import { lookUpOnPortal } from '@test/support/portal-page';
import { intakeBodies, NEEDS_ID_CURE } from '@test/fixtures/intake-body';

/**
 * Issue 5: the voter portal on a phone (360 x 740), in English and Spanish, with JavaScript on and
 * off, every status a voter can see, an axe-core scan of each page; then an upload that a clerk
 * accepts in the console.
 */
jest.setTimeout(120_000);

const DOB = { month: '2', day: '29', year: '1980' };
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const HEADINGS = {
  under_review: { en: 'We received your ballot and are reviewing it', es: 'Recibimos su boleta y la estamos revisando' },
  action_needed: { en: 'Action needed: your ballot will not count unless you act', es: 'Se necesita su acci\u00f3n: su boleta no contar\u00e1 si usted no act\u00faa' },
  cure_submitted: { en: 'We received what you sent and are reviewing it', es: 'Recibimos lo que envi\u00f3 y lo estamos revisando' },
  counted: { en: 'Your ballot was counted', es: 'Su boleta fue contada' },
  partially_counted: { en: 'Part of your ballot was counted', es: 'Parte de su boleta fue contada' },
  not_counted: { en: 'Your ballot was not counted', es: 'Su boleta no fue contada' },
} as const;
type Status = keyof typeof HEADINGS;

const intakeBody = intakeBodies('PHONE');

describe('voter portal in a browser, on a phone', () => {
  let t: TestApp;
  let browser: Browser;
  let clerk: string;
  let supervisor: string;
  const receipts = new Map<Status, string>();

  const intake = async (overrides: Record<string, unknown>): Promise<{ id: string; receiptNumber: string }> =>
    (await t.http.post('/api/ballots').auth(clerk, { type: 'bearer' }).send(intakeBody(overrides)).expect(201)).body as { id: string; receiptNumber: string };
  const send = async (token: string, id: string, body: Record<string, unknown>) => t.http.post(`/api/ballots/${id}/events`).auth(token, { type: 'bearer' }).send(body).expect(201);
  const needsCure = async () => {
    const b = await intake(NEEDS_ID_CURE);
    await send(clerk, b.id, { type: 'REQUEST_CURE', cureReason: 'id_required', expectedVersion: 1 });
    return b;
  };

  beforeAll(async () => {
    // Every page here comes from one address; the rate limits have their own tests (test/e2e/portal.e2e-spec.ts).
    t = await startTestApp('sqlite', { CLOCK_AT: '2020-11-04T10:00:00-05:00', PORTAL_LOOKUPS_PER_CLIENT: '1000' });
    clerk = await t.token('fulton.clerk', 'clerk', 'FULTON');
    supervisor = await t.token('fulton.supervisor', 'supervisor', 'FULTON');
    receipts.set('under_review', (await intake({})).receiptNumber);
    receipts.set('action_needed', (await needsCure()).receiptNumber);
    const counted = await intake({});
    await send(clerk, counted.id, { type: 'VERIFY', expectedVersion: 1 });
    await send(clerk, counted.id, { type: 'COUNT', expectedVersion: 2 });
    receipts.set('counted', counted.receiptNumber);
    const partial = await intake({ precinctId: 'FUL-02' });
    await send(clerk, partial.id, { type: 'VERIFY', expectedVersion: 1 });
    await send(clerk, partial.id, { type: 'COUNT', expectedVersion: 2 });
    receipts.set('partially_counted', partial.receiptNumber);
    const rejected = await intake({ claimedVoterId: null });
    await send(clerk, rejected.id, { type: 'PROPOSE_REJECTION', reason: 'not_registered', note: 'No record found', expectedVersion: 1 });
    await send(supervisor, rejected.id, { type: 'CONFIRM_REJECTION', expectedVersion: 2 });
    receipts.set('not_counted', rejected.receiptNumber);
    const submitted = await needsCure();
    const page = (await t.http.post('/portal').type('form').send({ lang: 'en', receiptNumber: submitted.receiptNumber, ...DOB }).expect(200)).text;
    const token = /name="token" value="([^"]+)"/.exec(page)?.[1] ?? '';
    await t.http.post('/portal/cure').field('token', token).field('kind', 'id_document').field('affirm', 'yes').attach('document', PNG, { filename: 'id.png', contentType: 'image/png' }).expect(200);
    receipts.set('cure_submitted', submitted.receiptNumber);
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function phone(javaScript: boolean, locale = 'en-US'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: javaScript, locale, isMobile: true, hasTouch: true });
    return context.newPage();
  }

  const lookUp = (page: Page, lang: 'en' | 'es', receipt: string): Promise<void> => lookUpOnPortal(page, t.service.url, lang, receipt, DOB);

  /** axe-core needs script; with script off, the same HTML is scanned in a second, scripted page. */
  async function scan(page: Page, javaScript: boolean): Promise<string[]> {
    if (javaScript) return seriousViolations(page);
    const copy = await phone(true);
    await copy.setContent(await page.content());
    const found = await seriousViolations(copy);
    await copy.context().close();
    return found;
  }

  const cases = (Object.keys(HEADINGS) as Status[]).flatMap((status) => (['en', 'es'] as const).flatMap((lang) => [true, false].map((js) => [status, lang, js] as const)));

  it.each(cases)('%s in %s, JavaScript %s: the right words, fits the screen, no serious axe violation', async (status, lang, js) => {
    const page = await phone(js);
    await lookUp(page, lang, receipts.get(status) ?? '');
    expect((await page.textContent('main h1'))?.trim()).toBe(HEADINGS[status][lang]);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await scan(page, js)).toEqual([]);
    // The deadline in local time while a cure is owed; the races counted for a partial count.
    const detail = { action_needed: { en: 'Friday, November 6, 2020 at 5:00 PM EST', es: 'viernes, 6 de noviembre de 2020' }, partially_counted: { en: 'Races that were counted', es: 'Contiendas que se contaron' } } as const;
    const expected = status === 'action_needed' || status === 'partially_counted' ? detail[status][lang] : HEADINGS[status][lang];
    expect(await page.textContent('main')).toContain(expected);
    await screenshot(page, `portal-${status}-${lang}${js ? '' : '-nojs'}`);
    await page.context().close();
  });

  it('the lookup form and the one failure message, in both languages, pass axe on a phone', async () => {
    for (const lang of ['en', 'es'] as const) {
      const page = await phone(true);
      await page.goto(`${t.service.url}/portal?lang=${lang}`);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `portal-form-${lang}`);
      await lookUp(page, lang, 'NOT-A-RECEIPT');
      expect(await page.textContent('[role=alert] h2')).toBe(lang === 'en' ? 'We could not find that ballot' : 'No encontramos esa boleta');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `portal-not-found-${lang}`);
      await page.context().close();
    }
  });

  it('the language follows the browser\u2019s Accept-Language, and the switch keeps the ballot on screen', async () => {
    const page = await phone(false, 'es-MX');
    await page.goto(`${t.service.url}/portal`);
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    await lookUp(page, 'es', receipts.get('counted') ?? '');
    await page.click('header form button[type=submit]');
    await page.waitForLoadState();
    expect((await page.textContent('main h1'))?.trim()).toBe(HEADINGS.counted.en);
    await page.context().close();
  });

  it('a voter uploads a photo of ID without JavaScript; the clerk opens it in the console and accepts it; the portal then says so', async () => {
    const ballot = await needsCure();
    const page = await phone(false);
    await lookUp(page, 'en', ballot.receiptNumber);
    await page.setInputFiles('#document', { name: 'my-id.png', mimeType: 'image/png', buffer: PNG });
    await page.click('label[for="affirm"]');
    await page.click('form[action="/portal/cure"] button[type=submit]');
    await page.waitForLoadState();
    expect(await page.textContent('main')).toContain('Thank you. We received your document.');
    expect((await page.textContent('main h1'))?.trim()).toBe(HEADINGS.cure_submitted.en);
    await screenshot(page, 'portal-uploaded-nojs');

    const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await desk.goto(`${t.service.url}/console`);
    await desk.fill('#f-username', 'fulton.clerk');
    await desk.fill('#f-password', PASSWORD);
    await desk.click('form[aria-label="Sign in"] button[type=submit]');
    await desk.waitForURL(/\/console$/);
    await desk.goto(`${t.service.url}/console/ballots/${ballot.id}`);
    expect(await desk.textContent('main')).toContain('Documents from the voter portal');
    const href = await desk.getAttribute('a:has-text("Open the document")', 'href');
    const file = await desk.request.get(`${t.service.url}${href ?? ''}`);
    expect(file.headers()['content-type']).toBe('image/png');
    expect(Buffer.from(await file.body()).equals(PNG)).toBe(true);
    expect(await seriousViolations(desk)).toEqual([]);
    await screenshot(desk, 'console-ballot-portal-document');
    await desk.click('button:has-text("Accept and record the cure")');
    await desk.waitForLoadState();
    expect((await desk.textContent('main h1 + p .usa-tag'))?.trim()).toBe('Cured');
    await desk.context().close();

    await lookUp(page, 'en', ballot.receiptNumber);
    expect((await page.textContent('main h1'))?.trim()).toBe(HEADINGS.cure_submitted.en);
    expect(await page.textContent('main')).toContain('You do not need to do anything else.');
    await page.context().close();
  });
});
