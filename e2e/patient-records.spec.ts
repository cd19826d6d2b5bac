import type { Page } from '@playwright/test';
import { SPARE_ACCOUNTS } from './accounts';
import { connectWallet, expect, installTestWallet, test, unlockKey } from './fixtures';

type ProgressTrace = Record<string, { value: number; stage: string }[]>;
const STAGES = ['Encrypting…', 'Storing encrypted file…', 'Waiting for your wallet…', 'Confirming on the network…', 'Done'];

/** Records every value and stage each upload's progress bar shows, as the page renders them. */
async function traceUploadProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const trace: Record<string, { value: number; stage: string }[]> = {};
    Object.assign(window, { __uploadTrace: trace });
    const record = () =>
      document.querySelectorAll('[data-testid="pending-upload"]').forEach((item) => {
        const bar = item.querySelector('[role="progressbar"]');
        if (!bar) return;
        const entry = { value: Number(bar.getAttribute('aria-valuenow')), stage: item.querySelector('[data-testid="upload-stage"]')?.textContent ?? '' };
        const list = (trace[bar.getAttribute('aria-label') ?? ''] ??= []);
        const last = list.at(-1);
        if (!last || last.value !== entry.value || last.stage !== entry.stage) list.push(entry);
      });
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

const uploadTrace = (page: Page) => page.evaluate(() => (window as unknown as { __uploadTrace: ProgressTrace }).__uploadTrace);

// 1×1 transparent PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

test('a patient keeps several kinds of records, finds them and views them', async ({ browser, traffic }) => {
  const context = await browser.newContext();
  await installTestWallet(context, SPARE_ACCOUNTS.recordsPatient, traffic);
  const page = await context.newPage();
  await page.goto('/patient');
  await connectWallet(page, /connect wallet to continue/i);
  await unlockKey(page);

  await test.step('several files at once, each encrypted and added', async () => {
    await traceUploadProgress(page);
    await page.getByTestId('record-file-input').setInputFiles([
      { name: 'blood-count.txt', mimeType: 'text/plain', buffer: Buffer.from('Haemoglobin 14.1 g/dL') },
      { name: 'knee-xray.png', mimeType: 'image/png', buffer: PNG },
      { name: 'discharge-letter.txt', mimeType: 'text/plain', buffer: Buffer.from('Discharged home, follow up in 2 weeks.') },
      { name: 'ecg.txt', mimeType: 'text/plain', buffer: Buffer.from('Sinus rhythm, 72 bpm.') },
    ]);
    await expect(page.getByTestId('record-item')).toHaveCount(4, { timeout: 60_000 });
    await expect(page.getByTestId('pending-upload')).toHaveCount(0);
  });

  await test.step('each file had one progress bar through every stage, at 100 % only once added', async () => {
    const trace = await uploadTrace(page);
    expect(Object.keys(trace).sort()).toEqual(['Adding blood-count.txt', 'Adding discharge-letter.txt', 'Adding ecg.txt', 'Adding knee-xray.png']);
    for (const [file, seen] of Object.entries(trace)) {
      const values = seen.map((s) => s.value);
      expect(values, file).toEqual([...values].sort((a, b) => a - b));
      expect(seen.at(-1), file).toEqual({ value: 100, stage: 'Done' });
      expect(seen.filter((s) => s.value === 100).every((s) => s.stage === 'Done'), file).toBe(true);
      const stages = [...new Set(seen.map((s) => s.stage))];
      expect(stages, file).toEqual(STAGES.filter((stage) => stages.includes(stage)));
      // The transaction stage is waited on, so it always renders before Done.
      expect(stages, file).toContain('Confirming on the network…');
    }
  });

  await test.step('a typed note becomes a record', async () => {
    await page.getByText('Or write a note').click();
    await page.getByLabel('Title').fill('Symptoms this week');
    await page.getByLabel('Note', { exact: true }).fill('Knee pain after running, better with rest.');
    await page.getByRole('button', { name: 'Save note' }).click();
    await expect(page.getByTestId('record-item')).toHaveCount(5, { timeout: 60_000 });
    const note = page.getByTestId('record-item').filter({ hasText: 'Symptoms this week.txt' });
    await expect(note).toContainText('Note ·');
  });

  await test.step('search and filter by kind', async () => {
    await page.getByLabel('Search your records').fill('knee');
    await expect(page.getByTestId('record-item')).toHaveCount(1);
    await expect(page.getByTestId('record-title')).toHaveText('knee-xray.png');
    await page.getByLabel('Search your records').fill('');
    await page.getByLabel('Show').selectOption('note');
    await expect(page.getByTestId('record-item')).toHaveCount(1);
    await expect(page.getByTestId('record-title')).toHaveText('Symptoms this week.txt');
    await page.getByLabel('Show').selectOption('all');
    await expect(page.getByTestId('record-item')).toHaveCount(5);
  });

  await test.step('an image opens inline and every record offers its original', async () => {
    const xray = page.getByTestId('record-item').filter({ hasText: 'knee-xray.png' });
    await xray.getByRole('button', { name: 'Open' }).click();
    await expect(xray.getByRole('img', { name: 'Contents of knee-xray.png' })).toBeVisible();
    const download = page.waitForEvent('download');
    await xray.getByRole('link', { name: 'Download original' }).click();
    expect((await download).suggestedFilename()).toBe('knee-xray.png');
  });

  await page.screenshot({ path: test.info().outputPath('patient-records.png'), fullPage: true });

  await test.step('the sections are tabs: arrow keys, the URL hash, reload and back', async () => {
    const tab = (name: string) => page.getByRole('tab', { name: new RegExp(`^${name}\\b`) });
    await expect(tab('Records')).toHaveAttribute('aria-selected', 'true');
    await expect(tab('Records')).toHaveAttribute('tabindex', '0');
    await expect(tab('Sharing')).toHaveAttribute('tabindex', '-1');
    // Only the shown section loads: the others mount when first opened.
    await expect(page.getByTestId('tabpanel-activity')).toBeEmpty();

    await tab('Records').focus();
    await page.keyboard.press('ArrowRight');
    await expect(tab('Sharing')).toBeFocused();
    await expect(tab('Sharing')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel', { name: /^Sharing/ })).toBeVisible();
    await expect(page.getByTestId('record-item').first()).toBeHidden();
    await page.keyboard.press('End');
    await expect(tab('Export')).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(tab('Records')).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(tab('Export')).toBeFocused();
    await page.keyboard.press('Home');
    await expect(tab('Records')).toBeFocused();
    await expect(page).toHaveURL(/\/patient#records$/);

    await tab('Activity').click();
    await expect(page).toHaveURL(/\/patient#activity$/);
    await expect(page.getByTestId('activity-timeline')).toBeVisible();
    await page.reload();
    await unlockKey(page);
    await expect(tab('Activity')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('activity-timeline')).toBeVisible();

    await tab('Export').click();
    await page.goBack();
    await expect(tab('Activity')).toHaveAttribute('aria-selected', 'true');
    // The skip link's anchor names no tab, so it leaves the section shown.
    await page.getByRole('link', { name: 'Skip to content' }).press('Enter');
    await expect(tab('Activity')).toHaveAttribute('aria-selected', 'true');
  });
  await context.close();
});
