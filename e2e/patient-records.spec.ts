import type { Page } from '@playwright/test';
import { SPARE_ACCOUNTS } from './accounts';
import { expect, test, textFile, type PatientTabName } from './fixtures';

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

test.use({ patientAccount: SPARE_ACCOUNTS.recordsPatient });

test('a patient keeps several kinds of records, finds them and views them', async ({ patient }) => {
  const { page } = patient;
  await patient.signIn();

  await test.step('several files at once, each encrypted and added', async () => {
    await traceUploadProgress(page);
    await patient.chooseFiles([
      textFile({ name: 'blood-count.txt', text: 'Haemoglobin 14.1 g/dL' }),
      { name: 'knee-xray.png', mimeType: 'image/png', buffer: PNG },
      textFile({ name: 'discharge-letter.txt', text: 'Discharged home, follow up in 2 weeks.' }),
      textFile({ name: 'ecg.txt', text: 'Sinus rhythm, 72 bpm.' }),
    ]);
    await expect(patient.records).toHaveCount(4, { timeout: 60_000 });
    await expect(patient.pendingUploads).toHaveCount(0);
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
    await patient.writeNote('Symptoms this week', 'Knee pain after running, better with rest.');
    await expect(patient.records).toHaveCount(5, { timeout: 60_000 });
    const note = patient.records.filter({ hasText: 'Symptoms this week.txt' });
    await expect(note).toContainText('Note ·');
  });

  await test.step('search and filter by kind', async () => {
    await patient.search('knee');
    await expect(patient.records).toHaveCount(1);
    await expect(patient.recordTitles).toHaveText('knee-xray.png');
    await patient.search('');
    await patient.showKind('note');
    await expect(patient.records).toHaveCount(1);
    await expect(patient.recordTitles).toHaveText('Symptoms this week.txt');
    await patient.showKind('all');
    await expect(patient.records).toHaveCount(5);
  });

  await test.step('an image opens inline and every record offers its original', async () => {
    await patient.openRecord('knee-xray.png');
    await expect(patient.recordImage('knee-xray.png')).toBeVisible();
    const download = await patient.downloadOriginal('knee-xray.png');
    expect(download.suggestedFilename()).toBe('knee-xray.png');
  });

  await patient.screenshot(test.info().outputPath('patient-records.png'));

  await test.step('the sections are tabs: arrow keys, the URL hash, reload and back', async () => {
    const tab = (name: PatientTabName) => patient.tab(name);
    await expect(tab('Records')).toHaveAttribute('aria-selected', 'true');
    await expect(tab('Records')).toHaveAttribute('tabindex', '0');
    await expect(tab('Sharing')).toHaveAttribute('tabindex', '-1');
    // Only the shown section loads: the others mount when first opened.
    await expect(page.getByTestId('tabpanel-activity')).toBeEmpty();

    await tab('Records').focus();
    await page.keyboard.press('ArrowRight');
    await expect(tab('Sharing')).toBeFocused();
    await expect(tab('Sharing')).toHaveAttribute('aria-selected', 'true');
    await expect(patient.tabPanel('Sharing')).toBeVisible();
    await expect(patient.records.first()).toBeHidden();
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
    await expect(patient.activityTimeline).toBeVisible();
    await patient.reloadAndUnlock();
    await expect(tab('Activity')).toHaveAttribute('aria-selected', 'true');
    await expect(patient.activityTimeline).toBeVisible();

    await tab('Export').click();
    await page.goBack();
    await expect(tab('Activity')).toHaveAttribute('aria-selected', 'true');
    // The skip link's anchor names no tab, so it leaves the section shown.
    await page.getByRole('link', { name: 'Skip to content' }).press('Enter');
    await expect(tab('Activity')).toHaveAttribute('aria-selected', 'true');
  });
});
