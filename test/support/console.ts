import type { BrowserContext, Page } from 'playwright-core';
import { PASSWORD } from './app';

/** Signs a test user (password `PASSWORD`) in to the console in a new page of `context`; resolves on the work queue. */
export async function signInOn(context: BrowserContext, serviceUrl: string, username: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${serviceUrl}/console`);
  await page.fill('#f-username', username);
  await page.fill('#f-password', PASSWORD);
  await page.click('form[aria-label="Sign in"] button[type=submit]');
  await page.waitForURL(/\/console$/);
  return page;
}

/** Fills fields of the console's intake form: lists chosen, the memorable date of birth from `YYYY-MM-DD`, text typed. */
export async function fillIntake(page: Page, values: Readonly<Record<string, string>>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    if (name === 'dateOfBirth') {
      const [year = '', month = '', day = ''] = value.split('-');
      await page.selectOption('#f-dateOfBirth-month', month);
      await page.fill('#f-dateOfBirth-day', day);
      await page.fill('#f-dateOfBirth-year', year);
    } else if (await page.$eval(`#f-${name}`, (e) => e.tagName === 'SELECT')) await page.selectOption(`#f-${name}`, value);
    else await page.fill(`#f-${name}`, value);
  }
}
