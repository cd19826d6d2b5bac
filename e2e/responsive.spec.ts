import type { Page } from '@playwright/test';
import { devAccount } from './accounts';
import { connectWallet, expect, installTestWallet, openPatientTab, test, unlockKey } from './fixtures';

const PHONE = { width: 390, height: 844 };

async function expectNoHorizontalScroll(page: Page, screen: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${screen} is wider than a phone screen`).toBeLessThanOrEqual(0);
  // A control can stick out of its card without making the page scroll (the page's own margin
  // absorbs it); it still looks broken, so every visible control must end inside its section.
  const sticking = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('main section input, main section select, main section textarea, main section button')]
      .filter((control) => control.offsetParent !== null)
      .filter((control) => control.getBoundingClientRect().right > control.closest('section')!.getBoundingClientRect().right + 0.5)
      .map((control) => control.outerHTML.slice(0, 120)),
  );
  expect(sticking, `${screen} has controls wider than their card`).toEqual([]);
}

test('the main screens fit a phone screen without sideways scrolling', async ({ browser, traffic }) => {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  await installTestWallet(context, devAccount(15), traffic);
  const page = await context.newPage();

  await page.goto('/');
  await expectNoHorizontalScroll(page, 'home');

  await page.goto('/patient');
  await connectWallet(page, /connect wallet to continue/i);
  await unlockKey(page);
  await page.getByTestId('record-file-input').setInputFiles({ name: 'a-rather-long-file-name-for-a-phone-screen-lab-results.txt', mimeType: 'text/plain', buffer: Buffer.from('Ferritin 45 ug/L') });
  await expect(page.getByTestId('record-item')).toHaveCount(1, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Share' }).first().click();
  await expectNoHorizontalScroll(page, 'patient records with the share form open');
  await page.screenshot({ path: test.info().outputPath('patient-phone.png'), fullPage: true });
  // Every tab fits too, the tab list included.
  await expect(page.getByRole('tab')).toHaveCount(5);
  for (const tab of ['Sharing', 'Requests', 'Activity', 'Export'] as const) {
    await openPatientTab(page, tab);
    await expectNoHorizontalScroll(page, `patient ${tab} tab`);
  }

  await page.goto('/clinician');
  await unlockKey(page);
  await expect(page.getByRole('heading', { name: 'Records shared with you' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your public profile' })).toBeVisible();
  await expectNoHorizontalScroll(page, 'clinician');
  await context.close();
});
