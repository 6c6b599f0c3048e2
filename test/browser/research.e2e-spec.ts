/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, startTestApp, type TestApp } from '@test/support/app';
import { launchBrowser, screenshot, seriousViolations } from '@test/support/browser';
import { intakeBodies, NEEDS_ID_CURE } from '@test/fixtures/intake-body';

/**
 * Issue 11 in a real browser: a clerk's registration research on the ballot page, a cure made in
 * time recorded after the deadline, and a supervisor's court order on the deadlines page. The
 * service's clock is Friday of election week, 4:00 p.m. EST: the cure deadline is 5:00 p.m.
 */
jest.setTimeout(60_000);

const intakeBody = intakeBodies('RESEARCH');

describe('issue 11 in the console: research, cures in time, court orders', () => {
  let t: TestApp;
  let browser: Browser;
  let clerkToken: string;

  beforeAll(async () => {
    t = await startTestApp('sqlite', { CLOCK_AT: '2020-11-06T16:00:00-05:00', SWEEP_INTERVAL_SECONDS: '0' });
    clerkToken = await t.token('fulton.clerk', 'clerk', 'FULTON');
    await t.token('fulton.supervisor', 'supervisor', 'FULTON');
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(username: string, viewport = { width: 1366, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(`${t.service.url}/console/login`);
    await page.fill('#f-username', username);
    await page.fill('#f-password', PASSWORD);
    await page.click('form[aria-label="Sign in"] button[type=submit]');
    await page.waitForURL(/\/console$/);
    return page;
  }

  const takeIn = async (overrides: Record<string, unknown>): Promise<{ id: string }> =>
    (await t.http.post('/api/ballots').auth(clerkToken, { type: 'bearer' }).send(intakeBody(overrides)).expect(201)).body as { id: string };

  it('an unmatched ballot shows the roll searched by the affirmation; the clerk searches, matches with a reason, and the decision follows', async () => {
    const ballot = await takeIn({ claimedVoterId: undefined, lastName: 'Voter-1001', firstName: 'Patricia' });
    const page = await signIn('fulton.clerk');
    await page.goto(`${t.service.url}/console/ballots/${ballot.id}`);
    expect(await page.textContent('#research')).toContain('No registration record is matched to this ballot');
    expect(await page.textContent('main')).toContain('Reject: Not registered');
    // The affirmation's "Voter-1001" finds Voter1001: hyphens do not matter.
    await expect(page.locator('#research table tbody tr').count()).resolves.toBe(1);
    await page.fill('#search-lastName', 'voter1');
    await page.fill('#search-dateOfBirth', '1980-02-29');
    await page.click('form[aria-label="Search the roll"] button[type=submit]');
    await page.waitForLoadState();
    expect(await page.textContent('#research caption')).toMatch(/2 registrations found for Last name voter1, Date of birth 1980-02-29/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'research-desktop');
    // No record chosen: the page says so and keeps the reason typed.
    await page.fill('#match-note', 'Same name and date of birth; the envelope hyphenates the name');
    await page.click('form[aria-label="Match a registration"] button[type=submit]');
    await page.waitForLoadState();
    expect(await page.textContent('form[aria-label="Match a registration"] .usa-alert')).toContain('choose the record to match');
    await page.click('label[for="pick-1001"]');
    await page.fill('#match-note', 'Same name and date of birth; the envelope hyphenates the name');
    await page.click('form[aria-label="Match a registration"] button[type=submit]');
    await page.waitForURL(/done=MATCH_VOTER/);
    expect(await page.textContent('#research')).toContain('Same name and date of birth');
    expect(await page.textContent('main')).toContain('Count: full');
    expect(await page.textContent('main')).toContain('Match the registration');
    await page.context().close();
  });

  it('on a phone the research section stacks and has no accessibility violations', async () => {
    const ballot = await takeIn({ claimedVoterId: undefined, lastName: 'Nobody-Here' });
    const page = await signIn('fulton.clerk', { width: 360, height: 740 });
    await page.goto(`${t.service.url}/console/ballots/${ballot.id}?search=1&lastName=voter`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'research-phone');
    await page.context().close();
  });

  it('a supervisor records a court order on the deadlines page; the ballot page shows the new deadline in force', async () => {
    const page = await signIn('fulton.supervisor');
    await page.goto(`${t.service.url}/console/deadlines`);
    expect(await page.textContent('main table')).toContain('Fri, Nov 6, 2020, 5:00 PM EST');
    expect(await seriousViolations(page)).toEqual([]);
    await page.fill('#order-citation', 'Fulton County Superior Court, No. 2020CV343938 (Nov. 6, 2020)');
    await page.fill('#order-summary', 'Extends the provisional ballot cure period to Monday at 5:00 p.m.');
    await page.selectOption('#order-deadline', 'provisionalCure');
    await page.fill('#order-extendedTo', '2020-11-09T17:00');
    await page.click('form[aria-label="Record a court order"] button[type=submit]');
    await page.waitForURL(/recorded=order/);
    expect(await page.textContent('main')).toContain('The court order is in force.');
    expect(await page.textContent('main table')).toContain('Mon, Nov 9, 2020, 5:00 PM EST');
    expect(await page.textContent('main')).toContain('Fulton County Superior Court, No. 2020CV343938');
    await screenshot(page, 'deadlines-desktop');
    const ballot = await takeIn(NEEDS_ID_CURE);
    await page.goto(`${t.service.url}/console/ballots/${ballot.id}`);
    expect(await page.textContent('main')).toContain('Mon, Nov 9, 2020, 5:00 PM EST');
    await page.context().close();
  });

  it('a cure the voter made at the counter before the deadline is recorded after it, with its time', async () => {
    const ballot = await takeIn({ ...NEEDS_ID_CURE, precinctId: 'FUL-01', countyCode: 'FULTON' });
    await t.http.post(`/api/ballots/${ballot.id}/events`).auth(clerkToken, { type: 'bearer' }).send({ type: 'REQUEST_CURE', cureReason: 'id_required', expectedVersion: 1 }).expect(201);
    const page = await signIn('fulton.clerk');
    await page.goto(`${t.service.url}/console/ballots/${ballot.id}`);
    await page.fill('#record_cure-evidence', 'Georgia driver\u2019s licence shown at the counter');
    await page.fill('#record_cure-submittedAt', '2020-11-06T15:55');
    await page.click('form[aria-label="Record the cure"] button[type=submit]');
    await page.waitForURL(/done=RECORD_CURE/);
    expect(await page.textContent('main h1 + p .usa-tag')).toContain('Cured');
    // The history is in words since the ballot page became a decision record (issue 14 item 2):
    // the time typed is the county's local time, stored as 2020-11-06T20:55:00Z and shown as typed.
    const history = (await page.textContent('#history-heading + div')) ?? '';
    expect(history).toMatch(/When the voter provided it:\s*Fri, Nov 6, 2020, 3:55\sPM EST/);
    await page.context().close();
  });
});
