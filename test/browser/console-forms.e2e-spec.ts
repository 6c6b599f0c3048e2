/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PASSWORD, startTestApp, type TestApp } from '@test/support/app';
import { join } from 'node:path';
import { launchBrowser, screenshot, SCREENSHOTS, seriousViolations } from '@test/support/browser';
import { fillIntake, signInOn } from '@test/support/console';

/**
 * Issue 14 items 1 and 5 in a real browser, under the console's own Content-Security-Policy (no
 * `bypassCSP`): the intake form's errors (summary, links, focus, words written for a clerk, the
 * memorable date), and a session that ends while a form is being typed, with nothing lost.
 */
jest.setTimeout(90_000);

/** Words of class-validator's own messages: none may reach a page. */
const VALIDATOR_WORDS = /must be one of the following values|must be shorter than or equal|must be a date and time with its offset|should not be empty|must be a string/;

describe('console forms in a browser', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp('sqlite', { CLOCK_AT: '2020-11-05T10:00:00-05:00' });
    await t.token('forms.clerk', 'clerk', 'FULTON');
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const signIn = (context: BrowserContext): Promise<Page> => signInOn(context, t.service.url, 'forms.clerk');

  /** An intake form with a wrong date of birth, no reason, a receipt number with spaces and no received time. */
  async function typeBadIntake(page: Page): Promise<void> {
    await page.goto(`${t.service.url}/console/intake`);
    await fillIntake(page, { receiptNumber: 'BAD RECEIPT', precinctId: 'FUL-01', firstName: 'Pat', lastName: 'Voter1001', dateOfBirth: '1980-02-30', address: '1 Peachtree St, Atlanta, GA', castAt: '2020-11-03T12:00' });
  }

  /** Corrects what typeBadIntake got wrong, under a new receipt number. */
  async function correctIntake(page: Page, receipt: string): Promise<void> {
    await fillIntake(page, { receiptNumber: receipt, dateOfBirth: '1980-02-29', issuedReason: 'not_on_list', receivedAt: '2020-11-03T12:00' });
  }

  it('intake with errors: a focused summary that lists and links each error in plain words, each error again at its field, what was typed kept', async () => {
    for (const viewport of [{ width: 1366, height: 900, name: 'desktop' }, { width: 360, height: 740, name: 'phone' }]) {
      const context = await browser.newContext({ viewport });
      const page = await signIn(context);
      await typeBadIntake(page);
      await page.click('form[aria-label="Take in a ballot"] button[type=submit]');
      await page.waitForSelector('.error-summary');
      expect(await page.title()).toMatch(/^Error: Take in a ballot/);
      // Focus is on the summary (the script runs under the CSP: no bypass in this context).
      await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary') === true);
      const links = await page.$$eval('.error-summary a', (as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent?.trim() ?? '' })));
      expect(links).toEqual([
        { href: '#f-receiptNumber', text: expect.stringMatching(/^Enter the receipt number as on the envelope/) as string },
        { href: '#f-dateOfBirth-month', text: expect.stringMatching(/^Enter the date of birth as a real date/) as string },
        { href: '#f-issuedReason', text: 'Choose why the provisional ballot was issued.' },
        { href: '#f-receivedAt', text: 'Enter when the ballot was received: a date and a time.' },
      ]);
      expect(await page.textContent('h2#error-summary-heading')).toBe('There are 4 problems');
      // Each error again at its field, the same words.
      expect(await page.textContent('#f-dateOfBirth-error')).toBe(links[1]?.text);
      expect(await page.textContent('#f-issuedReason-error')).toBe(links[2]?.text);
      expect(await page.getAttribute('#f-dateOfBirth-day', 'aria-invalid')).toBe('true');
      expect(await page.textContent('main')).not.toMatch(VALIDATOR_WORDS);
      // What was typed is kept, the memorable date in its three parts.
      expect(await page.inputValue('#f-receiptNumber')).toBe('BAD RECEIPT');
      expect(await page.inputValue('#f-dateOfBirth-month')).toBe('02');
      expect(await page.inputValue('#f-dateOfBirth-day')).toBe('30');
      expect(await page.inputValue('#f-castAt')).toBe('2020-11-03T12:00');
      // The zone is shown with the times; the server supplies the offset.
      expect(await page.textContent('#f-receivedAt-hint')).toMatch(/Eastern Standard Time \(America\/New_York, UTC\u221205:00 on election day\)/);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `intake-errors-${viewport.name}`);
      await page.screenshot({ path: join(SCREENSHOTS, `intake-errors-${viewport.name}-top.png`) });
      // A summary link takes the clerk to the field.
      await page.click('.error-summary a[href="#f-dateOfBirth-month"]');
      expect(await page.evaluate(() => window.location.hash)).toBe('#f-dateOfBirth-month');
      // Corrected, the ballot is taken in.
      await correctIntake(page, `GOOD-${viewport.name}`);
      await page.click('form[aria-label="Take in a ballot"] button[type=submit]');
      await page.waitForURL(/\/console\/ballots\//);
      expect(await page.textContent('main h1')).toContain(`GOOD-${viewport.name}`);
      await context.close();
    }
  });

  it('a refusal from the service is worded for the clerk too: a date of birth in the future, an empty cure', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await signIn(context);
    await typeBadIntake(page);
    await correctIntake(page, 'FUTURE-1');
    await fillIntake(page, { lastName: 'Voter1002', claimedVoterId: '1002', dateOfBirth: '2028-02-29', issuedReason: 'no_id' });
    await page.click('form[aria-label="Take in a ballot"] button[type=submit]');
    await page.waitForSelector('.error-summary');
    expect(await page.textContent('.error-summary a[href="#f-dateOfBirth-month"]')).toBe('The date of birth is in the future.');
    // Taken in; a cure requested, then recorded with nothing typed: the words say what to do.
    await page.fill('#f-dateOfBirth-year', '1980');
    await page.click('form[aria-label="Take in a ballot"] button[type=submit]');
    await page.waitForURL(/\/console\/ballots\//);
    await page.selectOption('#request_cure-cureReason', 'id_required');
    await page.click('form[aria-label="Request a cure"] button[type=submit]');
    await page.waitForSelector('form[aria-label="Record the cure"]');
    await page.evaluate(() => document.querySelectorAll('[required]').forEach((e) => e.removeAttribute('required')));
    await page.click('form[aria-label="Record the cure"] button[type=submit]');
    await page.waitForSelector('#record_cure-evidence-error');
    expect(await page.textContent('#record_cure-evidence-error')).toMatch(/^Say what the voter provided to cure the ballot/);
    expect(await page.textContent('main')).not.toMatch(VALIDATOR_WORDS);
    await context.close();
  });

  it('the idle warning comes before the time-out, and "Stay signed in" keeps the session', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await signIn(context);
    await page.clock.install();
    await page.goto(`${t.service.url}/console/intake`);
    await page.waitForFunction(() => document.querySelector('[data-session-warning]') !== null);
    expect(await page.isVisible('[data-session-warning]')).toBe(false);
    // SESSION_IDLE_MINUTES is 30: the warning shows two minutes before the (conservative) end.
    await page.clock.fastForward('25:00');
    expect(await page.isVisible('[data-session-warning]')).toBe(false);
    await page.clock.fastForward('02:30');
    await page.waitForSelector('[data-session-warning]', { state: 'visible' });
    expect(await page.textContent('[data-session-warning]')).toMatch(/signed out in about 2 minutes/);
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Stay signed in');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'session-warning.png') });
    const asked = page.waitForResponse((r) => r.url().endsWith('/console/session'));
    await page.click('[data-stay-signed-in]');
    expect(await (await asked).json()).toMatchObject({ signedIn: true, idleSeconds: 1800 });
    await page.waitForSelector('[data-session-warning]', { state: 'hidden' });
    await context.close();
  });

  it('a form sent after the session ended: sign in again and it is back with what was typed, no password kept', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await signIn(context);
    await typeBadIntake(page);
    await correctIntake(page, 'AFTER-TIMEOUT-1');
    await page.fill('#f-notes', 'Envelope torn at the corner');
    // The session ends elsewhere while the clerk types (as the idle time-out ends it).
    const cookie = (await context.cookies()).find((c) => c.name === 'session')?.value ?? '';
    await t.http.post('/api/auth/logout').set('authorization', `Bearer ${cookie}`).expect(204);
    await page.click('form[aria-label="Take in a ballot"] button[type=submit]');
    await page.waitForSelector('form[aria-label="Sign in"]');
    expect(await page.textContent('main')).toMatch(/Nothing was sent, because your session ended/);
    // The typed fields ride in the sign-in form; no password, no old CSRF token.
    const hidden = await page.$$eval('form[aria-label="Sign in"] input[type=hidden]', (inputs) => inputs.map((i) => (i as HTMLInputElement).name));
    expect(hidden).toEqual(expect.arrayContaining(['returnTo', 'kept:receiptNumber', 'kept:dateOfBirth-day', 'kept:notes']));
    expect(hidden.some((name) => name.includes('password') || name.includes('_csrf'))).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await page.fill('#f-username', 'forms.clerk');
    await page.fill('#f-password', PASSWORD);
    await page.click('form[aria-label="Sign in"] button[type=submit]');
    await page.waitForSelector('form[aria-label="Take in a ballot"]');
    await page.waitForURL(/\/console\/intake$/);
    expect(await page.textContent('main')).toMatch(/You are signed in again\. Nothing was sent/);
    expect(await page.inputValue('#f-receiptNumber')).toBe('AFTER-TIMEOUT-1');
    expect(await page.inputValue('#f-dateOfBirth-day')).toBe('29');
    expect(await page.inputValue('#f-notes')).toBe('Envelope torn at the corner');
    expect(await page.inputValue('#f-receivedAt')).toBe('2020-11-03T12:00');
    // Sent under the new session's token, it is taken in once.
    await page.click('form[aria-label="Take in a ballot"] button[type=submit]');
    await page.waitForURL(/\/console\/ballots\//);
    expect(await page.textContent('main h1')).toContain('AFTER-TIMEOUT-1');
    await context.close();
  });
});
