/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { AuditEntryEntity, OutboxEntity } from '@app/persistence';
import { EN, ES } from '@app/wording';
import { startTestApp, type TestApp } from '@test/support/app';
import { launchBrowser, screenshot, seriousViolations } from '@test/support/browser';
import { lookUpOnPortal } from '@test/support/portal-page';
import { intakeBodies, NEEDS_ID_CURE } from '@test/fixtures/intake-body';

/**
 * Issue 14 item 6 and issue 15 item 5, in Chromium, in English and Spanish: the upload's errors all
 * at once with the focus on their summary; the confirmation with a reference number and no form;
 * the affidavit as a PDF; a voter opting in to updates by email with the code sent first. Each page
 * on a phone (360 x 740) and a desktop (1366 x 900), scanned by axe.
 */
jest.setTimeout(180_000);

const DOB = { month: '2', day: '29', year: '1980' };
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const WORDS = { en: EN, es: ES } as const;
const SIZES = { phone: { width: 360, height: 740 }, desktop: { width: 1366, height: 900 } } as const;
const intakeBody = intakeBodies('JOURNEY');

describe('the voter portal\u2019s journeys in a browser (issues 14 and 15)', () => {
  let t: TestApp;
  let browser: Browser;
  let clerk: string;

  beforeAll(async () => {
    t = await startTestApp('sqlite', { CLOCK_AT: '2020-11-04T10:00:00-05:00', PORTAL_LOOKUPS_PER_CLIENT: '1000' });
    clerk = await t.token('fulton.clerk', 'clerk', 'FULTON');
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function needsSignature(): Promise<{ id: string; receiptNumber: string }> {
    const ballot = (await t.http.post('/api/ballots').auth(clerk, { type: 'bearer' }).send(intakeBody(NEEDS_ID_CURE)).expect(201)).body as { id: string; receiptNumber: string };
    await t.http.post(`/api/ballots/${ballot.id}/events`).auth(clerk, { type: 'bearer' }).send({ type: 'REQUEST_CURE', cureReason: 'signature_missing', expectedVersion: 1 }).expect(201);
    return ballot;
  }

  async function open(size: keyof typeof SIZES): Promise<Page> {
    const context = await browser.newContext({ viewport: SIZES[size], isMobile: size === 'phone', hasTouch: size === 'phone', acceptDownloads: true });
    return context.newPage();
  }

  const lookUp = (page: Page, lang: 'en' | 'es', receipt: string): Promise<void> => lookUpOnPortal(page, t.service.url, lang, receipt, DOB);

  const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
  const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it.each(['en', 'es'] as const)('the lookup page in %s: errors at both fields at once, the summary focused; on a phone and a desktop', async (lang) => {
    for (const size of ['phone', 'desktop'] as const) {
      const page = await open(size);
      await page.goto(`${t.service.url}/portal?lang=${lang}`);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `journey-lookup-${lang}-${size}`);
      await page.fill('#receiptNumber', 'not a receipt!');
      await page.fill('#month', '13');
      await page.click('form[action="/portal"] button[type=submit]');
      await page.waitForLoadState();
      expect(await focused(page)).toBe('error-summary');
      expect(await page.$$eval('#error-summary a', (links) => links.map((a) => a.getAttribute('href')))).toEqual(['#receiptNumber', '#month']);
      expect(await page.textContent('#receipt-error')).toBe(WORDS[lang].pages.receiptError);
      expect(await page.textContent('#dob-error')).toBe(WORDS[lang].pages.dateOfBirthError);
      expect(await fits(page)).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `journey-lookup-errors-${lang}-${size}`);
      await page.context().close();
    }
  });

  it.each(['en', 'es'] as const)('an upload in %s: every error at its field, then a confirmation with a reference number and time, no form and no countdown', async (lang) => {
    const words = WORDS[lang];
    const ballot = await needsSignature();
    const page = await open('phone');
    await lookUp(page, lang, ballot.receiptNumber);
    // The affidavit the cure needs, as a PDF, from the page the lookup opened.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('form[action="/portal/affidavit"] button')]);
    expect(download.suggestedFilename()).toBe(words.affidavit.fileName);
    expect(readFileSync(await download.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await page.click('form[action="/portal/cure"] button[type=submit]');
    await page.waitForLoadState();
    expect(await focused(page)).toBe('error-summary');
    expect(await page.$$eval('#error-summary a', (links) => links.map((a) => a.getAttribute('href')))).toEqual(['#document', '#affirm']);
    expect(await page.textContent('#document-error')).toBe(words.pages.uploadProblem.empty);
    expect(await page.textContent('#affirm-error')).toBe(words.pages.uploadProblem.affirm);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `journey-upload-errors-${lang}-phone`);

    await page.setInputFiles('#document', { name: 'id.png', mimeType: 'image/png', buffer: PNG });
    await page.click('label[for="affirm"]');
    await page.click('form[action="/portal/cure"] button[type=submit]');
    await page.waitForLoadState();
    expect(await focused(page)).toBe('upload-received');
    expect(await page.textContent('[data-reference]')).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
    const box = (await page.textContent('#upload-received')) ?? '';
    expect(box).toContain(words.more.receivedStatus);
    // The service's clock started at 10:00 EST and runs on.
    expect(box).toMatch(lang === 'en' ? /Wednesday, November 4, 2020 at 1\d:\d\d\sAM EST/ : /mi\u00e9rcoles, 4 de noviembre de 2020, 1\d:\d\d\sa\.\s?m\. EST/);
    expect(await page.$('#document')).toBeNull();
    expect(await page.$('.usa-tag')).toBeNull();
    expect(await fits(page)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `journey-upload-received-${lang}-phone`);

    // The voter may still choose to add a document.
    await page.click(`form[action="/portal/view"] button:has-text("${words.more.addAnother}")`);
    await page.waitForLoadState();
    expect(await page.$('#document')).not.toBeNull();
    await page.context().close();
  });

  it.each(['en', 'es'] as const)('the upload confirmation in %s on a desktop', async (lang) => {
    const ballot = await needsSignature();
    const page = await open('desktop');
    await lookUp(page, lang, ballot.receiptNumber);
    await page.setInputFiles('#document', { name: 'id.png', mimeType: 'image/png', buffer: PNG });
    await page.click('label[for="affirm"]');
    await page.click('form[action="/portal/cure"] button[type=submit]');
    await page.waitForLoadState();
    expect(await page.textContent('#upload-received')).toContain(WORDS[lang].more.receivedStatus);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `journey-upload-received-${lang}-desktop`);
    await page.context().close();
  });

  it.each(['en', 'es'] as const)('opting in to updates in %s: a code is sent first, a wrong one is refused at its field, the right one switches the address; removing is one step', async (lang) => {
    const words = WORDS[lang].updates;
    const ballot = await needsSignature();
    for (const size of ['phone', 'desktop'] as const) {
      const page = await open(size);
      await lookUp(page, lang, ballot.receiptNumber);
      await page.fill('#contact-address', 'no-at-sign');
      await page.click('form[action="/portal/updates"] button[type=submit]');
      await page.waitForLoadState();
      expect(await focused(page)).toBe('error-summary');
      expect(await page.textContent('#contact-address-error')).toBe(words.problem.email);

      await page.fill('#contact-address', `voter.${lang}.${size}@example.org`);
      await page.click('form[action="/portal/updates"] button[type=submit]');
      await page.waitForLoadState();
      expect(await focused(page)).toBe('code');
      expect(await page.textContent('#updates')).toContain(words.codeSent(`v\u2022\u2022\u2022@example.org`, 30));
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `journey-optin-code-${lang}-${size}`);

      // The code as the message to the new address carries it (no mail server here: read from the outbox).
      const change = (await page.getAttribute('input[name="change"]', 'value')) ?? '';
      const rows = await t.db.dataSource.getRepository(OutboxEntity).find({ where: { ballotId: ballot.id, kind: 'contact_confirmation' } });
      const code = rows.map((r) => r.payload as { changeId: string; code: string }).find((p) => p.changeId === change)?.code ?? 'none';
      await page.fill('#code', code === '000000' ? '000001' : '000000');
      await page.click('form[action="/portal/updates/confirm"] button[type=submit]');
      await page.waitForLoadState();
      expect(await page.textContent('#code-error')).toBe(words.problem.code);
      await page.fill('#code', code);
      await page.click('form[action="/portal/updates/confirm"] button[type=submit]');
      await page.waitForLoadState();
      expect(await page.textContent('#updates [role=status]')).toBe(words.confirmed('v\u2022\u2022\u2022@example.org'));
      expect(await fits(page)).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `journey-optin-confirmed-${lang}-${size}`);

      await page.click(`form[action="/portal/updates/remove"] button`);
      await page.waitForLoadState();
      expect(await page.textContent('#updates')).toContain(words.none);
      await page.context().close();
    }
    const audit = await t.db.dataSource.getRepository(AuditEntryEntity).find({ where: { ballotId: ballot.id } });
    expect(audit.filter((e) => e.event === 'VOTER_CONTACT_CONFIRMED')).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain('example.org');
  });
});
