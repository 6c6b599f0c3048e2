import type { Page } from 'playwright-core';

/** A voter's lookup on the portal in a browser: the form in the language, the receipt, the date of birth in its three boxes. */
export async function lookUpOnPortal(page: Page, serviceUrl: string, lang: 'en' | 'es', receipt: string, dob: { readonly month: string; readonly day: string; readonly year: string }): Promise<void> {
  await page.goto(`${serviceUrl}/portal?lang=${lang}`);
  await page.fill('#receiptNumber', receipt);
  await page.fill('#month', dob.month);
  await page.fill('#day', dob.day);
  await page.fill('#year', dob.year);
  await page.click('form[action="/portal"] button[type=submit]');
  await page.waitForLoadState();
}
