import type { Page } from '@playwright/test';
import { devAccount } from './accounts';
import { ClinicianPage, expect, test, textFile } from './fixtures';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, patientAccount: devAccount(15) });

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

test('the main screens fit a phone screen without sideways scrolling', async ({ patient }) => {
  const { page } = patient;
  const fileName = 'a-rather-long-file-name-for-a-phone-screen-lab-results.txt';
  await page.goto('/');
  await expectNoHorizontalScroll(page, 'home');

  await patient.signIn();
  await patient.chooseFiles(textFile({ name: fileName, text: 'Ferritin 45 ug/L' }));
  await expect(patient.records).toHaveCount(1, { timeout: 60_000 });
  await patient.openShareForm(fileName);
  await expectNoHorizontalScroll(page, 'patient records with the share form open');
  await patient.screenshot(test.info().outputPath('patient-phone.png'));
  // Every tab fits too, the tab list included.
  await expect(patient.tabs).toHaveCount(5);
  for (const tab of ['Sharing', 'Requests', 'Activity', 'Export'] as const) {
    await patient.openTab(tab);
    await expectNoHorizontalScroll(page, `patient ${tab} tab`);
  }

  // The same account, on the clinician's screen in the same tab.
  const clinician = new ClinicianPage(page);
  await clinician.goto();
  await clinician.unlock();
  await expect(page.getByRole('heading', { name: 'Records shared with you' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your public profile' })).toBeVisible();
  await expectNoHorizontalScroll(page, 'clinician');
});
